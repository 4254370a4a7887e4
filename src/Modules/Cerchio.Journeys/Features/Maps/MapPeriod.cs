using Cerchio.Journeys.Features.Metrics;
using Cerchio.Text;

namespace Cerchio.Journeys.Features.Maps;

/// <summary>
/// The period a page of numbers shows (the map, its export and shared link, the owner's view), from its dal/al query:
/// the one asked for, or the last 30 days when it is missing or makes no sense, with the reason to say next to the
/// form. Same lengths as the metrics API, which refuses what the pages fall back from.
/// </summary>
internal static class MapPeriod
{
    /// <summary>?persona=1: the numbers of the journey's persona's customers only (the map, its export).</summary>
    public const string PersonaParameter = "persona";

    public static bool PersonaOnly(string? value) => value?.Trim() is "1" or "true";

    public static (DateOnly From, DateOnly To, string? Error) Parse(string? from, string? to, DateOnly today)
    {
        var first = today.AddDays(1 - TouchpointMetrics.DefaultDays);
        if (from is null && to is null)
        {
            return (first, today, null);
        }

        if (Times.ParseFormDate(from) is not { } f || Times.ParseFormDate(to) is not { } t)
        {
            return (first, today, "Date non valide: mostro gli ultimi 30 giorni.");
        }

        if (f > t || t.DayNumber - f.DayNumber >= TouchpointMetrics.MaxDays)
        {
            return (first, today, "Il periodo va da una data a una successiva, per al massimo un anno: mostro gli ultimi 30 giorni.");
        }

        return (f, t, null);
    }
}
