using System.Globalization;
using System.Linq.Expressions;

namespace Cerchio.Text;

/// <summary>One step of a time series: the days it covers and its first instant in UTC.</summary>
public sealed record PeriodStep(DateOnly From, DateOnly To, DateTimeOffset Start);

/// <summary>
/// A period cut into weeks (from Monday) or months (from the 1st) in the organization's time zone, the first and last
/// clipped to the period; and the step a row falls in, as one SQL CASE over the steps' first instants, so a series is
/// one GROUP BY on both databases (the desk's report and the survey trends share it).
/// </summary>
public static class PeriodSteps
{
    public static List<PeriodStep> Of(DateOnly from, DateOnly to, bool monthly, TimeZoneInfo zone)
    {
        var steps = new List<PeriodStep>();
        var start = from;
        while (start <= to)
        {
            var next = monthly ? new DateOnly(start.Year, start.Month, 1).AddMonths(1) : start.AddDays(7 - ((int)start.DayOfWeek + 6) % 7);
            var end = next.AddDays(-1) < to ? next.AddDays(-1) : to;
            steps.Add(new PeriodStep(start, end, Times.StartOfDay(start, zone)));
            start = next;
        }

        return steps;
    }

    /// <summary>The index of the step <paramref name="at"/> falls in, translated to SQL; a row before the first step counts in it.</summary>
    public static Expression<Func<T, int>> IndexOf<T, TAt>(IReadOnlyList<PeriodStep> steps, Expression<Func<T, TAt>> at) =>
        Keyed(steps, at, (T _, int step) => step);

    /// <summary>
    /// A grouping key made of the step a row falls in and what else <paramref name="key"/> takes from the row:
    /// <c>Keyed(steps, r =&gt; r.AnsweredAt, (r, step) =&gt; new { step, r.Score })</c> groups by step and score in SQL.
    /// </summary>
    public static Expression<Func<T, TKey>> Keyed<T, TAt, TKey>(IReadOnlyList<PeriodStep> steps, Expression<Func<T, TAt>> at, Expression<Func<T, int, TKey>> key)
    {
        // TAt is DateTimeOffset or DateTimeOffset?: the constants take its type, so the comparison is lifted when it must be.
        Expression step = Expression.Constant(steps.Count - 1);
        for (var i = steps.Count - 1; i >= 1; i--)
        {
            var start = Expression.Constant(steps[i].Start, typeof(TAt));
            step = Expression.Condition(Expression.LessThan(at.Body, start), Expression.Constant(i - 1), step);
        }

        var row = at.Parameters[0];
        var body = new Substitute(new() { [key.Parameters[0]] = row, [key.Parameters[1]] = step }).Visit(key.Body);
        return Expression.Lambda<Func<T, TKey>>(body, row);
    }

    /// <summary>A step's name, short: "nov 2026" for a whole month, "3/11–9/11" otherwise, in the reader's culture.</summary>
    public static string Label(DateOnly from, DateOnly to, bool monthly) =>
        monthly && from.Day == 1 && to == from.AddMonths(1).AddDays(-1)
            ? from.ToString("MMM yyyy", CultureInfo.CurrentCulture)
            : $"{from.ToString("d/M", CultureInfo.CurrentCulture)}–{to.ToString("d/M", CultureInfo.CurrentCulture)}";

    /// <summary>The same as <see cref="IndexOf{T,TAt}"/>, in memory.</summary>
    public static int IndexOf(IReadOnlyList<PeriodStep> steps, DateTimeOffset at)
    {
        var i = steps.Count - 1;
        while (i > 0 && at < steps[i].Start)
        {
            i--;
        }

        return i;
    }

    private sealed class Substitute(Dictionary<ParameterExpression, Expression> by) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => by.TryGetValue(node, out var e) ? e : node;
    }
}
