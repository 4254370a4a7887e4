using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Cerchio.Text;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Organizations.Features.Notifications;

/// <summary>
/// The notification store: every module adds through <see cref="INotifications"/>; the bell and the page read here,
/// always the signed-in person's own notifications in the current organization, so another person's answer 404.
/// </summary>
internal sealed class Notifications(CerchioDb db, OrganizationContext tenant, IOrganizationDirectory directory, Loc l, TimeProvider clock)
    : INotifications
{
    /// <summary>The page lists this many, newest first; older ones stay counted until marked read.</summary>
    public const int PageSize = 100;

    public async Task<IReadOnlyList<MemberContact>> AddAsync(NewNotification notification, IEnumerable<Guid> recipients, CancellationToken ct = default)
    {
        // The directory answers for the current organization's active members only: nobody outside it is told anything.
        var people = await directory.ContactsOfMembersAsync(recipients.Where(r => r != tenant.UserId), ct);
        var now = clock.GetUtcNow();
        var link = LocalUrls.Safe(notification.Link);
        foreach (var person in people)
        {
            var title = Loc.In(person.Language, () => l.F(notification.Title, notification.TitleArgs));
            db.Add(new Notification
            {
                Id = Ids.New(),
                RecipientId = person.UserId,
                Kind = notification.Kind,
                Title = title.Length > Notification.MaxTitle ? title[..(Notification.MaxTitle - 1)] + "…" : title,
                Link = link.Length > Notification.MaxLink ? "/" : link,
                CreatedAt = now,
            });
        }

        return people;
    }

    private IQueryable<Notification> Mine => db.Set<Notification>().Where(n => n.RecipientId == (tenant.UserId ?? Guid.Empty));

    public Task<int> UnreadCountAsync(CancellationToken ct = default) => Mine.CountAsync(n => n.ReadAt == null, ct);

    public async Task<List<Notification>> LatestAsync(CancellationToken ct = default) =>
        await Mine.AsNoTracking().OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(PageSize).ToListAsync(ct);

    /// <summary>Marks one of the person's notifications read and says where it leads; null when it is not theirs (or does not exist).</summary>
    public async Task<string?> OpenAsync(Guid id, CancellationToken ct = default)
    {
        var notification = await Mine.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null)
        {
            return null;
        }

        notification.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return notification.Link;
    }

    /// <summary>Marks every unread notification of the person read, in one statement.</summary>
    public Task<int> MarkAllReadAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return Mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
