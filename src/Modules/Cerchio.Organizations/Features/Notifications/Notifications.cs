using System.Globalization;
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
    /// <summary>The page lists this many, newest first; "Mostra le precedenti" goes on from the last one shown.</summary>
    public const int PageSize = 50;

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

    /// <summary>One page of the person's notifications, newest first, after <paramref name="after"/> (by keyset, no OFFSET).</summary>
    public async Task<NotificationPage> PageAsync(NotificationCursor? after, CancellationToken ct = default)
    {
        var query = Mine.AsNoTracking();
        if (after is { } cursor)
        {
            var (at, id) = (cursor.At, cursor.Id);
            query = query.Where(n => n.CreatedAt < at || (n.CreatedAt == at && n.Id.CompareTo(id) < 0));
        }

        // One more than a page tells whether there is a next one.
        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(PageSize + 1).ToListAsync(ct);
        if (rows.Count <= PageSize)
        {
            return new NotificationPage(rows, null);
        }

        var last = rows[PageSize - 1];
        return new NotificationPage(rows[..PageSize], new NotificationCursor(last.CreatedAt.UtcTicks, last.Id));
    }

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

internal sealed record NotificationPage(IReadOnlyList<Notification> Items, NotificationCursor? Next);

/// <summary>Where the next page starts: the last shown notification's time (UTC ticks) and id, which breaks ties; "ticks_id" in the address.</summary>
internal readonly record struct NotificationCursor(long Ticks, Guid Id)
{
    public DateTimeOffset At => new(Ticks, TimeSpan.Zero);

    public override string ToString() => $"{Ticks.ToString(CultureInfo.InvariantCulture)}_{Id:N}";

    /// <summary>Anything else than a cursor this page wrote reads as none: the list starts from the newest.</summary>
    public static NotificationCursor? Parse(string? text)
    {
        var parts = text?.Split('_');
        return parts is { Length: 2 }
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && Guid.TryParseExact(parts[1], "N", out var id)
                ? new NotificationCursor(ticks, id)
                : null;
    }
}
