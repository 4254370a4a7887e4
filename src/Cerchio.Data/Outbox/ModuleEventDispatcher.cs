using Cerchio.Events;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cerchio.Data.Outbox;

/// <summary>Settings (section "Outbox"): how often to look, how long a claim lasts, how to back off.</summary>
public sealed class OutboxOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
    public int MaxAttempts { get; set; } = 10;
    public int BatchSize { get; set; } = 20;

    /// <summary>30 s, 1 min, 2 min… up to the cap, with ±20 % jitter so instances do not retry in step.</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        var exponential = RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(exponential, MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }
}

/// <summary>
/// Delivers published events to their handlers, in every instance at once without two instances taking the same
/// delivery: a claim marks rows with a token and a lease (on PostgreSQL, FOR UPDATE SKIP LOCKED; SQLite has one writer).
/// </summary>
public sealed class ModuleEventDispatcher(
    IServiceScopeFactory scopes,
    ModuleEventSubscriptions subscriptions,
    OutboxSignal signal,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<ModuleEventDispatcher> logger) : BackgroundService
{
    private OutboxOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be down or not migrated yet: nothing is lost, the rows wait.
                logger.LogWarning(e, "Delivering module events failed; retrying in {Interval}.", Options.PollInterval);
            }

            if (handled < Options.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(Options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims one batch of due deliveries and runs them; returns how many it claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
        var claimed = await ClaimAsync(db, ct);
        foreach (var delivery in claimed)
        {
            await DeliverAsync(db, delivery, ct);
        }

        return claimed.Count;
    }

    private async Task<List<ModuleEventDelivery>> ClaimAsync(CerchioDb db, CancellationToken ct)
    {
        var token = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var until = now + Options.Lease;
        var pending = (int)DeliveryStatus.Pending;
        var batch = Options.BatchSize;
        if (db.IsSqlite)
        {
            // SQLite has one writer at a time: the UPDATE and its sub-select run as one atomic step.
            await db.Set<ModuleEventDelivery>()
                .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now))
                .OrderBy(d => d.NextAttemptAt)
                .Take(batch)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.LockedUntil, until)
                    .SetProperty(d => d.ClaimToken, token)
                    .SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
        }
        else
        {
            // Rows another instance is claiming right now are skipped, not waited for and then taken twice.
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "ModuleEventDeliveries" SET "LockedUntil" = {until}, "ClaimToken" = {token}, "Attempts" = "Attempts" + 1
                WHERE "Id" IN (
                    SELECT "Id" FROM "ModuleEventDeliveries"
                    WHERE "Status" = {pending} AND "NextAttemptAt" <= {now} AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                    ORDER BY "NextAttemptAt" LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                """, ct);
        }

        return await db.Set<ModuleEventDelivery>().AsNoTracking()
            .Where(d => d.ClaimToken == token && d.Status == DeliveryStatus.Pending)
            .ToListAsync(ct);
    }

    private async Task DeliverAsync(CerchioDb db, ModuleEventDelivery delivery, CancellationToken ct)
    {
        var record = await db.Set<ModuleEventRecord>().AsNoTracking().FirstAsync(e => e.Id == delivery.EventId, ct);
        var subscription = subscriptions.Find(delivery.Handler);
        if (subscription is null)
        {
            await FinishAsync(db, delivery, DeliveryStatus.Failed, $"No handler named {delivery.Handler} in this version.", ct);
            return;
        }

        var context = new ModuleEventContext(record.Id, record.OrganizationId, record.OccurredAt, delivery.Attempts, delivery.Attempts >= Options.MaxAttempts);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (record.OrganizationId is { } organizationId)
            {
                scope.ServiceProvider.GetRequiredService<OrganizationContext>().Set(organizationId, null, "sistema", Role.Administrator);
            }

            await subscription.InvokeAsync(scope.ServiceProvider, record.Payload, context, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and another run delivers it again.
            throw;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Handler {Handler} failed on event {EventId} (attempt {Attempt}).", delivery.Handler, record.Id, delivery.Attempts);
            if (context.IsLastAttempt)
            {
                await FinishAsync(db, delivery, DeliveryStatus.Failed, e.Message, ct);
            }
            else
            {
                var next = clock.GetUtcNow() + Options.DelayAfter(delivery.Attempts);
                await Claimed(db, delivery).ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.NextAttemptAt, next)
                    .SetProperty(d => d.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(d => d.LastError, Truncate(e.Message)), CancellationToken.None);
            }

            return;
        }

        await FinishAsync(db, delivery, DeliveryStatus.Done, null, CancellationToken.None);
    }

    private Task FinishAsync(CerchioDb db, ModuleEventDelivery delivery, DeliveryStatus status, string? error, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return Claimed(db, delivery).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, status)
            .SetProperty(d => d.CompletedAt, now)
            .SetProperty(d => d.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(d => d.LastError, Truncate(error)), ct);
    }

    // Only the claim's holder writes the outcome: after a lease ran out, the row may belong to another run.
    private static IQueryable<ModuleEventDelivery> Claimed(CerchioDb db, ModuleEventDelivery delivery) =>
        db.Set<ModuleEventDelivery>().Where(d => d.Id == delivery.Id && d.ClaimToken == delivery.ClaimToken);

    private static string? Truncate(string? text) => text is { Length: > 2000 } ? text[..2000] : text;
}
