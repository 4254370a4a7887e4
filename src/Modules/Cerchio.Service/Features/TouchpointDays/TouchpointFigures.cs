using System.Linq.Expressions;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Inbox;
using Cerchio.Service.Features.Report;
using Cerchio.Service.Features.Settings;
using Cerchio.Tenancy;
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
internal sealed class TouchpointFigures(CerchioDb db, ServiceSettings settings, OrganizationContext tenant, TimeProvider clock)
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

        // Whole UTC months inside the period with no marked day come from their month rows; the other days from theirs.
        var (firstMonth, endMonth) = (firstDay.Day == 1 ? firstDay : FirstOfMonth(firstDay).AddMonths(1), FirstOfMonth(endDay));
        var markedMonths = marked.Select(FirstOfMonth).ToHashSet();
        var dayRanges = new List<(DateOnly From, DateOnly To)>();
        if (firstMonth < endMonth)
        {
            dayRanges.Add((firstDay, firstMonth));
            dayRanges.AddRange(markedMonths.Where(m => m >= firstMonth && m < endMonth).Order().Select(m => (m, m.AddMonths(1))));
            dayRanges.Add((endMonth, endDay));
            foreach (var month in await StoredAsync("TouchpointMonths", "Month", [(firstMonth, endMonth)], ct))
            {
                if (!markedMonths.Contains(month.Day))
                {
                    TouchpointTally.Of(tallies, month.TouchpointCode).Add(month);
                }
            }
        }
        else
        {
            dayRanges.Add((firstDay, endDay));
        }

        foreach (var day in await StoredAsync("TouchpointDays", "Day", dayRanges, ct))
        {
            if (!marked.Contains(day.Day))
            {
                TouchpointTally.Of(tallies, day.TouchpointCode).Add(day);
            }
        }

        // The stored days' open cases that missed a target by now, counted by the database (few rows: open cases).
        var (storedFrom, storedTo) = (UtcStart(firstDay), UtcStart(endDay));
        var open = Counted(db).Where(c => c.ResolvedAt == null && c.CreatedAt >= storedFrom && c.CreatedAt < storedTo);
        foreach (var day in marked)
        {
            var (dayStart, dayEnd) = (UtcStart(day), UtcStart(day.AddDays(1)));
            open = open.Where(c => c.CreatedAt < dayStart || c.CreatedAt >= dayEnd);
        }

        foreach (var missed in await Rows(open, now).Where(r => r.OpenMissed).GroupBy(r => r.TouchpointCode)
            .Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(ct))
        {
            TouchpointTally.Of(tallies, missed.Code).AddOpenMisses(missed.Count);
        }

        await AddCasesAsync(tallies, stretches, calendar, now, ct);
        return tallies;
    }

    /// <summary>
    /// The same figures over the cases of these customers only, read from the cases (the stored days have no customer
    /// dimension): the live path above, with the same definitions.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, TouchpointTally>> ForCustomersAsync(
        DateOnly from, DateOnly to, IReadOnlyCollection<Guid> customers, CancellationToken ct = default)
    {
        var tallies = new Dictionary<string, TouchpointTally>(StringComparer.Ordinal);
        if (customers.Count == 0)
        {
            return tallies;
        }

        var calendar = (await settings.CurrentAsync(ct)).Calendar;
        var (start, end) = (ServiceReport.Midnight(from, calendar), Times.EndOfDay(to, calendar.TimeZone));
        await AddCasesAsync(tallies, [(start, end)], calendar, clock.GetUtcNow(), ct, customers);
        return tallies;
    }

    /// <summary>
    /// Stored rows of the days or months within the ranges, read row by row: EF's materializing took several times longer
    /// than the database to find them (bench/README.md). <see cref="TouchpointDay.Day"/> carries the day or the month.
    /// </summary>
    private Task<List<TouchpointDay>> StoredAsync(string table, string day, List<(DateOnly From, DateOnly To)> ranges, CancellationToken ct)
    {
        var parameters = new Dictionary<string, object?> { ["organization"] = tenant.RequiredOrganizationId };
        var within = new List<string>();
        foreach (var (from, to) in ranges.Where(r => r.From < r.To))
        {
            within.Add($"(\"{day}\" >= @from{within.Count} AND \"{day}\" < @to{within.Count})");
            (parameters[$"from{within.Count - 1}"], parameters[$"to{within.Count - 1}"]) = (from, to);
        }

        if (within.Count == 0)
        {
            return Task.FromResult(new List<TouchpointDay>());
        }

        return db.ReadAsync(
            $"""
            SELECT "TouchpointCode", "{day}", "Cases", "Complaints", "Responded", "Resolved", "SlaMet", "SlaMissed", "FirstResponses", "Resolutions"
            FROM "{table}" WHERE "OrganizationId" = @organization AND ({string.Join(" OR ", within)})
            """,
            parameters,
            r => new TouchpointDay
            {
                TouchpointCode = r.GetString(0), Day = r.GetFieldValue<DateOnly>(1), Cases = r.GetInt32(2), Complaints = r.GetInt32(3),
                Responded = r.GetInt32(4), Resolved = r.GetInt32(5), SlaMet = r.GetInt32(6), SlaMissed = r.GetInt32(7),
                FirstResponses = r.GetFieldValue<byte[]>(8), Resolutions = r.GetFieldValue<byte[]>(9),
            },
            ct);
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The cases that count: not merged away, with a touchpoint.</summary>
    internal static IQueryable<Case> Counted(CerchioDb db) => db.Set<Case>().Where(c => c.MergedIntoId == null && c.TouchpointCode != null);

    /// <summary>
    /// The cases' rows, each judged against <paramref name="now"/>: an open case misses a target when it is still
    /// unanswered past its first-response due time (or was answered after it), or still open past its resolution due
    /// time — a case waiting on the customer judged at the instant the wait began (its due time moves on).
    /// </summary>
    internal static IQueryable<TouchpointCaseRow> Rows(IQueryable<Case> cases, DateTimeOffset now) => cases.Select(c => new TouchpointCaseRow
    {
        TouchpointCode = c.TouchpointCode!, CreatedAt = c.CreatedAt, IsComplaint = c.IsComplaint, FirstResponseAt = c.FirstResponseAt,
        ResolvedAt = c.ResolvedAt, WaitedOnCustomer = c.WaitedOnCustomer, FirstResponseDueAt = c.FirstResponseDueAt, ResolutionDueAt = c.ResolutionDueAt,
        OpenMissed = c.ResolvedAt == null && ((c.FirstResponseAt ?? now) > c.FirstResponseDueAt || (c.SlaPausedAt ?? now) > c.ResolutionDueAt),
    });

    internal static DateTimeOffset UtcStart(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private async Task AddCasesAsync(
        Dictionary<string, TouchpointTally> tallies, List<(DateTimeOffset From, DateTimeOffset To)> stretches, BusinessCalendar calendar,
        DateTimeOffset now, CancellationToken ct, IReadOnlyCollection<Guid>? customers = null)
    {
        if (stretches.Count == 0)
        {
            return;
        }

        var cases = Counted(db).Where(Within(stretches));
        if (customers is not null)
        {
            cases = cases.Where(InboxQuery.OfCustomers(customers));
        }

        foreach (var c in await Rows(cases, now).ToListAsync(ct))
        {
            TouchpointTally.Of(tallies, c.TouchpointCode).Add(c, calendar, judgeOpen: true);
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
