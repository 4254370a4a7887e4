namespace Cerchio.Touchpoints;

/// <summary>How a touchpoint metric reads: a count, a share in %, a duration in business hours, a score.</summary>
public enum TouchpointMetricUnit
{
    Count = 1,
    Percent = 2,
    Hours = 3,
    Score = 4,
}

/// <param name="Key">Stable: what a journey's heat setting and the API name it by ("cases", "complaints", "sla").</param>
/// <param name="Label">Italian, as pages translate it (the source module's translations carry the English).</param>
/// <param name="HigherIsBetter">SLA compliance and NPS: a higher value is good; case volume and waiting times: bad.</param>
/// <param name="Rank">Where a card shows it among every source's metrics, lowest first (the customer's voice before the desk's volumes, those before the events').</param>
public sealed record TouchpointMetric(string Key, string Label, TouchpointMetricUnit Unit, bool HigherIsBetter, int Rank = 100);

/// <summary>One metric of one touchpoint over a period, measured on <paramref name="Basis"/> rows (cases, events, answers).</summary>
public sealed record TouchpointMeasure(string Touchpoint, string Metric, double Value, int Basis);

/// <summary>
/// The customers a number is cut to: those whose custom attribute <paramref name="Attribute"/> holds
/// <paramref name="Value"/> (a persona's match, settore = edilizia). Both are compared as the customers module compares
/// attribute values: trimmed, ignoring case. A contact's rows count for the company it belongs to. No audience (null)
/// means every customer, and rows with no customer at all.
/// </summary>
public sealed record TouchpointAudience(string Attribute, string Value);

/// <summary>
/// A module that measures something per touchpoint (the desk its cases, the customers module its events, the surveys
/// their answers) publishes it here; the journey map, its export and the API show every source's metrics without
/// knowing where they come from. Values are computed from the module's own rows, never typed in.
/// </summary>
public interface ITouchpointMetricSource
{
    /// <summary>The metrics this source measures, in the order a card shows them.</summary>
    IReadOnlyList<TouchpointMetric> Metrics { get; }

    /// <summary>
    /// Every metric of every touchpoint with rows in the organization's days <paramref name="from"/>…<paramref name="to"/>
    /// (both included, in its time zone); a touchpoint with nothing to measure is left out rather than given a zero share.
    /// With an <paramref name="audience"/>, only the rows of its customers, measured the same way.
    /// </summary>
    Task<IReadOnlyList<TouchpointMeasure>> MeasureAsync(DateOnly from, DateOnly to, TouchpointAudience? audience, CancellationToken ct = default);

    /// <summary>
    /// The page listing the rows behind a number (the cases, the answers), or null when there is none; with an
    /// <paramref name="audience"/>, the page filtered to its customers, so it lists exactly the rows counted.
    /// </summary>
    string? RowsPath(string touchpoint, string metric, DateOnly from, DateOnly to, TouchpointAudience? audience = null);
}
