using System.Linq.Expressions;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Report;
using Cerchio.Service.Features.Settings;
using Cerchio.Text;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.TouchpointDays;

/// <summary>
/// Each touchpoint's figures over the cases opened in a period of the organization's days, exactly as the service
/// report counts them (merged cases left out, business time of its calendar), read mostly from the stored days:
/// <list type="bullet">
/// <item>whole UTC days inside the period, stored and unmarked, from <see cref="TouchpointDay"/>, plus the SLA misses of their open cases as of now;</item>
/// <item>the period's edges (its local midnights are not UTC ones) and marked days, from the cases themselves;</item>
/// <item>everything from the cases while the days are not built for the organization's present calendar.</item>
/// </list>
/// </summary>
internal sealed class TouchpointFigures(CerchioDb db, ServiceSettings settings, TimeProvider clock)
{
    // More separate stretches than this to read from the cases (many marked days apart): one read of the whole period is simpler and no slower.
    private const int MaxStretches = 48;

    public async Task<IReadOnlyDictionary<string, TouchpointTally>> ForAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var calendar = (await settings.CurrentAsync(ct)).Calendar;
        var now = clock.GetUtcNow();
        var start = ServiceReport.Midnight(from, calendar);
        var end = Times.EndOfDay(to, calendar.TimeZone);
        var tallies = new Dictionary<string, TouchpointTally>(StringComparer.Ordinal);

        var (firstDay, endDay) = (CeilingDay(start), FloorDay(end));
        var state = await db.Set<TouchpointDayState>().AsNoTracking().FirstOrDefaultAsync(ct);
        if (state?.CalendarStamp != calendar.Stamp || firstDay >= endDay)
        {
            await AddCasesAsync(tallies, [(start, end)], calendar, now, ct);
            return tallies;
        }

        // Marks first, days after: a day written again between the two reads is then counted from its cases, never missed.
        var marked = (await db.Set<TouchpointDayMark>().Where(m => m.Day >= firstDay && m.Day < endDay)
            .Select(m => m.Day).Distinct().ToListAsync(ct)).ToHashSet();
        var stretches = Stretches(start, end, firstDay, endDay, marked);
        if (stretches.Count > MaxStretches)
        {
            await AddCasesAsync(tallies, [(start, end)], calendar, now, ct);
            return tallies;
        }

        foreach (var day in await db.Set<TouchpointDay>().AsNoTracking().Where(d => d.Day >= firstDay && d.Day < endDay).ToListAsync(ct))
        {
            if (!marked.Contains(day.Day))
            {
                TallyOf(tallies, day.TouchpointCode).Add(day);
            }
        }

        // The stored days' open cases (few: most of a period's cases are resolved), judged against the present.
        var (storedFrom, storedTo) = (UtcStart(firstDay), UtcStart(endDay));
        foreach (var c in await Rows(Counted(db).Where(c => c.ResolvedAt == null && c.CreatedAt >= storedFrom && c.CreatedAt < storedTo)).ToListAsync(ct))
        {
            if (!marked.Contains(TouchpointDayMarks.DayOf(c.CreatedAt)))
            {
                TallyOf(tallies, c.TouchpointCode).AddOpenMiss(c, now);
            }
        }

        await AddCasesAsync(tallies, stretches, calendar, now, ct);
        return tallies;
    }

    /// <summary>The cases that count: not merged away, with a touchpoint.</summary>
    internal static IQueryable<Case> Counted(CerchioDb db) => db.Set<Case>().Where(c => c.MergedIntoId == null && c.TouchpointCode != null);

    internal static IQueryable<TouchpointCaseRow> Rows(IQueryable<Case> cases) => cases.Select(c => new TouchpointCaseRow(
        c.TouchpointCode!, c.CreatedAt, c.IsComplaint, c.FirstResponseAt, c.ResolvedAt, c.WaitedOnCustomer, c.FirstResponseDueAt,
        c.ResolutionDueAt, c.SlaPausedAt));

    internal static TouchpointTally TallyOf(Dictionary<string, TouchpointTally> tallies, string code)
    {
        if (!tallies.TryGetValue(code, out var tally))
        {
            tallies[code] = tally = new TouchpointTally();
        }

        return tally;
    }

    internal static DateTimeOffset UtcStart(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private async Task AddCasesAsync(
        Dictionary<string, TouchpointTally> tallies, List<(DateTimeOffset From, DateTimeOffset To)> stretches, BusinessCalendar calendar,
        DateTimeOffset now, CancellationToken ct)
    {
        if (stretches.Count == 0)
        {
            return;
        }

        foreach (var c in await Rows(Counted(db).Where(Within(stretches))).ToListAsync(ct))
        {
            TallyOf(tallies, c.TouchpointCode).Add(c, calendar, now);
        }
    }

    /// <summary>The period's parts read from the cases: before its first whole UTC day, after its last, and the marked days (adjacent ones joined).</summary>
    private static List<(DateTimeOffset, DateTimeOffset)> Stretches(DateTimeOffset start, DateTimeOffset end, DateOnly firstDay, DateOnly endDay, HashSet<DateOnly> marked)
    {
        var stretches = new List<(DateTimeOffset From, DateTimeOffset To)>();
        void Take(DateTimeOffset from, DateTimeOffset to)
        {
            if (from >= to)
            {
                return;
            }

            if (stretches.Count > 0 && stretches[^1].To == from)
            {
                stretches[^1] = (stretches[^1].From, to);
            }
            else
            {
                stretches.Add((from, to));
            }
        }

        Take(start, UtcStart(firstDay));
        foreach (var day in marked.Order())
        {
            Take(UtcStart(day), UtcStart(day.AddDays(1)));
        }

        Take(UtcStart(endDay), end);
        return stretches;
    }

    /// <summary>Opened in any of the stretches, as one SQL condition.</summary>
    private static Expression<Func<Case, bool>> Within(List<(DateTimeOffset From, DateTimeOffset To)> stretches)
    {
        var c = Expression.Parameter(typeof(Case), "c");
        var created = Expression.Property(c, nameof(Case.CreatedAt));
        Expression? any = null;
        foreach (var (from, to) in stretches)
        {
            var one = Expression.AndAlso(
                Expression.GreaterThanOrEqual(created, Expression.Constant(from)), Expression.LessThan(created, Expression.Constant(to)));
            any = any is null ? one : Expression.OrElse(any, one);
        }

        return Expression.Lambda<Func<Case, bool>>(any!, c);
    }

    /// <summary>The first UTC day that starts at or after the instant.</summary>
    private static DateOnly CeilingDay(DateTimeOffset instant)
    {
        var day = TouchpointDayMarks.DayOf(instant);
        return UtcStart(day) == instant ? day : day.AddDays(1);
    }

    /// <summary>The UTC day the instant falls on: the days before it end by then.</summary>
    private static DateOnly FloorDay(DateTimeOffset instant) => TouchpointDayMarks.DayOf(instant);
}
