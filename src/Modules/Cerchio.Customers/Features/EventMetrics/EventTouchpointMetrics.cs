using Cerchio.Customers.Contracts;
using Cerchio.Customers.Domain;
using Cerchio.Data;
using Cerchio.Text;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Customers.Features.EventMetrics;

/// <summary>
/// How many events other systems sent (orders, deliveries, invoices, visits, calls: the events API's types) per
/// touchpoint, by the day they happened. What Cerchio records itself on the timeline (a case opened, a customer
/// changed) is left out: the desk counts its cases on its own.
/// </summary>
internal sealed class EventTouchpointMetrics(CerchioDb db, IOrganizationTimeZone zone, ICustomerDirectory customers) : ITouchpointMetricSource
{
    public const string Events = "events";

    // Volume is shown, not judged: more deliveries is neither good nor bad. The contract asks for a side; lower it is.
    private static readonly IReadOnlyList<TouchpointMetric> All = [new(Events, "Eventi", TouchpointMetricUnit.Count, HigherIsBetter: false, Rank: 60)];

    public IReadOnlyList<TouchpointMetric> Metrics => All;

    public async Task<IReadOnlyList<TouchpointMeasure>> MeasureAsync(DateOnly from, DateOnly to, TouchpointAudience? audience, CancellationToken ct = default)
    {
        var counts = await (await CountedAsync(from, to, audience, ct))
            .GroupBy(e => e.TouchpointCode!)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return counts.Select(c => new TouchpointMeasure(c.Code, Events, c.Count, c.Count)).ToList();
    }

    /// <summary>The events listed behind a card's number: the page's filters are the same days and touchpoint.</summary>
    public string? RowsPath(string touchpoint, string metric, DateOnly from, DateOnly to, TouchpointAudience? audience = null) =>
        metric == Events ? TouchpointEvents.PathOf(touchpoint, from, to, audience) : null;

    /// <summary>
    /// The events the metric counts in the organization's days <paramref name="from"/>…<paramref name="to"/> (both
    /// included): sent by another system, on a touchpoint; with an audience, of its customers only (a contact's events
    /// carry its company's id). The count and the list behind it both read this query.
    /// </summary>
    public async Task<IQueryable<TimelineEvent>> CountedAsync(DateOnly from, DateOnly to, TouchpointAudience? audience, CancellationToken ct = default)
    {
        var ids = audience is null ? null : await customers.IdsWithAttributeAsync(audience.Attribute, audience.Value, ct);
        var timeZone = await zone.GetAsync(ct);
        var start = Times.StartOfDay(from, timeZone);
        var end = Times.EndOfDay(to, timeZone);
        var external = EventTypes.External;
        var events = db.Set<TimelineEvent>().AsNoTracking()
            .Where(e => e.OccurredAt >= start && e.OccurredAt < end && e.TouchpointCode != null && external.Contains(e.Type));
        return ids is null ? events : events.Where(OfCustomers(ids));
    }

    /// <summary>The events of these customers (<see cref="IdLists"/>).</summary>
    public static System.Linq.Expressions.Expression<Func<TimelineEvent, bool>> OfCustomers(IReadOnlyCollection<Guid> customers, int maxParameters = IdLists.MaxParameters) =>
        IdLists.Contains<TimelineEvent>(customers, e => e.CustomerId, maxParameters);
}
