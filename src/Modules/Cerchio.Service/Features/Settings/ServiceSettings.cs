using System.Collections.Concurrent;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Tenancy;
using Cerchio.Text;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Settings;

/// <summary>What the desk runs on for one organization: its calendar, its SLA policy (warning threshold included), auto-close.</summary>
internal sealed record DeskSnapshot(BusinessCalendar Calendar, SlaPolicy Policy, int AutoCloseDays)
{
    public static DeskSnapshot ItalianDefault { get; } = new(BusinessCalendar.ItalianDefault, SlaPolicy.ItalianDefault, DeskSettings.DefaultAutoCloseDays);
}

/// <summary>
/// The organizations' snapshots, kept a short while: every inbox and case page reads them, and a calendar is worth
/// keeping (it caches its closed days per year). The instance that saves drops its copy at once; other instances
/// follow within <see cref="Lifetime"/>.
/// </summary>
internal sealed class DeskSettingsCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, (DeskSnapshot Snapshot, DateTimeOffset Until)> _entries = new();

    public bool TryGet(Guid organizationId, out DeskSnapshot snapshot)
    {
        if (_entries.TryGetValue(organizationId, out var entry) && entry.Until > clock.GetUtcNow())
        {
            snapshot = entry.Snapshot;
            return true;
        }

        snapshot = DeskSnapshot.ItalianDefault;
        return false;
    }

    public void Set(Guid organizationId, DeskSnapshot snapshot) => _entries[organizationId] = (snapshot, clock.GetUtcNow() + Lifetime);

    public void Forget(Guid organizationId) => _entries.TryRemove(organizationId, out _);
}

/// <summary>
/// The organization's business calendar and SLA policy: the one place every desk feature (inbox, case page, reports,
/// the SLA jobs) reads them. Every organization has the Italian defaults until the settings page stores its own.
/// </summary>
internal sealed class ServiceSettings(CerchioDb db, OrganizationContext tenant, DeskSettingsCache cache, TimeProvider clock) : IOrganizationTimeZone, IBusinessHours
{
    async Task<DateTimeOffset> IBusinessHours.AddAsync(DateTimeOffset start, TimeSpan duration, CancellationToken ct) =>
        (await CurrentAsync(ct)).Calendar.AddBusinessTime(start, duration);

    async Task<DateTimeOffset> IBusinessHours.AddWorkingDaysAsync(DateTimeOffset start, int days, CancellationToken ct) =>
        (await CurrentAsync(ct)).Calendar.AddWorkingDays(start, days);

    /// <summary>The calendar's time zone is the organization's: other modules count their days in it too.</summary>
    async Task<TimeZoneInfo> IOrganizationTimeZone.GetAsync(CancellationToken ct) => (await CurrentAsync(ct)).Calendar.TimeZone;

    /// <summary>The current organization's calendar and policy (the defaults outside an organization).</summary>
    public async Task<(BusinessCalendar Calendar, SlaPolicy Policy)> GetAsync(CancellationToken ct = default)
    {
        var snapshot = await CurrentAsync(ct);
        return (snapshot.Calendar, snapshot.Policy);
    }

    public Task<DeskSnapshot> CurrentAsync(CancellationToken ct = default) =>
        tenant.OrganizationId is { } organizationId ? ForAsync(organizationId, ct) : Task.FromResult(DeskSnapshot.ItalianDefault);

    /// <summary>One organization's settings, for jobs that work across organizations.</summary>
    public async Task<DeskSnapshot> ForAsync(Guid organizationId, CancellationToken ct = default)
    {
        if (cache.TryGet(organizationId, out var cached))
        {
            return cached;
        }

        var stored = await db.Set<DeskSettings>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(s => s.OrganizationId == organizationId, ct);
        var snapshot = stored is null
            ? DeskSnapshot.ItalianDefault
            : new DeskSnapshot(new BusinessCalendar(stored.ReadCalendar()), stored.ReadPolicy(), stored.AutoCloseDays);
        cache.Set(organizationId, snapshot);
        return snapshot;
    }

    /// <summary>
    /// Validates everything and, only when all is valid, stores the current organization's settings; the change is in
    /// its audit log. Field keys: the calendar's and the policy's own (<c>Week[i]</c>, <c>Closures[i]</c>,
    /// <c>Targets.High</c>, <c>Overrides[i]</c>, <c>WarningThreshold</c>…) and <c>AutoCloseDays</c>.
    /// </summary>
    public async Task<Errors> SaveAsync(CalendarSettings calendar, SlaPolicy policy, int autoCloseDays, CancellationToken ct = default)
    {
        var errors = calendar.Validate().AddRange(policy.Validate()).AddRange(DeskSettings.ValidateAutoClose(autoCloseDays));
        if (errors.Any)
        {
            return errors;
        }

        var organizationId = tenant.RequiredOrganizationId;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StoreAsync(organizationId, calendar, policy, autoCloseDays, ct);
                break;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && attempt < 3)
            {
                // Two first saves at once: the other one created the row; this one now updates it.
                db.ChangeTracker.Clear();
            }
        }

        cache.Forget(organizationId);
        return errors;
    }

    private async Task StoreAsync(Guid organizationId, CalendarSettings calendar, SlaPolicy policy, int autoCloseDays, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await db.Set<DeskSettings>().FirstOrDefaultAsync(ct);
        var before = row is null ? CalendarSettings.ItalianDefault : row.ReadCalendar();
        if (row is null)
        {
            row = new DeskSettings { OrganizationId = organizationId };
            db.Add(row);
        }

        row.Calendar = DeskSettings.Write(calendar);
        row.SlaPolicy = DeskSettings.Write(policy);
        row.AutoCloseDays = autoCloseDays;
        var now = clock.GetUtcNow();
        row.UpdatedAt = now;

        if (DeskSettings.Write(before) != row.Calendar)
        {
            // Open cases' due times follow the new calendar (Case.FollowCalendar): loaded and written back in the same
            // SaveChanges, which EF sends as batched statements in this one transaction. Resolved and closed cases keep
            // the times they were measured against; new targets apply to cases opened from now on.
            var (from, to) = (new BusinessCalendar(before), new BusinessCalendar(calendar));
            var open = await db.Set<Case>().Where(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed).ToListAsync(ct);
            foreach (var c in open)
            {
                c.FollowCalendar(from, to, now);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
