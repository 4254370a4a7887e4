using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Tenancy;

namespace Cerchio.Customers.Features.IngestEvents;

/// <summary>
/// Reads the ingested events by place, through the index on (organization, type, ingestion time, id): each read is a
/// range of it, however many events came before. Raw SQL for the row-value comparison LINQ cannot say on a Guid; it
/// filters by organization itself.
/// </summary>
internal sealed class EventFeed(CerchioDb db, OrganizationContext tenant) : IEventFeed
{
    private const string Sql = """
        SELECT "Id", "CustomerId", "TouchpointCode", "OccurredAt", "RecordedAt"
        FROM "TimelineEvents"
        WHERE "OrganizationId" = @org AND "Type" = @type AND "RecordedAt" < @before AND ("RecordedAt", "Id") > (@at, @id)
        ORDER BY "RecordedAt", "Id"
        LIMIT @take
        """;

    public async Task<EventFeedPage> NewEventsAsync(
        string type, string? touchpoint, EventPosition after, DateTimeOffset storedBefore, int take, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        var rows = await db.ReadAsync(
            Sql,
            new Dictionary<string, object?>
            {
                ["org"] = tenant.RequiredOrganizationId, ["type"] = type, ["before"] = storedBefore.ToUniversalTime(),
                ["at"] = after.RecordedAt.ToUniversalTime(), ["id"] = after.Id, ["take"] = take,
            },
            r => new FeedEvent(r.GetGuidValue(0), r.GetGuidValue(1), type, r.GetNullableString(2), r.GetTimeValue(3), new EventPosition(r.GetTimeValue(4), r.GetGuidValue(0))),
            ct);
        // The touchpoint is filtered here, not in SQL: the place still moves past the events on other touchpoints.
        var on = touchpoint is null ? rows : rows.Where(e => string.Equals(e.Touchpoint, touchpoint, StringComparison.OrdinalIgnoreCase)).ToList();
        return new EventFeedPage(on, rows.Count > 0 ? rows[^1].Position : after, rows.Count);
    }
}
