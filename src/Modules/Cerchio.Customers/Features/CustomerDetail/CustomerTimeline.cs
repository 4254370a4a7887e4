using Cerchio.Customers.Domain;
using Cerchio.Data;
using Cerchio.Paging;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Customers.Features.CustomerDetail;

/// <summary>A customer's events, newest first; the page and the API read the same pages.</summary>
internal sealed class CustomerTimeline(CerchioDb db)
{
    public async Task<Page<TimelineEvent>> PageAsync(Guid customerId, int? page, int? size, CancellationToken ct = default)
    {
        var (number, pageSize) = Page<TimelineEvent>.Normalize(page, size, defaultSize: 30);
        var query = db.Set<TimelineEvent>().Where(e => e.CustomerId == customerId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((number - 1) * pageSize).Take(pageSize).AsNoTracking().ToListAsync(ct);
        return new Page<TimelineEvent>(items, number, pageSize, total);
    }
}
