using Cerchio.Customers.Domain;
using Cerchio.Data;
using Cerchio.Paging;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Customers.Features.CustomerDetail;

/// <summary>A customer's events, newest first; the page and the API read the same pages.</summary>
internal sealed class CustomerTimeline(CerchioDb db)
{
    public Task<Page<TimelineEvent>> PageAsync(Guid customerId, int? page, int? size, CancellationToken ct = default) =>
        db.Set<TimelineEvent>().Where(e => e.CustomerId == customerId)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).AsNoTracking()
            .ToPageAsync(page, size, defaultSize: 30, ct: ct);
}
