using Cerchio.Data;
using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Announcements;

/// <summary>The cruscotto's "front line informed first" rate, counted by the database.</summary>
internal sealed class FrontLineReadinessQuery(CerchioDb db) : IFrontLineReadiness
{
    public async Task<FrontLineReadiness> InformedFirstAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var launched = db.Set<Announcement>().Where(a => a.Status != AnnouncementStatus.Draft && a.EffectiveAt >= from && a.EffectiveAt < to);
        var counts = await (from r in db.Set<AnnouncementReceipt>()
                            join a in launched on r.AnnouncementId equals a.Id
                            select new { Informed = (a.RequiresAcknowledgement ? r.AcknowledgedAt : r.ReadAt) < a.EffectiveAt ? 1 : 0 })
            .GroupBy(_ => 1)
            .Select(g => new { Audience = g.Count(), Informed = g.Sum(x => x.Informed) })
            .FirstOrDefaultAsync(ct);
        return new FrontLineReadiness(await launched.CountAsync(ct), counts?.Audience ?? 0, counts?.Informed ?? 0);
    }
}
