using Cerchio.Customers.Contracts;
using Cerchio.Customers.Domain;
using Cerchio.Customers.Features.Records;
using Cerchio.Data;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Cerchio.Ui.Import;

namespace Cerchio.Customers.Features.ImportCustomers;

/// <summary>
/// Runs queued imports. Safe with several instances: a job is claimed with a conditional update (one winner), and
/// every batch commits together with a conditional progress update, so an instance that lost the job stops.
/// While a job runs, <see cref="ImportJob.HeartbeatAt"/> is stamped at every batch: a Running job whose heartbeat is
/// older than <see cref="StaleAfter"/> belonged to a dead instance and is claimed again, resuming after its last
/// committed batch. The stamp also identifies the owner: every write checks it is still the one it set.
/// </summary>
internal sealed class ImportWorker(IServiceScopeFactory scopes, ImportSignal signal, TimeProvider clock, IConfiguration configuration, ILogger<ImportWorker> logger)
    : BackgroundService
{
    public const int BatchSize = 200;
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);
    public const string SaveFailed = "La riga non si può salvare: è in conflitto con un altro cliente.";

    private readonly TimeSpan _poll = TimeSpan.FromSeconds(configuration.GetValue("Customers:ImportPollSeconds", 5));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunNextAsync(stoppingToken))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database may be unreachable or not migrated yet: try again at the next poll.
                logger.LogWarning(e, "Customer import worker failed; retrying.");
            }

            try
            {
                await signal.WaitAsync(_poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Claims and runs one job; false when there is none to claim.</summary>
    private async Task<bool> RunNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
        var staleBefore = clock.GetUtcNow() - StaleAfter;
        // Reading across organizations: this runs for all of them, then works inside one.
        var candidates = await db.Set<ImportJob>().IgnoreQueryFilters()
            .Where(j => j.Status == ImportStatus.Queued || (j.Status == ImportStatus.Running && j.HeartbeatAt < staleBefore))
            .OrderBy(j => j.CreatedAt)
            .Select(j => new { j.Id, j.OrganizationId, j.Status, j.HeartbeatAt, j.CreatedBy })
            .Take(10).AsNoTracking().ToListAsync(ct);
        foreach (var candidate in candidates)
        {
            var stamp = Stamp();
            var claimed = candidate.Status == ImportStatus.Queued
                ? await db.Set<ImportJob>().IgnoreQueryFilters()
                    .Where(j => j.Id == candidate.Id && j.Status == ImportStatus.Queued)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Running).SetProperty(j => j.HeartbeatAt, stamp), ct)
                : await db.Set<ImportJob>().IgnoreQueryFilters()
                    .Where(j => j.Id == candidate.Id && j.Status == ImportStatus.Running && j.HeartbeatAt == candidate.HeartbeatAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, stamp), ct);
            if (claimed == 1)
            {
                await RunAsync(candidate.Id, candidate.OrganizationId, candidate.CreatedBy, stamp, ct);
                return true;
            }
        }

        return false;
    }

    private async Task RunAsync(Guid jobId, Guid organizationId, string createdBy, DateTimeOffset stamp, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OrganizationContext>().Set(organizationId, null, createdBy, Role.Administrator);
        var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
        await using var run = new ImportRun(db, scope.ServiceProvider.GetRequiredService<CustomerRecords>(), jobId, stamp, Stamp);
        try
        {
            await run.ExecuteAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: hand the job back at once rather than after the stale delay.
            await run.DisposeAsync();
            await Owned(db, run).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Queued), CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Customer import {JobId} failed.", jobId);
            await run.DisposeAsync();
            db.ChangeTracker.Clear();
            var failure = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            var now = Stamp();
            await Owned(db, run).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportStatus.Failed)
                .SetProperty(j => j.Failure, failure)
                .SetProperty(j => j.FinishedAt, now), CancellationToken.None);
        }
    }

    private static IQueryable<ImportJob> Owned(CerchioDb db, ImportRun run) =>
        db.Set<ImportJob>().Where(j => j.Id == run.JobId && j.Status == ImportStatus.Running && j.HeartbeatAt == run.Heartbeat);

    // PostgreSQL keeps microseconds: a stamp compared for equality later must survive the round trip.
    private DateTimeOffset Stamp()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % 10, TimeSpan.Zero);
    }
}

/// <summary>One claimed job being written, batch by batch.</summary>
internal sealed class ImportRun(CerchioDb db, CustomerRecords records, Guid jobId, DateTimeOffset heartbeat, Func<DateTimeOffset> stamp)
    : IAsyncDisposable
{
    private const string Source = "import";

    // Customers created or changed in the current batch, by the keys rows match on: a later row of the same
    // file finds them before they are saved, so one file never creates the same customer twice.
    private readonly Dictionary<string, Customer> _touched = new(StringComparer.Ordinal);

    public Guid JobId => jobId;
    public DateTimeOffset Heartbeat { get; private set; } = heartbeat;

    public async Task ExecuteAsync(CancellationToken ct)
    {
        var job = await db.Set<ImportJob>().AsNoTracking().FirstAsync(j => j.Id == jobId, ct);
        // The sheet parsed at upload: the untrusted file is not parsed again here.
        var table = await StoredSheet.DecodeAsync(job.Sheet, ct) ?? throw new InvalidOperationException(ImportJobs.SheetGone);

        var reader = new ImportRowReader(table.Headers, ImportMapping.FromJson(job.Mapping));
        var issues = ImportIssue.ListFrom(job.Report);
        // Rows the preview found invalid are the ones the person chose to leave out.
        var excluded = issues.Select(i => i.Row).ToHashSet();
        var (processed, created, updated) = (job.ProcessedRows, job.Created, job.Updated);
        while (processed < table.Rows.Count)
        {
            var batch = table.Rows.Skip(processed).Take(ImportWorker.BatchSize).Where(r => !excluded.Contains(r.Number)).Select(reader.Read).ToList();
            var count = Math.Min(ImportWorker.BatchSize, table.Rows.Count - processed);
            BatchOutcome outcome;
            try
            {
                outcome = await WriteBatchAsync(batch, rowByRow: false, ct);
            }
            catch (DbUpdateException)
            {
                // One row broke the batch (say, a code another row also claims): redo it row by row to find it.
                outcome = await WriteBatchAsync(batch, rowByRow: true, ct);
            }

            if (outcome.Lost)
            {
                return;
            }

            processed += count;
            created += outcome.Created;
            updated += outcome.Updated;
            issues.AddRange(outcome.Issues);
            if (!await CommitProgressAsync(processed, created, updated, issues, ct))
            {
                return;
            }
        }

        var finished = stamp();
        await db.Set<ImportJob>().Where(j => j.Id == jobId && j.Status == ImportStatus.Running && j.HeartbeatAt == Heartbeat)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportStatus.Completed)
                .SetProperty(j => j.FinishedAt, finished)
                .SetProperty(j => j.Sheet, Array.Empty<byte>()), ct);   // the rows are in; their copy is not kept
    }

    private sealed record BatchOutcome(bool Lost, int Created, int Updated, List<ImportIssue> Issues);

    private Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? _transaction;

    /// <summary>Writes a batch inside a transaction that <see cref="CommitProgressAsync"/> ends, so rows and progress commit together.</summary>
    private async Task<BatchOutcome> WriteBatchAsync(List<ImportRow> rows, bool rowByRow, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        _touched.Clear();
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync(ct);
            await _transaction.DisposeAsync();
        }

        _transaction = await db.Database.BeginTransactionAsync(ct);
        // Still ours? Locks the job row on PostgreSQL until commit, so a competing instance waits, then sees the new stamp.
        var next = stamp();
        var owned = await db.Set<ImportJob>().Where(j => j.Id == jobId && j.Status == ImportStatus.Running && j.HeartbeatAt == Heartbeat)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, next), ct);
        if (owned == 0)
        {
            await _transaction.RollbackAsync(ct);
            return new BatchOutcome(true, 0, 0, []);
        }

        var (created, updated, issues) = (0, 0, new List<ImportIssue>());
        foreach (var row in rows)
        {
            var (wasCreated, errors) = await WriteRowAsync(row, ct);
            if (!errors.Any && rowByRow)
            {
                try
                {
                    await db.SaveChangesAsync(ct);   // inside the transaction: EF rolls back to a savepoint on failure
                }
                catch (DbUpdateException)
                {
                    Revert();
                    errors.Add("Row", ImportWorker.SaveFailed);
                }
            }

            if (errors.Any)
            {
                issues.AddRange(ImportIssue.From(row.Number, errors));
                continue;
            }

            (created, updated) = wasCreated ? (created + 1, updated) : (created, updated + 1);
        }

        if (!rowByRow)
        {
            await db.SaveChangesAsync(ct);
        }

        Heartbeat = next;
        return new BatchOutcome(false, created, updated, issues);
    }

    private async Task<bool> CommitProgressAsync(int processed, int created, int updated, List<ImportIssue> issues, CancellationToken ct)
    {
        var report = ImportIssue.ToJson(issues);
        var owned = await db.Set<ImportJob>().Where(j => j.Id == jobId && j.HeartbeatAt == Heartbeat)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.ProcessedRows, processed)
                .SetProperty(j => j.Created, created)
                .SetProperty(j => j.Updated, updated)
                .SetProperty(j => j.Report, report), ct);
        if (owned == 1)
        {
            await _transaction!.CommitAsync(ct);
        }
        else
        {
            await _transaction!.RollbackAsync(ct);
        }

        await _transaction.DisposeAsync();
        _transaction = null;
        return owned == 1;
    }

    private async Task<(bool Created, Errors Errors)> WriteRowAsync(ImportRow row, CancellationToken ct)
    {
        if (row.Errors.Any)
        {
            return (false, row.Errors);
        }

        var reference = row.Reference;
        var existing = reference.IsEmpty ? null : await FindAsync(reference, ct);
        if (existing is not null)
        {
            var errors = await records.UpdateAsync(existing, row.MergeInto(existing), Source, ct);
            if (!errors.Any)
            {
                Remember(existing);
            }

            return (false, errors);
        }

        var (customer, createErrors) = await records.CreateAsync(row.Details, Source, ct);
        if (customer is not null)
        {
            Remember(customer);
        }

        return (true, createErrors);
    }

    /// <summary>The record's own matching (external id, then email, then VAT), looking first at this batch's unsaved rows.</summary>
    private async Task<Customer?> FindAsync(CustomerReference reference, CancellationToken ct)
    {
        foreach (var key in Keys(reference.ExternalId, reference.Email, reference.VatNumber))
        {
            if (_touched.TryGetValue(key, out var touched))
            {
                return touched;
            }

            var found = await records.FindAsync(key[0] switch
            {
                'x' => new CustomerReference(key[2..], null, null),
                'e' => new CustomerReference(null, key[2..], null),
                _ => new CustomerReference(null, null, key[2..]),
            }, ct);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private void Remember(Customer customer)
    {
        foreach (var key in Keys(customer.ExternalId, customer.Email, customer.VatNumber))
        {
            _touched[key] = customer;
        }
    }

    private static IEnumerable<string> Keys(string? externalId, string? email, string? vat)
    {
        if (externalId is not null)
        {
            yield return "x:" + externalId;
        }

        if (email is not null)
        {
            yield return "e:" + email;
        }

        if (vat is not null)
        {
            yield return "v:" + vat;
        }
    }

    /// <summary>Undoes the tracked changes of a row whose save failed, so the next rows save cleanly.</summary>
    private void Revert()
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList())
        {
            if (entry.State == EntityState.Added)
            {
                entry.State = EntityState.Detached;
            }
            else
            {
                entry.CurrentValues.SetValues(entry.OriginalValues);
                entry.State = EntityState.Unchanged;
            }
        }

        foreach (var key in _touched.Where(t => db.Entry(t.Value).State == EntityState.Detached).Select(t => t.Key).ToList())
        {
            _touched.Remove(key);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }
}
