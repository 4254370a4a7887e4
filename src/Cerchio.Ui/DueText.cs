using Cerchio.Text;

namespace Cerchio.Ui;

/// <summary>A due time as people read it: "scade tra 2 h", "scaduto da 35 min" (a case's SLA, a loop to close).</summary>
public static class DueText
{
    public static string Of(DateTimeOffset due, DateTimeOffset now, Loc l) =>
        due < now ? l.F("scaduto da {0}", Span(now - due, l)) : l.F("scade tra {0}", Span(due - now, l));

    /// <summary>Whole minutes under an hour, whole hours under two days, then whole days; never "0 min".</summary>
    public static string Span(TimeSpan span, Loc l) =>
        span < TimeSpan.FromHours(1) ? l.F("{0} min", Math.Max(1, (int)span.TotalMinutes))
        : span < TimeSpan.FromHours(48) ? l.F("{0} h", (int)span.TotalHours)
        : l.F("{0} g", (int)span.TotalDays);
}
