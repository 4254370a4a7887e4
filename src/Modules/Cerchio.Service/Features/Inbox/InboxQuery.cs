using System.Globalization;
using System.Linq.Expressions;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Desk;
using Cerchio.Service.Features.Settings;
using Cerchio.Tenancy;
using Cerchio.Text;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Inbox;

internal enum InboxView
{
    Mine = 1,
    Unassigned = 2,
    MyDepartment = 3,
    Open = 4,
    WaitingOnCustomer = 5,
    WaitingOnDepartment = 6,
    DueSoon = 7,
    Complaints = 8,
    RecentlyResolved = 9,

    /// <summary>Every case of any status but the merged ones (they live on in their target): what the report counts.</summary>
    All = 10,
}

internal enum InboxSort
{
    /// <summary>Soonest due first; cases with no running clock last.</summary>
    SlaDue = 1,

    /// <summary>Newest activity first.</summary>
    LastActivity = 2,

    /// <summary>Newest first.</summary>
    Created = 3,
}

/// <summary>The views and sorts as the address names them (?vista=mie, ?ordine=attivita), with their Italian labels.</summary>
internal static class InboxNames
{
    public const string DefaultView = "aperte";

    public static readonly IReadOnlyList<(string Slug, InboxView View, string Label)> Views =
    [
        ("mie", InboxView.Mine, "Le mie"),
        ("non-assegnate", InboxView.Unassigned, "Non assegnate"),
        ("reparto", InboxView.MyDepartment, "Il mio reparto"),
        ("aperte", InboxView.Open, "Tutte aperte"),
        ("attesa-cliente", InboxView.WaitingOnCustomer, "In attesa del cliente"),
        ("attesa-reparto", InboxView.WaitingOnDepartment, "In attesa di un reparto"),
        ("in-scadenza", InboxView.DueSoon, "In scadenza o scadute"),
        ("reclami", InboxView.Complaints, "Reclami"),
        ("risolte", InboxView.RecentlyResolved, "Risolte di recente"),
        ("tutte", InboxView.All, "Tutte le pratiche"),
    ];

    /// <summary>?reclami=true: only the complaints (by type or flagged), in any view.</summary>
    public const string ComplaintsParameter = "reclami";

    public static readonly IReadOnlyList<(string Slug, InboxSort Sort, string Label)> Sorts =
    [
        ("scadenza", InboxSort.SlaDue, "Scadenza SLA"),
        ("attivita", InboxSort.LastActivity, "Ultima attività"),
        ("creazione", InboxSort.Created, "Data di apertura"),
    ];

    public static InboxView ViewOf(string? slug) =>
        Views.FirstOrDefault(v => string.Equals(v.Slug, slug?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Slug: not null } found ? found.View : InboxView.Open;

    public static string SlugOf(InboxView view) => Views.First(v => v.View == view).Slug;

    /// <summary>The recently resolved have no due time: by default they come newest first; every case, newest opened first.</summary>
    public static InboxSort SortOf(string? slug, InboxView view) =>
        Sorts.FirstOrDefault(s => string.Equals(s.Slug, slug?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Slug: not null } found ? found.Sort
        : view == InboxView.RecentlyResolved ? InboxSort.LastActivity
        : view == InboxView.All ? InboxSort.Created
        : InboxSort.SlaDue;

    public static string SlugOf(InboxSort sort) => Sorts.First(s => s.Sort == sort).Slug;
}

/// <summary>What the list shows: a view narrowed by filters, in one order.</summary>
internal sealed record InboxFilter(
    InboxView View,
    InboxSort Sort,
    CaseStatus? Status = null,
    CasePriority? Priority = null,
    CaseType? Type = null,
    CaseChannel? Channel = null,
    string? Touchpoint = null,
    Guid? DepartmentId = null,
    Guid? AssigneeId = null,
    Guid? CustomerId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    bool ComplaintsOnly = false,
    InboxAudience? Audience = null);

/// <summary>
/// ?attributo=settore&amp;valore=edilizia: only the cases of the customers whose attribute holds the value (a persona's
/// customers, as the journey map counts them); <see cref="Customers"/> are their ids, read once from the customers module.
/// </summary>
internal sealed record InboxAudience(string Attribute, string Value, IReadOnlyList<Guid> Customers)
{
    public const string AttributeParameter = "attributo";
    public const string ValueParameter = "valore";

    // Compared by what it names, so two filters on the same audience are equal whatever list instance they hold.
    public bool Equals(InboxAudience? other) =>
        other is not null && string.Equals(Attribute, other.Attribute, StringComparison.OrdinalIgnoreCase) && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => HashCode.Combine(Attribute.ToUpperInvariant(), Value.ToUpperInvariant());
}

/// <summary>
/// Where the next page starts: the last row's sort key (UTC ticks; none for a case without a due time) and its id,
/// which breaks ties. Written in the address as "ticks_id" or "x_id".
/// </summary>
internal readonly record struct InboxCursor(long? Ticks, Guid Id)
{
    public override string ToString() =>
        $"{(Ticks is { } ticks ? ticks.ToString(CultureInfo.InvariantCulture) : "x")}_{Id:N}";

    /// <summary>Anything else than a cursor this page wrote reads as none: the list starts from the top.</summary>
    public static InboxCursor? Parse(string? text)
    {
        var parts = text?.Split('_');
        if (parts is not { Length: 2 } || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            return null;
        }

        if (parts[0] == "x")
        {
            return new InboxCursor(null, id);
        }

        return long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new InboxCursor(ticks, id)
            : null;
    }

    public DateTimeOffset? At => Ticks is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
}

/// <summary>
/// The instant the inbox is drawn at, and who looks: the views depend on both. <paramref name="Zone"/> is the desk
/// calendar's time zone, where the date filter's days begin (as in the report, so its numbers and this list agree).
/// </summary>
internal sealed record InboxMoment(DateTimeOffset Now, SlaWarning Warning, DateTimeOffset RecentSince, Guid Me, Guid? MyDepartment, TimeZoneInfo Zone);

internal sealed record InboxRows(IReadOnlyList<Case> Items, InboxCursor? Next);

/// <summary>How many cases each view holds, and how many open ones are already past their due time (the red ones of "in scadenza o scadute").</summary>
internal sealed record InboxCounts(IReadOnlyDictionary<InboxView, int> Views, int Breached);

/// <summary>The inbox's queries: the views' counts and one page of a filtered view, by keyset (no OFFSET).</summary>
internal sealed class InboxQuery(CerchioDb db, OrganizationContext tenant, DeskDirectory directory, ServiceSettings settings, TimeProvider clock)
{
    /// <summary>"Risolte di recente": in the last seven days.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromDays(7);

    public async Task<InboxMoment> MomentAsync(CancellationToken ct = default)
    {
        var (calendar, policy) = await settings.GetAsync(ct);
        var now = clock.GetUtcNow();
        return new InboxMoment(now, SlaWarning.At(now, calendar, policy), now - Recent, tenant.UserId ?? Guid.Empty, await directory.MyDepartmentAsync(ct), calendar.TimeZone);
    }

    /// <summary>
    /// Not yet resolved or closed. Written as the list of open statuses (an IN of constants) rather than "not done", so
    /// the databases can use the (OrganizationId, Status, …) index.
    /// </summary>
    private static readonly Expression<Func<Case, bool>> IsOpen = c =>
        c.Status == CaseStatus.New || c.Status == CaseStatus.Open || c.Status == CaseStatus.WaitingOnCustomer || c.Status == CaseStatus.WaitingOnDepartment;

    private (InboxMoment Moment, InboxCounts Counts)? _current;

    /// <summary>
    /// The views' counts as the page is drawn: counted once per request however many parts of the page show them (the
    /// sidebar, the home page).
    /// </summary>
    public async Task<(InboxMoment Moment, InboxCounts Counts)> CurrentCountsAsync(CancellationToken ct = default)
    {
        if (_current is not { } current)
        {
            var moment = await MomentAsync(ct);
            _current = current = (moment, await CountsAsync(moment, ct));
        }

        return current;
    }

    /// <summary>
    /// How many cases each view holds (filters aside): one pass over the open cases' index entries, and a count by index
    /// range. "Every case" has no count: it would read all of the organization's cases on every page.
    /// </summary>
    private async Task<InboxCounts> CountsAsync(InboxMoment moment, CancellationToken ct)
    {
        var now = moment.Now;
        var me = moment.Me;
        var department = moment.MyDepartment ?? Guid.Empty;   // no department: matches no case
        var since = moment.RecentSince;
        // One pass over the open cases' entries of the (OrganizationId, Status, …) index, which holds every column counted
        // (the due-soon test's too); grouped by status, they come in the index's order, so nothing is sorted.
        var open = await db.Set<Case>().Where(IsOpen)
            .Select(moment.Warning.WithNearOrBreached((c, due) => new { c.Status, c.AssigneeId, c.DepartmentId, c.IsComplaint, c.SlaDueAt, Due = due }))
            .GroupBy(c => c.Status)
            .Select(g => new
            {
                Status = g.Key,
                Open = g.Count(),
                Mine = g.Count(c => c.AssigneeId == me),
                Unassigned = g.Count(c => c.AssigneeId == null),
                MyDepartment = g.Count(c => c.DepartmentId == department),
                Complaints = g.Count(c => c.IsComplaint),
                DueSoon = g.Count(c => c.Due),
                Breached = g.Count(c => c.SlaDueAt < now),
            })
            .ToListAsync(ct);
        var recentlyResolved = await db.Set<Case>().CountAsync(c => (c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Closed) && c.ResolvedAt >= since, ct);
        var views = new Dictionary<InboxView, int>
        {
            [InboxView.Mine] = open.Sum(g => g.Mine),
            [InboxView.Unassigned] = open.Sum(g => g.Unassigned),
            [InboxView.MyDepartment] = open.Sum(g => g.MyDepartment),
            [InboxView.Open] = open.Sum(g => g.Open),
            [InboxView.WaitingOnCustomer] = open.Where(g => g.Status == CaseStatus.WaitingOnCustomer).Sum(g => g.Open),
            [InboxView.WaitingOnDepartment] = open.Where(g => g.Status == CaseStatus.WaitingOnDepartment).Sum(g => g.Open),
            [InboxView.DueSoon] = open.Sum(g => g.DueSoon),
            [InboxView.Complaints] = open.Sum(g => g.Complaints),
            [InboxView.RecentlyResolved] = recentlyResolved,
        };
        return new InboxCounts(views, open.Sum(g => g.Breached));
    }

    /// <summary>The cases of the view that pass every filter; the query filter keeps them to the organization.</summary>
    public IQueryable<Case> Filtered(InboxFilter filter, InboxMoment moment)
    {
        var me = moment.Me;
        var department = moment.MyDepartment ?? Guid.Empty;
        var since = moment.RecentSince;
        var query = db.Set<Case>().AsNoTracking();
        query = filter.View switch
        {
            InboxView.Mine => query.Where(IsOpen).Where(c => c.AssigneeId == me),
            InboxView.Unassigned => query.Where(IsOpen).Where(c => c.AssigneeId == null),
            InboxView.MyDepartment => query.Where(IsOpen).Where(c => c.DepartmentId == department),
            InboxView.WaitingOnCustomer => query.Where(c => c.Status == CaseStatus.WaitingOnCustomer),
            InboxView.WaitingOnDepartment => query.Where(c => c.Status == CaseStatus.WaitingOnDepartment),
            // A due time runs only on open cases not waiting on the customer.
            InboxView.DueSoon => query.Where(IsOpen).Where(moment.Warning.NearOrBreached),
            InboxView.Complaints => query.Where(IsOpen).Where(c => c.IsComplaint),
            InboxView.RecentlyResolved => query.Where(c => (c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Closed) && c.ResolvedAt >= since),
            InboxView.All => query.Where(c => c.MergedIntoId == null),
            _ => query.Where(IsOpen),
        };

        if (filter.ComplaintsOnly)
        {
            query = query.Where(c => c.IsComplaint);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (filter.Priority is { } priority)
        {
            query = query.Where(c => c.Priority == priority);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(c => c.Type == type);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(c => c.Channel == channel);
        }

        if (filter.Touchpoint is { } touchpoint)
        {
            query = query.Where(c => c.TouchpointCode == touchpoint);
        }

        if (filter.DepartmentId is { } departmentId)
        {
            query = query.Where(c => c.DepartmentId == departmentId);
        }

        if (filter.AssigneeId is { } assigneeId)
        {
            query = query.Where(c => c.AssigneeId == assigneeId);
        }

        if (filter.CustomerId is { } customerId)
        {
            query = query.Where(c => c.CustomerId == customerId);
        }

        if (filter.Audience is { } audience)
        {
            query = query.Where(OfCustomers(audience.Customers));
        }

        if (filter.From is { } from)
        {
            var start = Times.StartOfDay(from, moment.Zone);
            query = query.Where(c => c.CreatedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = Times.EndOfDay(to, moment.Zone);
            query = query.Where(c => c.CreatedAt < end);
        }

        return query;
    }

    /// <summary>
    /// The cases of these customers (none for an empty list). Shared by the inbox's audience filter and the journey map's
    /// cut, so the list behind a number holds exactly the cases counted.
    /// </summary>
    public static Expression<Func<Case, bool>> OfCustomers(IReadOnlyCollection<Guid> customers, int maxParameters = IdLists.MaxParameters) =>
        IdLists.Contains<Case>(customers, c => c.CustomerId, maxParameters);

    /// <summary>
    /// One page after <paramref name="after"/>: the rows whose (sort key, id) come after the cursor's, so a page costs
    /// the same however deep, and a case is never shown twice or skipped when others share its sort key.
    /// </summary>
    public async Task<InboxRows> PageAsync(InboxFilter filter, InboxMoment moment, InboxCursor? after, int size, CancellationToken ct = default)
    {
        var query = Filtered(filter, moment);
        var take = size + 1;   // one more tells whether a next page exists
        List<Case> rows;
        if (filter.Sort == InboxSort.SlaDue)
        {
            // Two runs, each in index order: the cases with a due time, soonest first; then those without, by id.
            // (SQLite sorts nulls first, PostgreSQL last: splitting keeps "nulls last" the same on both.)
            rows = [];
            if (after is not { Ticks: null })
            {
                var due = query.Where(c => c.SlaDueAt != null);
                if (after is { At: { } key } cursor)
                {
                    var id = cursor.Id;
                    due = due.Where(c => c.SlaDueAt > key || (c.SlaDueAt == key && c.Id.CompareTo(id) > 0));
                }

                rows = await due.OrderBy(c => c.SlaDueAt).ThenBy(c => c.Id).Take(take).ToListAsync(ct);
            }

            if (rows.Count < take)
            {
                var none = query.Where(c => c.SlaDueAt == null);
                if (after is { Ticks: null } cursor)
                {
                    var id = cursor.Id;
                    none = none.Where(c => c.Id.CompareTo(id) > 0);
                }

                rows.AddRange(await none.OrderBy(c => c.Id).Take(take - rows.Count).ToListAsync(ct));
            }
        }
        else
        {
            var key = after?.At;
            var id = after?.Id ?? Guid.Empty;
            if (filter.Sort == InboxSort.LastActivity)
            {
                if (key is { } last)
                {
                    query = query.Where(c => c.LastActivityAt < last || (c.LastActivityAt == last && c.Id.CompareTo(id) < 0));
                }

                rows = await query.OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id).Take(take).ToListAsync(ct);
            }
            else
            {
                if (key is { } last)
                {
                    query = query.Where(c => c.CreatedAt < last || (c.CreatedAt == last && c.Id.CompareTo(id) < 0));
                }

                rows = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(take).ToListAsync(ct);
            }
        }

        if (rows.Count <= size)
        {
            return new InboxRows(rows, null);
        }

        var lastShown = rows[size - 1];
        var keyOf = filter.Sort switch
        {
            InboxSort.SlaDue => lastShown.SlaDueAt,
            InboxSort.LastActivity => lastShown.LastActivityAt,
            _ => (DateTimeOffset?)lastShown.CreatedAt,
        };
        return new InboxRows(rows.Take(size).ToList(), new InboxCursor(keyOf?.UtcTicks, lastShown.Id));
    }
}
