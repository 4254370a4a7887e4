using System.Collections.Concurrent;
using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Events;
using Cerchio.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Platform;

public sealed record ThingHappened(string Name, int FailTimes = 0, bool Poison = false) : IModuleEvent;

/// <summary>What the test handlers saw, shared by every instance of the app under test.</summary>
public sealed class HandlerLog
{
    public ConcurrentQueue<(string Handler, string Name, Guid EventId, Guid? OrganizationId, int Attempt)> Calls { get; } = new();

    public int Count(string handler, string name) => Calls.Count(c => c.Handler == handler && c.Name == name);
}

internal sealed class Recorder(HandlerLog log) : IModuleEventHandler<ThingHappened>
{
    public Task HandleAsync(ThingHappened e, ModuleEventContext context, CancellationToken ct)
    {
        log.Calls.Enqueue((nameof(Recorder), e.Name, context.EventId, context.OrganizationId, context.Attempt));
        return Task.CompletedTask;
    }
}

internal sealed class Flaky(HandlerLog log) : IModuleEventHandler<ThingHappened>
{
    public Task HandleAsync(ThingHappened e, ModuleEventContext context, CancellationToken ct)
    {
        log.Calls.Enqueue((nameof(Flaky), e.Name, context.EventId, context.OrganizationId, context.Attempt));
        return e.Poison || context.Attempt <= e.FailTimes
            ? throw new InvalidOperationException($"{e.Name} failed on attempt {context.Attempt}")
            : Task.CompletedTask;
    }
}

/// <summary>The app with two test subscribers and short retry delays.</summary>
public abstract class OutboxApp : AppFixture
{
    public HandlerLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Outbox:RetryDelay", "00:00:00.050");
        builder.UseSetting("Outbox:MaxRetryDelay", "00:00:00.200");
        builder.UseSetting("Outbox:MaxAttempts", "4");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Log);
            services.AddModuleEventHandler<ThingHappened, Recorder>();
            services.AddModuleEventHandler<ThingHappened, Flaky>();
        });
    }
}

public sealed class OutboxSqliteApp : OutboxApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class OutboxPostgresApp : OutboxApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public abstract class ModuleEventsTests(OutboxApp app)
{
    private async Task<Guid> PublishAsync(Guid organizationId, params ThingHappened[] events) =>
        await app.InOrganizationAsync(organizationId, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            foreach (var e in events)
            {
                db.Publish(e);
            }

            await db.SaveChangesAsync();
            return organizationId;
        });

    private Task<List<ModuleEventDelivery>> DeliveriesAsync(string name) =>
        app.InOrganizationAsync(Guid.Empty, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var ids = await db.Set<ModuleEventRecord>().Where(e => e.Payload.Contains(name)).Select(e => e.Id).ToListAsync();
            return await db.Set<ModuleEventDelivery>().Where(d => ids.Contains(d.EventId)).ToListAsync();
        });

    [Fact]
    public async Task Publish_ReachesEveryHandlerOnce_InTheEventsOrganization()
    {
        var org = await app.CreateOrganizationAsync("Eventi S.r.l.");
        var name = $"ordine-{Guid.NewGuid():N}";

        await PublishAsync(org.Id, new ThingHappened(name));

        await Wait.UntilAsync(async () => (await DeliveriesAsync(name)).All(d => d.Status == DeliveryStatus.Done), "both deliveries are done");
        var calls = app.Log.Calls.Where(c => c.Name == name).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal([nameof(Flaky), nameof(Recorder)], calls.Select(c => c.Handler).Order());
        Assert.All(calls, c => Assert.Equal(org.Id, c.OrganizationId));
        Assert.Single(calls.Select(c => c.EventId).Distinct());
    }

    [Fact]
    public async Task Publish_InATransactionRolledBack_IsNeverDelivered()
    {
        var org = await app.CreateOrganizationAsync("Ripensamento S.r.l.");
        var lost = $"annullato-{Guid.NewGuid():N}";
        var kept = $"confermato-{Guid.NewGuid():N}";

        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Publish(new ThingHappened(lost));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });
        await PublishAsync(org.Id, new ThingHappened(kept));

        // The dispatcher takes due deliveries oldest first: once the later event is through, the earlier one would have been.
        await Wait.UntilAsync(() => app.Log.Count(nameof(Recorder), kept) == 1, "the committed event is delivered");
        Assert.Equal(0, app.Log.Count(nameof(Recorder), lost));
        Assert.Empty(await DeliveriesAsync(lost));
    }

    [Fact]
    public async Task FailingHandler_IsRetriedAlone_UntilItSucceeds()
    {
        var org = await app.CreateOrganizationAsync("Riprova S.r.l.");
        var name = $"fragile-{Guid.NewGuid():N}";

        await PublishAsync(org.Id, new ThingHappened(name, FailTimes: 2));

        await Wait.UntilAsync(async () => (await DeliveriesAsync(name)).All(d => d.Status == DeliveryStatus.Done), "the flaky handler succeeds");
        Assert.Equal([1, 2, 3], app.Log.Calls.Where(c => c.Name == name && c.Handler == nameof(Flaky)).Select(c => c.Attempt).Order());
        Assert.Equal(1, app.Log.Count(nameof(Recorder), name));
        var flaky = (await DeliveriesAsync(name)).Single(d => d.Handler.Contains(nameof(Flaky)));
        Assert.Equal(3, flaky.Attempts);
    }

    [Fact]
    public async Task HandlerFailingEveryTime_StopsAtTheLastAttempt_WithItsError()
    {
        var org = await app.CreateOrganizationAsync("Veleno S.r.l.");
        var name = $"veleno-{Guid.NewGuid():N}";

        await PublishAsync(org.Id, new ThingHappened(name, Poison: true));

        await Wait.UntilAsync(async () => (await DeliveriesAsync(name)).Any(d => d.Status == DeliveryStatus.Failed), "the delivery is given up");
        var failed = (await DeliveriesAsync(name)).Single(d => d.Status == DeliveryStatus.Failed);
        Assert.Equal(4, failed.Attempts);
        Assert.Equal($"{name} failed on attempt 4", failed.LastError);
        Assert.Equal(4, app.Log.Count(nameof(Flaky), name));
        Assert.Equal(1, app.Log.Count(nameof(Recorder), name));
    }

    [Fact]
    public async Task DeliveryClaimedByAProcessThatDied_IsDeliveredAgainWhenItsLeaseRunsOut()
    {
        var org = await app.CreateOrganizationAsync("Interrotto S.r.l.");
        var name = $"interrotto-{Guid.NewGuid():N}";
        await PublishAsync(org.Id, new ThingHappened(name));
        await Wait.UntilAsync(async () => (await DeliveriesAsync(name)).All(d => d.Status == DeliveryStatus.Done), "the first delivery is done");

        // As if a process had claimed the recorder's delivery and died before recording the outcome.
        var dead = Guid.NewGuid();
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var expired = DateTimeOffset.UtcNow.AddMinutes(-1);
            return await db.Set<ModuleEventDelivery>()
                .Where(d => d.Handler.Contains(nameof(Recorder)) && d.EventId == db.Set<ModuleEventRecord>().Where(e => e.Payload.Contains(name)).Select(e => e.Id).First())
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.ClaimToken, dead)
                    .SetProperty(d => d.LockedUntil, expired).SetProperty(d => d.CompletedAt, (DateTimeOffset?)null));
        });

        await Wait.UntilAsync(() => app.Log.Count(nameof(Recorder), name) == 2, "the abandoned delivery runs again");
        Assert.Equal([1, 2], app.Log.Calls.Where(c => c.Name == name && c.Handler == nameof(Recorder)).Select(c => c.Attempt).Order());
    }

    [Fact]
    public async Task TwoInstances_OnOneDatabase_DeliverEachEventOnce()
    {
        var org = await app.CreateOrganizationAsync("Due Istanze S.r.l.");
        await using var other = app.WithWebHostBuilder(_ => { });
        _ = other.Services;   // starts its dispatcher
        var prefix = $"doppio-{Guid.NewGuid():N}";
        var names = Enumerable.Range(0, 150).Select(i => $"{prefix}-{i}").ToArray();

        await PublishAsync(org.Id, names.Select(n => new ThingHappened(n)).ToArray());

        await Wait.UntilAsync(async () => (await DeliveriesAsync(prefix)).Count(d => d.Status == DeliveryStatus.Done) == 300, "all 300 deliveries are done");
        foreach (var name in names)
        {
            Assert.Equal(1, app.Log.Count(nameof(Recorder), name));
            Assert.Equal(1, app.Log.Count(nameof(Flaky), name));
        }
    }
}

public sealed class ModuleEventsOnSqlite(OutboxSqliteApp app) : ModuleEventsTests(app), IClassFixture<OutboxSqliteApp>;

public sealed class ModuleEventsOnPostgres(OutboxPostgresApp app) : ModuleEventsTests(app), IClassFixture<OutboxPostgresApp>;
