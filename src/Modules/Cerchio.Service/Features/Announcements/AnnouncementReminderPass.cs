using Cerchio.Data;
using Cerchio.Data.Sweeps;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cerchio.Service.Features.Announcements;

/// <summary>
/// Reminds, before the launch, the people of an announcement's audience who have not acknowledged it. Once across
/// instances: a conditional UPDATE of <see cref="Announcement.RemindedAt"/> claims the reminder in the transaction
/// that queues the emails, so of two passes at once only one wins, and nothing is sent unless it commits.
/// </summary>
internal sealed class AnnouncementReminderPass(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AnnouncementReminderPass> logger) : ISweepPass
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<(Guid Id, Guid OrganizationId)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = (await scope.ServiceProvider.GetRequiredService<CerchioDb>().Set<Announcement>().IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.Status == AnnouncementStatus.Published && a.RemindAt <= now && a.RemindedAt == null && a.EffectiveAt > now)
                .Select(a => new { a.Id, a.OrganizationId })
                .Take(100)
                .ToListAsync(ct)).Select(a => (a.Id, a.OrganizationId)).ToList();
        }

        return await SweepItems.EachAsync(scopes, due, "promemoria annunci", (services, id) => RemindAsync(services, id, now, ct), logger, ct);
    }

    private static async Task<bool> RemindAsync(IServiceProvider services, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var db = services.GetRequiredService<CerchioDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var won = await db.Set<Announcement>().Where(a => a.Id == id && a.RemindedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.RemindedAt, now), ct);
        if (won == 0)
        {
            return false;   // another instance has it (the transaction rolls back on dispose)
        }

        var announcement = await db.Set<Announcement>().AsNoTracking().FirstAsync(a => a.Id == id, ct);
        var pending = await db.Set<AnnouncementReceipt>().Where(r => r.AnnouncementId == id && r.AcknowledgedAt == null).ToListAsync(ct);
        var announcements = services.GetRequiredService<Announcements>();
        var told = await services.GetRequiredService<INotifications>().AddAsync(
            new NewNotification(NotificationKind.AnnouncementReminder, Announcements.PageOf(id), "Da confermare prima del lancio: {0}", announcement.Title),
            pending.Select(r => r.UserId), ct);
        var outbox = services.GetRequiredService<Cerchio.Data.Outbox.EmailOutbox>();
        foreach (var message in await announcements.MessagesAsync(announcement, told, reminder: true, ct))
        {
            outbox.Queue(message, relatedId: id);
        }

        foreach (var receipt in pending)
        {
            receipt.RemindedAt = now;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
