using System.Text.Json;
using Cerchio.Customers.Contracts;
using Cerchio.Customers.Domain;
using Cerchio.Customers.Features.Records;
using Cerchio.Data;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Customers.Features.Directory;

internal sealed class CustomerDirectory(CerchioDb db, CustomerRecords records) : ICustomerDirectory
{
    private IQueryable<Customer> Active => db.Set<Customer>().Where(c => c.MergedIntoId == null).AsNoTracking();

    public async Task<CustomerCounts> CountsAsync(DateTimeOffset eventsSince, CancellationToken ct = default) =>
        new(
            await db.Set<Customer>().CountAsync(c => c.MergedIntoId == null, ct),
            await db.Set<TimelineEvent>().CountAsync(e => e.OccurredAt >= eventsSince, ct));

    public async Task<CustomerSummary?> FindAsync(CustomerReference reference, CancellationToken ct = default) =>
        await records.FindAsync(reference.Normalized(), ct) is { } customer ? Summary(customer) : null;

    public async Task<CustomerSummary?> GetAsync(Guid customerId, CancellationToken ct = default) =>
        (await GetManyAsync([customerId], ct)).GetValueOrDefault(customerId);

    public async Task<IReadOnlyDictionary<Guid, CustomerSummary>> GetManyAsync(IEnumerable<Guid> customerIds, CancellationToken ct = default)
    {
        var ids = customerIds.Distinct().ToList();
        var found = new Dictionary<Guid, CustomerSummary>();
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var customer in await db.Set<Customer>().AsNoTracking().Where(c => chunk.Contains(c.Id)).ToListAsync(ct))
            {
                found[customer.Id] = Summary(customer);
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<CustomerSummary>> SearchAsync(string text, int take, CancellationToken ct = default)
    {
        var rows = await CustomerRecords.Filter(Active, text, CustomerFilter.All)
            .OrderBy(c => c.Name).Take(Math.Clamp(take, 1, 50)).ToListAsync(ct);
        return rows.Select(Summary).ToList();
    }

    public void RecordOnTimeline(Guid customerId, TimelineEntry entry) =>
        db.Add(new TimelineEvent
        {
            Id = Ids.New(),
            CustomerId = customerId,
            Type = entry.Type,
            OccurredAt = entry.OccurredAt,
            RecordedAt = entry.OccurredAt,
            Summary = entry.Summary,
            TouchpointCode = entry.Touchpoint,
            Source = entry.Source,
            ActorName = entry.ActorName,
            Properties = entry.Link is null ? "{}" : JsonSerializer.Serialize(new Dictionary<string, string> { ["link"] = entry.Link }),
        });

    private static CustomerSummary Summary(Customer c) =>
        new(c.Id, c.Name, c.Kind == CustomerKind.Company, c.Email, c.Phone, c.City, c.ExternalId);
}
