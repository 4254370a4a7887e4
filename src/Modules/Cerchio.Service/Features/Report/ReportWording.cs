using System.Globalization;
using Cerchio.Text;

namespace Cerchio.Service.Features.Report;

/// <summary>The report's numbers as people read them: "2 h 15 min lavorative", "87,5 %" (per locale).</summary>
internal static class ReportWording
{
    /// <summary>Below this many cases a figure is marked as resting on few cases, so nobody over-reads it.</summary>
    public const int FewCases = 5;

    /// <summary>Hours and minutes of business time, never days: a business day is not 24 hours, and calendars differ.</summary>
    public static string Duration(TimeSpan? span, Loc l)
    {
        if (span is not { } s)
        {
            return "—";
        }

        var minutes = (long)Math.Round(s.TotalMinutes, MidpointRounding.AwayFromZero);
        return minutes < 1 ? l["meno di 1 min lavorativo"]
            : minutes < 60 ? l.F("{0} min lavorativi", minutes)
            : minutes % 60 == 0 ? l.F("{0} h lavorative", minutes / 60)
            : l.F("{0} h {1} min lavorative", minutes / 60, minutes % 60);
    }

    /// <summary>One decimal, and only when it says something: "87,5 %", "100 %".</summary>
    public static string Percent(double? share, Loc l) =>
        share is { } p ? l.F("{0} %", Math.Round(p, 1).ToString("0.#", CultureInfo.CurrentCulture)) : "—";

    public static string Count(int n) => n.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>The range of a series step, short: "3/11–9/11".</summary>
    public static string Step(DateOnly from, DateOnly to, bool monthly) => PeriodSteps.Label(from, to, monthly);
}
