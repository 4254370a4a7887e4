using Cerchio.Data;
using Cerchio.Data.Sweeps;
using Cerchio.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cerchio.Service.Features.Announcements;

/// <summary>
/// Until its launch, an announcement's audience follows its departments and roles: someone who joins customer service
/// (or becomes an agent) after the publication gets it too — a receipt, the bell and the email — so the front line
/// on launch day is the one informed. After the launch the audience stays as it was. Across instances the receipts'
/// unique index lets one of two passes add a person; the other's save fails and it finds nothing missing next time.
/// </summary>
internal sealed class AudienceCatchUpPass(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AudienceCatchUpPass> logger) : ISweepPass
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<(Guid Id, Guid OrganizationId)> upcoming;
        await using (var scope = scopes.CreateAsyncScope())
        {
            upcoming = (await scope.ServiceProvider.GetRequiredService<CerchioDb>().Set<Announcement>().IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.Status == AnnouncementStatus.Published && a.EffectiveAt > now)
                .OrderBy(a => a.EffectiveAt)
                .Select(a => new { a.Id, a.OrganizationId })
                .Take(200)
                .ToListAsync(ct)).Select(a => (a.Id, a.OrganizationId)).ToList();
        }

        return await SweepItems.EachAsync(scopes, upcoming, "pubblico degli annunci", (services, id) => CatchUpAsync(services, id, ct), logger, ct);
    }

    private static async Task<bool> CatchUpAsync(IServiceProvider services, Guid id, CancellationToken ct)
    {
        var db = services.GetRequiredService<CerchioDb>();
        var announcement = await db.Set<Announcement>().AsNoTracking().FirstAsync(a => a.Id == id, ct);
        var announcements = services.GetRequiredService<Announcements>();
        var receipts = await db.Set<AnnouncementReceipt>().Where(r => r.AnnouncementId == id).Select(r => r.UserId).ToListAsync(ct);
        var missing = (await announcements.AudienceOfAsync(announcement, ct)).Select(m => m.UserId).Except(receipts).ToList();
        if (missing.Count == 0)
        {
            return false;
        }

        await announcements.TellAsync(announcement, missing, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
