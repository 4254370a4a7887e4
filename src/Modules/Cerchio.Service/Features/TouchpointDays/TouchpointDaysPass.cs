using Cerchio.Data;
using Cerchio.Data.Sweeps;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Settings;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Service.Features.TouchpointDays;

/// <summary>
/// Keeps each organization's <see cref="TouchpointDay"/> rows equal to its cases: builds them all when they are missing
/// or were made under another calendar, then writes again the marked days and removes their marks. Readers never wait
/// for it: what it has not done yet they count from the cases. Safe with several instances: each organization's work
/// runs under one lock (PostgreSQL advisory lock; SQLite writes one at a time anyway), marks are read before the cases,
/// and only the marks read are removed, so a change that lands meanwhile keeps its mark for the next pass.
/// </summary>
internal sealed class TouchpointDaysPass(IServiceScopeFactory scopes, TimeProvider clock) : ISweepPass
{
    /// <summary>Marks taken per transaction.</summary>
    public const int MarksPerBatch = 2000;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        List<Guid> organizations;
        await using (var scope = scopes.CreateAsyncScope())
        {
            organizations = await Desk.DeskOrganizations.WithCasesAsync(scope.ServiceProvider.GetRequiredService<CerchioDb>(), ct);
        }

        var handled = 0;
        foreach (var organizationId in organizations)
        {
            handled += await RunForAsync(organizationId, ct);
        }

        return handled;
    }

    /// <summary>One organization: built if it must be, then its marked days; returns the days written.</summary>
    public async Task<int> RunForAsync(Guid organizationId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<OrganizationContext>().Set(organizationId, null, "cifre dei touchpoint", Role.Administrator);
        var calendar = (await services.GetRequiredService<ServiceSettings>().ForAsync(organizationId, ct)).Calendar;
        var db = services.GetRequiredService<CerchioDb>();
        var state = await db.Set<TouchpointDayState>().AsNoTracking().FirstOrDefaultAsync(ct);
        var written = state?.CalendarStamp == calendar.Stamp ? 0 : await BuildAsync(db, organizationId, calendar, ct);
        while (true)
        {
            var batch = await WriteMarkedAsync(db, organizationId, calendar, ct);
            if (batch is null)
            {
                return written;
            }

            written += batch.Value;
        }
    }

    /// <summary>
    /// Every day again, a week at a time (short transactions: the desk keeps writing meanwhile), then the state with
    /// this calendar's stamp. The marks made before it began are done with; those made meanwhile stay for after.
    /// </summary>
    private async Task<int> BuildAsync(CerchioDb db, Guid organizationId, BusinessCalendar calendar, CancellationToken ct)
    {
        var done = await db.Set<TouchpointDayMark>().Select(m => m.Id).ToListAsync(ct);
        var first = await TouchpointFigures.Counted(db).MinAsync(c => (DateTimeOffset?)c.CreatedAt, ct);
        var last = await TouchpointFigures.Counted(db).MaxAsync(c => (DateTimeOffset?)c.CreatedAt, ct);
        var written = 0;
        await using (var transaction = await LockAsync(db, organizationId, ct))
        {
            // Days from an earlier build outside the cases' present span (none, unless cases were ever removed).
            await db.Set<TouchpointDay>().ExecuteDeleteAsync(ct);
            await db.Set<TouchpointMonth>().ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
        }

        if (first is { } from && last is { } to)
        {
            for (var day = TouchpointDayMarks.DayOf(from); day <= TouchpointDayMarks.DayOf(to); day = day.AddDays(7))
            {
                written += await WriteAsync(db, organizationId, calendar, day, day.AddDays(7), ct);
            }
        }

        db.ChangeTracker.Clear();
        var state = await db.Set<TouchpointDayState>().FirstOrDefaultAsync(ct);
        if (state is null)
        {
            db.Add(state = new TouchpointDayState { OrganizationId = organizationId });
        }

        state.CalendarStamp = calendar.Stamp;
        state.BuiltAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        foreach (var ids in done.Chunk(MarksPerBatch))
        {
            await db.Set<TouchpointDayMark>().Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
        }

        return written;
    }

    /// <summary>The days of up to <see cref="MarksPerBatch"/> marks written again and those marks removed; null when none was left.</summary>
    private static async Task<int?> WriteMarkedAsync(CerchioDb db, Guid organizationId, BusinessCalendar calendar, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await LockAsync(db, organizationId, ct);
        var marks = await db.Set<TouchpointDayMark>().AsNoTracking().OrderBy(m => m.Day).Take(MarksPerBatch).ToListAsync(ct);
        if (marks.Count == 0)
        {
            return null;
        }

        var written = 0;
        var days = marks.Select(m => m.Day).Distinct().ToList();
        foreach (var day in days)
        {
            written += await WriteDaysAsync(db, organizationId, calendar, day, day.AddDays(1), ct);
        }

        await WriteMonthsAsync(db, organizationId, days, ct);
        var ids = marks.Select(m => m.Id).ToList();
        await db.Set<TouchpointDayMark>().Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return written;
    }

    /// <summary>The days <paramref name="from"/>…<paramref name="to"/> (UTC, end excluded) and their months, in a transaction of their own.</summary>
    private static async Task<int> WriteAsync(CerchioDb db, Guid organizationId, BusinessCalendar calendar, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var transaction = await LockAsync(db, organizationId, ct);
        var written = await WriteDaysAsync(db, organizationId, calendar, from, to, ct);
        await WriteMonthsAsync(db, organizationId, [from, to.AddDays(-1)], ct);
        await transaction.CommitAsync(ct);
        return written;
    }

    /// <summary>
    /// The days <paramref name="from"/>…<paramref name="to"/> (UTC, end excluded) written from their cases: every
    /// touchpoint's, replacing what was stored; a touchpoint with no case left there loses its row.
    /// </summary>
    private static async Task<int> WriteDaysAsync(CerchioDb db, Guid organizationId, BusinessCalendar calendar, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (start, end) = (TouchpointFigures.UtcStart(from), TouchpointFigures.UtcStart(to));
        var tallies = new Dictionary<(string, DateOnly), TouchpointTally>();
        foreach (var c in await TouchpointFigures.Rows(TouchpointFigures.Counted(db).Where(c => c.CreatedAt >= start && c.CreatedAt < end), end).ToListAsync(ct))
        {
            TouchpointTally.Of(tallies, (c.TouchpointCode, TouchpointDayMarks.DayOf(c.CreatedAt))).Add(c, calendar, judgeOpen: false);
        }

        await db.Set<TouchpointDay>().Where(d => d.Day >= from && d.Day < to).ExecuteDeleteAsync(ct);
        foreach (var ((code, day), tally) in tallies)
        {
            var row = new TouchpointDay { OrganizationId = organizationId, TouchpointCode = code, Day = day };
            tally.WriteTo(row);
            db.Add(row);
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return tallies.Count;
    }

    /// <summary>The months of these days written again as the sums of their stored days.</summary>
    private static async Task WriteMonthsAsync(CerchioDb db, Guid organizationId, IEnumerable<DateOnly> days, CancellationToken ct)
    {
        foreach (var month in days.Select(d => new DateOnly(d.Year, d.Month, 1)).Distinct())
        {
            var next = month.AddMonths(1);
            var tallies = new Dictionary<string, TouchpointTally>();
            foreach (var day in await db.Set<TouchpointDay>().AsNoTracking().Where(d => d.Day >= month && d.Day < next).ToListAsync(ct))
            {
                TouchpointTally.Of(tallies, day.TouchpointCode).Add(day);
            }

            await db.Set<TouchpointMonth>().Where(m => m.Month == month).ExecuteDeleteAsync(ct);
            foreach (var (code, tally) in tallies)
            {
                var row = new TouchpointMonth { OrganizationId = organizationId, TouchpointCode = code, Month = month };
                tally.WriteTo(row);
                db.Add(row);
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A transaction holding the organization's lock: on PostgreSQL an advisory lock until it ends; SQLite's write transaction is one at a time already.</summary>
    private static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> LockAsync(CerchioDb db, Guid organizationId, CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!db.IsSqlite)
        {
            var key = BitConverter.ToInt64(organizationId.ToByteArray(), 0) ^ LockSalt;
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        }

        return transaction;
    }

    // Keeps these locks apart from any other advisory lock keyed by an organization.
    private const long LockSalt = 0x54_50_44_61_79_73;   // "TPDays"
}
