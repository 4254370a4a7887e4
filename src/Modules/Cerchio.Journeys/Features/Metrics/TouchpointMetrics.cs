using Cerchio.Text;
using Cerchio.Touchpoints;

namespace Cerchio.Journeys.Features.Metrics;

/// <summary>
/// One number of a touchpoint's card. <see cref="Value"/> is null when the period has nothing to measure it on (no
/// case answered: no median) while the previous one had; <see cref="Previous"/> likewise. A count missing from one
/// period is zero there: nothing happened.
/// </summary>
/// <param name="Basis">The rows behind the value (cases, decided cases, events); <see cref="PreviousBasis"/> the previous period's.</param>
/// <param name="RowsPath">The page listing the rows behind the value, or null; <see cref="PreviousRowsPath"/> those behind the previous one.</param>
internal sealed record TouchpointNumber(
    TouchpointMetric Metric, double? Value, double? Previous, int Basis, int PreviousBasis, string? RowsPath, string? PreviousRowsPath);

/// <summary>
/// Every source's numbers for the days <see cref="From"/>…<see cref="To"/> beside those of the period of the same
/// length just before (<see cref="PreviousFrom"/>…<see cref="PreviousTo"/>). <see cref="ByTouchpoint"/> holds only
/// touchpoints with something measured in either period, by code, their numbers in the sources' order.
/// </summary>
internal sealed record TouchpointNumbers(
    DateOnly From, DateOnly To, DateOnly PreviousFrom, DateOnly PreviousTo,
    IReadOnlyList<TouchpointMetric> Definitions, IReadOnlyDictionary<string, IReadOnlyList<TouchpointNumber>> ByTouchpoint,
    TouchpointAudience? Audience = null)
{
    /// <summary>A touchpoint's numbers; none for a touchpoint with nothing measured.</summary>
    public IReadOnlyList<TouchpointNumber> Of(string code) => ByTouchpoint.GetValueOrDefault(code) ?? [];
}

/// <summary>
/// The journey map's live numbers: asks every <see cref="ITouchpointMetricSource"/> (the desk, the events, later the
/// surveys) for the period and the one before it, and puts each touchpoint's numbers together. Use
/// <see cref="MeasureAsync"/> for a period; <see cref="Definitions"/> lists what a card can show.
/// </summary>
internal sealed class TouchpointMetrics(IEnumerable<ITouchpointMetricSource> sources, IOrganizationTimeZone zone, TimeProvider clock)
{
    /// <summary>The longest period asked at once: a year, leap day included.</summary>
    public const int MaxDays = 366;

    /// <summary>The default period's length: the last 30 days, today included.</summary>
    public const int DefaultDays = 30;

    private readonly IReadOnlyList<ITouchpointMetricSource> _sources = sources.ToList();

    /// <summary>Every metric of every source by rank (then in the sources' order); keys are unique across sources.</summary>
    public IReadOnlyList<TouchpointMetric> Definitions => _sources.SelectMany(s => s.Metrics).DistinctBy(m => m.Key).OrderBy(m => m.Rank).ToList();

    /// <summary>Today in the organization's time zone: where the default period ends.</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken ct = default) => Times.DayIn(clock.GetUtcNow(), await zone.GetAsync(ct));

    /// <summary>
    /// Every touchpoint's numbers for the days <paramref name="from"/>…<paramref name="to"/> (both included, the
    /// organization's time zone) and for the same number of days just before.
    /// </summary>
    public Task<TouchpointNumbers> MeasureAsync(DateOnly from, DateOnly to, CancellationToken ct = default) => MeasureAsync(from, to, null, ct);

    /// <summary>The same, counting only the rows of the <paramref name="audience"/>'s customers (every customer's when null); the rows' pages filtered alike.</summary>
    public async Task<TouchpointNumbers> MeasureAsync(DateOnly from, DateOnly to, TouchpointAudience? audience, CancellationToken ct = default)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        var previousTo = from.AddDays(-1);
        var previousFrom = from.AddDays(-days);
        var byTouchpoint = new Dictionary<string, List<TouchpointNumber>>(StringComparer.Ordinal);
        foreach (var source in _sources)
        {
            // One after the other: the sources share the request's DbContext, which runs one query at a time.
            var current = Index(await source.MeasureAsync(from, to, audience, ct));
            var previous = Index(await source.MeasureAsync(previousFrom, previousTo, audience, ct));
            foreach (var code in current.Keys.Select(k => k.Touchpoint).Union(previous.Keys.Select(k => k.Touchpoint)).Distinct())
            {
                foreach (var metric in source.Metrics)
                {
                    var now = current.GetValueOrDefault((code, metric.Key));
                    var before = previous.GetValueOrDefault((code, metric.Key));
                    if (now is null && before is null)
                    {
                        continue;
                    }

                    if (!byTouchpoint.TryGetValue(code, out var numbers))
                    {
                        byTouchpoint[code] = numbers = [];
                    }

                    numbers.Add(new TouchpointNumber(
                        metric, ValueOf(now, metric), ValueOf(before, metric), now?.Basis ?? 0, before?.Basis ?? 0,
                        source.RowsPath(code, metric.Key, from, to, audience), source.RowsPath(code, metric.Key, previousFrom, previousTo, audience)));
                }
            }
        }

        return new TouchpointNumbers(from, to, previousFrom, previousTo, Definitions,
            byTouchpoint.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<TouchpointNumber>)kv.Value.OrderBy(n => n.Metric.Rank).ToList(), StringComparer.Ordinal),
            audience);
    }

    private static Dictionary<(string Touchpoint, string Metric), TouchpointMeasure> Index(IReadOnlyList<TouchpointMeasure> measures) =>
        measures.DistinctBy(m => (m.Touchpoint, m.Metric)).ToDictionary(m => (m.Touchpoint, m.Metric));

    /// <summary>A count missing from a period is zero; a median or a share missing has no value.</summary>
    private static double? ValueOf(TouchpointMeasure? measure, TouchpointMetric metric) =>
        measure?.Value ?? (metric.Unit == TouchpointMetricUnit.Count ? 0 : null);
}
