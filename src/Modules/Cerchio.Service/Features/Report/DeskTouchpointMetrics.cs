using System.Globalization;
using Cerchio.Customers.Contracts;
using Cerchio.Service.Features.Inbox;
using Cerchio.Service.Features.TouchpointDays;
using Cerchio.Touchpoints;

namespace Cerchio.Service.Features.Report;

/// <summary>
/// The desk's numbers per touchpoint for the journey map: the service report's own metrics (PRODUCT.md definitions,
/// business calendar, merged cases left out) over the cases opened in the period, grouped by the touchpoint they name,
/// read from the stored touchpoint days (<see cref="TouchpointFigures"/>); cut to an audience, from its customers' cases.
/// </summary>
internal sealed class DeskTouchpointMetrics(TouchpointFigures figures, ICustomerDirectory customers) : ITouchpointMetricSource
{
    public const string Cases = "cases";
    public const string Complaints = "complaints";
    public const string FirstResponse = "first-response";
    public const string Resolution = "resolution";
    public const string Sla = "sla";

    private static readonly IReadOnlyList<TouchpointMetric> All =
    [
        new(Cases, "Pratiche", TouchpointMetricUnit.Count, HigherIsBetter: false, Rank: 10),
        new(Complaints, "Reclami", TouchpointMetricUnit.Count, HigherIsBetter: false, Rank: 20),
        new(FirstResponse, "Prima risposta (mediana)", TouchpointMetricUnit.Hours, HigherIsBetter: false, Rank: 30),
        new(Resolution, "Risoluzione (mediana)", TouchpointMetricUnit.Hours, HigherIsBetter: false, Rank: 40),
        new(Sla, "Rispetto SLA", TouchpointMetricUnit.Percent, HigherIsBetter: true, Rank: 50),
    ];

    public IReadOnlyList<TouchpointMetric> Metrics => All;

    public async Task<IReadOnlyList<TouchpointMeasure>> MeasureAsync(DateOnly from, DateOnly to, TouchpointAudience? audience, CancellationToken ct = default)
    {
        var measures = new List<TouchpointMeasure>();
        var tallies = audience is null
            ? await figures.ForAsync(from, to, ct)
            : await figures.ForCustomersAsync(from, to, await customers.IdsWithAttributeAsync(audience.Attribute, audience.Value, ct), ct);
        foreach (var (code, m) in tallies)
        {
            // Every touchpoint here has cases: its complaints are a real count, zero included.
            measures.Add(new(code, Cases, m.Cases, m.Cases));
            measures.Add(new(code, Complaints, m.Complaints, m.Cases));
            // A median of no case, or a share of no decided case, is left out rather than shown as zero.
            if (m.FirstResponse is { Median: { } first } firstStats)
            {
                measures.Add(new(code, FirstResponse, first.TotalHours, firstStats.Count));
            }

            if (m.Resolution is { Median: { } resolution } resolutionStats)
            {
                measures.Add(new(code, Resolution, resolution.TotalHours, resolutionStats.Count));
            }

            if (m.SlaDecided > 0)
            {
                measures.Add(new(code, Sla, 100.0 * m.SlaMet / m.SlaDecided, m.SlaDecided));
            }
        }

        return measures;
    }

    /// <summary>
    /// The inbox's "every case" view of the touchpoint and the period, which lists exactly the cases counted (merged ones
    /// left out, days in the same time zone); complaints narrowed to the complaints. The times and the SLA share link
    /// the same cases: the list shows each one's times. An audience narrows the list to its customers' cases.
    /// </summary>
    public string? RowsPath(string touchpoint, string metric, DateOnly from, DateOnly to, TouchpointAudience? audience = null)
    {
        if (All.All(m => m.Key != metric))
        {
            return null;
        }

        var path = $"/assistenza?vista={InboxNames.SlugOf(InboxView.All)}&touchpoint={Uri.EscapeDataString(touchpoint)}"
            + $"&dal={from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&al={to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        if (audience is not null)
        {
            path += $"&{InboxAudience.AttributeParameter}={Uri.EscapeDataString(audience.Attribute)}&{InboxAudience.ValueParameter}={Uri.EscapeDataString(audience.Value)}";
        }

        return metric == Complaints ? path + $"&{InboxNames.ComplaintsParameter}=true" : path;
    }
}
