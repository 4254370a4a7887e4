using Cerchio.Customers.Contracts;
using Cerchio.Customers.Domain;
using Cerchio.Data;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Customers.Features.Directory;

internal sealed class CustomerDirectory(CerchioDb db) : ICustomerDirectory
{
    public async Task<CustomerCounts> CountsAsync(DateTimeOffset eventsSince, CancellationToken ct = default) =>
        new(
            await db.Set<Customer>().CountAsync(c => c.MergedIntoId == null, ct),
            await db.Set<TimelineEvent>().CountAsync(e => e.OccurredAt >= eventsSince, ct));
}
