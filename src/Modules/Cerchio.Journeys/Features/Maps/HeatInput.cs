using Cerchio.Touchpoints;

namespace Cerchio.Journeys.Features.Maps;

/// <summary>How a card stands against its journey's heat thresholds.</summary>
internal enum HeatLevel
{
    None = 0,
    Green = 1,
    Amber = 2,
    Red = 3,
}

/// <summary>
/// The metric that colours a journey's cards and the values at which a card turns amber and red. For a metric where
/// less is better (complaints, waiting) the red threshold sits at or above the amber one; where more is better (SLA
/// compliance, NPS) at or below it.
/// </summary>
internal sealed class HeatInput
{
    public string? Metric { get; set; }
    public double? Amber { get; set; }
    public double? Red { get; set; }

    public Errors Validate(IReadOnlyList<TouchpointMetric> metrics)
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(Metric))
        {
            return errors;
        }

        if (metrics.FirstOrDefault(m => m.Key == Metric.Trim()) is not { } metric)
        {
            return errors.Add("HeatMetric", "Scegli una delle metriche proposte.");
        }

        if (Amber is not { } amber || !double.IsFinite(amber))
        {
            errors.Add("HeatAmber", "Indica da che valore il touchpoint diventa giallo.");
        }

        if (Red is not { } red || !double.IsFinite(red))
        {
            errors.Add("HeatRed", "Indica da che valore il touchpoint diventa rosso.");
        }

        if (!errors.Any && (metric.HigherIsBetter ? Red > Amber : Red < Amber))
        {
            errors.Add("HeatRed", metric.HigherIsBetter
                ? "Per questa metrica più alto è meglio: la soglia rossa va sotto quella gialla."
                : "Per questa metrica più basso è meglio: la soglia rossa va sopra quella gialla.");
        }

        return errors;
    }

    /// <summary>The level of <paramref name="value"/> (none without a value or a setting).</summary>
    public static HeatLevel LevelOf(double? value, TouchpointMetric? metric, double? amber, double? red)
    {
        if (value is not { } v || metric is null || amber is not { } a || red is not { } r)
        {
            return HeatLevel.None;
        }

        return metric.HigherIsBetter
            ? v <= r ? HeatLevel.Red : v <= a ? HeatLevel.Amber : HeatLevel.Green
            : v >= r ? HeatLevel.Red : v >= a ? HeatLevel.Amber : HeatLevel.Green;
    }
}
