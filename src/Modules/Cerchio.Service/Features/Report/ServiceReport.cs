using System.Linq.Expressions;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Desk;
using Cerchio.Service.Features.Settings;
using Cerchio.Text;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Report;

/// <summary>
/// Counts of one group of cases, each taken in the database. Additive: a period's or the whole report's counts are
/// the sum of its groups'.
/// </summary>
internal sealed record ReportCounts(
    int Cases, int Responded, int Resolved, int EverResolved, int Reopened, int FirstContactResolved, int SlaMet, int SlaMissed, int Complaints)
{
    public static readonly ReportCounts Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Cases whose SLA outcome is known: both targets met, or one missed. Open cases still in time wait.</summary>
    public int SlaDecided => SlaMet + SlaMissed;

    public static ReportCounts operator +(ReportCounts a, ReportCounts b) => new(
        a.Cases + b.Cases, a.Responded + b.Responded, a.Resolved + b.Resolved, a.EverResolved + b.EverResolved,
        a.Reopened + b.Reopened, a.FirstContactResolved + b.FirstContactResolved, a.SlaMet + b.SlaMet, a.SlaMissed + b.SlaMissed,
        a.Complaints + b.Complaints);
}

/// <summary>Business-time durations of <see cref="Count"/> cases; no average or median without any.</summary>
internal sealed record DurationStats(int Count, TimeSpan? Average, TimeSpan? Median)
{
    public static DurationStats Of(IReadOnlyCollection<TimeSpan> durations) => OfTicks(durations.Select(d => d.Ticks).ToArray());

    /// <summary>The same from durations in ticks, which it reorders in place: the median by selection, not a full sort (a year's durations at scale).</summary>
    public static DurationStats OfTicks(Span<long> ticks)
    {
        if (ticks.Length == 0)
        {
            return new DurationStats(0, null, null);
        }

        // Exact whatever the order: a double's sum would depend on it.
        Int128 sum = 0;
        foreach (var t in ticks)
        {
            sum += t;
        }

        var middle = ticks.Length / 2;
        var upper = Select(ticks, middle);
        // With an even count the lower middle is the largest of what selection left before the upper one.
        var median = ticks.Length % 2 == 1 ? TimeSpan.FromTicks(upper) : TimeSpan.FromTicks(Max(ticks[..middle]) + upper) / 2;
        return new DurationStats(ticks.Length, TimeSpan.FromTicks((long)(sum / ticks.Length)), median);
    }

    /// <summary>Quickselect (Hoare's partition, middle pivot): the value of rank <paramref name="k"/>, with every smaller rank's value left before it.</summary>
    private static long Select(Span<long> values, int k)
    {
        var (low, high) = (0, values.Length - 1);
        while (low < high)
        {
            var pivot = values[low + (high - low) / 2];
            var (i, j) = (low, high);
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                high = j;
            }
            else if (k >= i)
            {
                low = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private static long Max(Span<long> values)
    {
        var max = long.MinValue;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}

/// <summary>The metrics of PRODUCT.md for one set of cases; a share is null when no case qualifies for it.</summary>
internal sealed record ReportMetrics(ReportCounts Counts, DurationStats FirstResponse, DurationStats Resolution)
{
    /// <summary>Resolved cases with at most one public answer, and never reopened, out of the resolved ones.</summary>
    public double? FirstContactResolution => Share(Counts.FirstContactResolved, Counts.Resolved);

    /// <summary>Cases reopened at least once, out of the cases resolved at least once.</summary>
    public double? ReopenRate => Share(Counts.Reopened, Counts.EverResolved);

    /// <summary>Cases that met both targets, out of the cases whose outcome is known.</summary>
    public double? SlaCompliance => Share(Counts.SlaMet, Counts.SlaDecided);

    private static double? Share(int part, int whole) => whole == 0 ? null : 100.0 * part / whole;
}

/// <param name="Key">Stable for the API: a person's or department's id, an API name (email, urgent…), a touchpoint code; "none" for cases without one.</param>
/// <param name="Name">What people read: a name, or an Italian label when <paramref name="IsLabel"/> (Loc translates it).</param>
internal sealed record ReportGroup(string Key, string Name, bool IsLabel, ReportMetrics Metrics);

/// <summary>One step of the time series: the cases opened from <see cref="From"/> to <see cref="To"/> (clipped to the period).</summary>
internal sealed record ReportPoint(DateOnly From, DateOnly To, ReportMetrics Metrics);

/// <summary>Hand-offs asked of one department in the period: how many, answered, late (answered after the due time, or still open past it), and how long the answered ones took.</summary>
internal sealed record DepartmentHandOffs(Guid DepartmentId, string Name, int Requested, int Answered, int Late, DurationStats AnswerTime);

internal sealed record ServiceReportResult(
    ReportRequest Request, ReportMetrics Overall, IReadOnlyList<ReportGroup> Groups, IReadOnlyList<ReportPoint> Series,
    IReadOnlyList<DepartmentHandOffs> HandOffs);

/// <summary>
/// The service report (PRODUCT.md, metric definitions) over the cases opened in a period, in business time of the
/// organization's calendar:
/// <list type="bullet">
/// <item>first response time: opened → first public answer (an email reply, or the conversation itself for a case resolved on the spot); cases not answered yet are left out;</item>
/// <item>resolution time: opened → resolved (the last time, for a reopened case), minus the business time spent waiting on the customer; open cases are left out;</item>
/// <item>first contact resolution: resolved cases never reopened with at most one public answer (email replies and logged conversations, the opening one included), out of the resolved cases;</item>
/// <item>reopen rate: cases reopened at least once, out of the cases resolved at least once (so a reopened case still open counts);</item>
/// <item>SLA compliance: cases that met both targets (answered — or resolved without an answer — by the first-response due time, resolved by the resolution due time, which waits on the customer push later), out of the cases whose outcome is known; an open case counts once it has missed a target, not before.</item>
/// </list>
/// </summary>
internal sealed class ServiceReport(CerchioDb db, ServiceSettings settings, DeskDirectory directory, ITouchpointCatalog touchpoints, TimeProvider clock)
{
    /// <summary>Today in the organization's time zone: where presets and the default period end.</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken ct = default)
    {
        var (calendar, _) = await settings.GetAsync(ct);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), calendar.TimeZone).DateTime);
    }

    public async Task<ServiceReportResult> RunAsync(ReportRequest request, CancellationToken ct = default)
    {
        var (calendar, _) = await settings.GetAsync(ct);
        var now = clock.GetUtcNow();
        var (from, to, cases) = Opened(request.From, request.To, calendar);

        var steps = PeriodSteps.Of(request.From, request.To, request.Interval == ReportInterval.Month, calendar.TimeZone);
        var series = await MetricsByAsync(cases, PeriodSteps.IndexOf(steps, (Case c) => c.CreatedAt), now, calendar, c => PeriodSteps.IndexOf(steps, c.CreatedAt), ct);
        var byStep = series.Groups.ToDictionary(g => g.Key, g => g.Metrics);
        var points = steps.Select((s, i) => new ReportPoint(s.From, s.To, byStep.GetValueOrDefault(i) ?? Empty)).ToList();
        var overall = new ReportMetrics(
            points.Aggregate(ReportCounts.Zero, (sum, p) => sum + p.Metrics.Counts), DurationStats.Of(series.FirstResponses), DurationStats.Of(series.Resolutions));

        var groups = request.GroupBy switch
        {
            ReportGrouping.Agent => await GroupsAsync(cases, c => c.AssigneeId, now, calendar, id => id?.ToString(),
                NamesOf(await directory.MembersAsync(ct), m => (Guid?)m.UserId, m => m.Name, "Non assegnata"), ct),
            ReportGrouping.Department => await GroupsAsync(cases, c => c.DepartmentId, now, calendar, id => id?.ToString(),
                NamesOf(await directory.DepartmentsAsync(ct), d => (Guid?)d.Id, d => d.Name, "Nessun reparto"), ct),
            ReportGrouping.Channel => await GroupsAsync(cases, c => c.Channel, now, calendar, c => CaseNames.Of(c), c => (CaseNames.Label(c), true), ct),
            ReportGrouping.Type => await GroupsAsync(cases, c => c.Type, now, calendar, t => CaseNames.Of(t), t => (CaseNames.Label(t), true), ct),
            ReportGrouping.Priority => await GroupsAsync(cases, c => c.Priority, now, calendar, p => CaseNames.Of(p), p => (CaseNames.Label(p), true), ct),
            ReportGrouping.Touchpoint => await GroupsAsync(cases, c => c.TouchpointCode, now, calendar, code => code,
                NamesOf(await touchpoints.ListAsync(ct), t => (string?)t.Code, t => t.Name, "Nessun touchpoint"), ct),
            _ => [],
        };

        return new ServiceReportResult(request, overall, groups, points, await HandOffsAsync(from, to, now, calendar, ct));
    }

    /// <summary>The cases the report counts: opened in the days, in the calendar's time zone.</summary>
    private (DateTimeOffset From, DateTimeOffset To, IQueryable<Case> Cases) Opened(DateOnly first, DateOnly last, BusinessCalendar calendar)
    {
        var from = Midnight(first, calendar);
        var to = Times.EndOfDay(last, calendar.TimeZone);
        // A merged case lives on in its target: counting it too would count one request twice (and never as resolved).
        return (from, to, db.Set<Case>().Where(c => c.MergedIntoId == null && c.CreatedAt >= from && c.CreatedAt < to));
    }

    private static readonly ReportMetrics Empty = new(ReportCounts.Zero, DurationStats.Of([]), DurationStats.Of([]));

    private async Task<List<ReportGroup>> GroupsAsync<TKey>(
        IQueryable<Case> cases, Expression<Func<Case, TKey>> key, DateTimeOffset now, BusinessCalendar calendar,
        Func<TKey, string?> keyName, Func<TKey, (string Name, bool IsLabel)> name, CancellationToken ct)
    {
        var metrics = await MetricsByAsync(cases, key, now, calendar, key.Compile(), ct);
        return metrics.Groups
            .Select(m => { var (label, isLabel) = name(m.Key); return new ReportGroup(keyName(m.Key) ?? "none", label, isLabel, m.Metrics); })
            // Most cases first: the groups that matter; a fixed order after that, so the table does not shuffle.
            .OrderByDescending(g => g.Metrics.Counts.Cases).ThenBy(g => g.Key == "none").ThenBy(g => g.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>Names by key; someone no longer active, or a code no longer in the catalog, shows what is stored rather than hide the cases.</summary>
    private static Func<TKey, (string, bool)> NamesOf<T, TKey>(IEnumerable<T> items, Func<T, TKey> id, Func<T, string> name, string nobody)
    {
        var names = new Dictionary<ValueTuple<TKey>, string>();
        foreach (var item in items)
        {
            names.TryAdd(new ValueTuple<TKey>(id(item)), name(item));
        }

        return key => key is null ? (nobody, true) : names.TryGetValue(new ValueTuple<TKey>(key), out var found) ? (found, false) : (key.ToString() ?? "", false);
    }

    /// <summary>The metrics of each group: counts by GROUP BY in the database, durations over the answered and resolved rows only.</summary>
    private async Task<(List<(TKey Key, ReportMetrics Metrics)> Groups, List<TimeSpan> FirstResponses, List<TimeSpan> Resolutions)> MetricsByAsync<TKey>(
        IQueryable<Case> cases, Expression<Func<Case, TKey>> key, DateTimeOffset now, BusinessCalendar calendar, Func<Case, TKey> keyOf,
        CancellationToken ct)
    {
        var counts = await cases.GroupBy(key).Select(g => new
        {
            g.Key,
            Cases = g.Count(),
            Responded = g.Count(c => c.FirstResponseAt != null),
            Resolved = g.Count(c => c.ResolvedAt != null),
            EverResolved = g.Count(c => c.ResolvedAt != null || c.ReopenCount > 0),
            Reopened = g.Count(c => c.ReopenCount > 0),
            Complaints = g.Count(c => c.IsComplaint),
            // Both targets met; a case resolved without an answer had its matter dealt with, so resolution stands for it.
            SlaMet = g.Count(c => c.ResolvedAt != null && c.ResolvedAt <= c.ResolutionDueAt
                && (c.FirstResponseAt ?? c.ResolvedAt) <= c.FirstResponseDueAt),
            // A target missed: answered late, or still unanswered past due; resolved late, or still open past due
            // (a case waiting on the customer is judged at the instant the wait began: its due time moves on).
            SlaMissed = g.Count(c => (c.FirstResponseAt ?? c.ResolvedAt ?? now) > c.FirstResponseDueAt
                || (c.ResolvedAt != null ? c.ResolvedAt > c.ResolutionDueAt : (c.SlaPausedAt ?? now) > c.ResolutionDueAt)),
        }).ToListAsync(ct);

        // Counted by the case alone (the cases are the organization's already): with the organization's filter too,
        // SQLite without statistics counted each case's answers by walking all the organization's entries (minutes at
        // 200,000 cases, bench/README.md).
        var publicAnswers = db.Set<CaseEntry>().IgnoreQueryFilters().Where(e => e.Kind == CaseEntryKind.Reply || e.Kind == CaseEntryKind.ConversationNote);
        var firstContact = await cases
            .Where(c => c.ResolvedAt != null && c.ReopenCount == 0 && c.FirstResponseAt != null && publicAnswers.Count(e => e.CaseId == c.Id) <= 1)
            .GroupBy(key).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);

        // Business time needs the calendar (time zone, opening hours, Italian holidays, the organization's closures),
        // which neither database can evaluate: only the answered or resolved cases are read, with just the columns the
        // grouping and the two durations need.
        var timed = await cases.Where(c => c.FirstResponseAt != null || c.ResolvedAt != null)
            .Select(c => new Case
            {
                AssigneeId = c.AssigneeId, DepartmentId = c.DepartmentId, Channel = c.Channel, TouchpointCode = c.TouchpointCode,
                Type = c.Type, Priority = c.Priority, CreatedAt = c.CreatedAt, FirstResponseAt = c.FirstResponseAt,
                ResolvedAt = c.ResolvedAt, WaitedOnCustomer = c.WaitedOnCustomer,
            })
            .ToListAsync(ct);

        // Keys may be null (no assignee, department or touchpoint): a one-item tuple carries them in a dictionary.
        var allFirst = new List<TimeSpan>();
        var allResolutions = new List<TimeSpan>();
        var durations = new Dictionary<ValueTuple<TKey>, (List<TimeSpan> First, List<TimeSpan> Resolution)>();
        foreach (var c in timed)
        {
            var k = new ValueTuple<TKey>(keyOf(c));
            if (!durations.TryGetValue(k, out var lists))
            {
                durations[k] = lists = ([], []);
            }

            if (c.FirstResponseAt is { } answered)
            {
                var span = calendar.BusinessTimeBetween(c.CreatedAt, answered);
                lists.First.Add(span);
                allFirst.Add(span);
            }

            if (c.ResolvedAt is { } resolvedAt)
            {
                var span = calendar.BusinessTimeBetween(c.CreatedAt, resolvedAt) - c.WaitedOnCustomer;
                span = span < TimeSpan.Zero ? TimeSpan.Zero : span;
                lists.Resolution.Add(span);
                allResolutions.Add(span);
            }
        }

        var fcr = firstContact.ToDictionary(f => new ValueTuple<TKey>(f.Key), f => f.Count);
        var groups = counts.Select(c =>
        {
            var k = new ValueTuple<TKey>(c.Key);
            var lists = durations.GetValueOrDefault(k);
            return (c.Key, new ReportMetrics(
                new ReportCounts(c.Cases, c.Responded, c.Resolved, c.EverResolved, c.Reopened, fcr.GetValueOrDefault(k), c.SlaMet, c.SlaMissed, c.Complaints),
                DurationStats.Of(lists.First ?? []), DurationStats.Of(lists.Resolution ?? [])));
        }).ToList();
        return (groups, allFirst, allResolutions);
    }

    private async Task<List<DepartmentHandOffs>> HandOffsAsync(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, BusinessCalendar calendar, CancellationToken ct)
    {
        var asked = db.Set<HandOff>().Where(h => h.RequestedAt >= from && h.RequestedAt < to && h.Status != HandOffStatus.Cancelled);
        var counts = await asked.GroupBy(h => h.DepartmentId).Select(g => new
        {
            g.Key,
            Requested = g.Count(),
            Answered = g.Count(h => h.Status == HandOffStatus.Answered),
            Late = g.Count(h => (h.AnsweredAt ?? now) > h.DueAt),
        }).ToListAsync(ct);

        // Business time again: only the answered hand-offs, three columns each.
        var answered = await asked.Where(h => h.Status == HandOffStatus.Answered && h.AnsweredAt != null)
            .Select(h => new { h.DepartmentId, h.RequestedAt, AnsweredAt = h.AnsweredAt!.Value }).ToListAsync(ct);
        var times = answered.ToLookup(h => h.DepartmentId, h => calendar.BusinessTimeBetween(h.RequestedAt, h.AnsweredAt));
        var departments = await directory.DepartmentsAsync(ct);
        return counts
            .Select(c => new DepartmentHandOffs(c.Key, departments.FirstOrDefault(d => d.Id == c.Key)?.Name ?? "", c.Requested, c.Answered, c.Late, DurationStats.Of(times[c.Key].ToList())))
            .OrderByDescending(d => d.Requested).ThenBy(d => d.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>The first instant of a local day, in UTC (as the inbox's date filter reads it).</summary>
    internal static DateTimeOffset Midnight(DateOnly day, BusinessCalendar calendar) => Times.StartOfDay(day, calendar.TimeZone);
}
