using System.Text.Json;
using Cerchio.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cerchio.Data.Outbox;

public static class Publishing
{
    /// <summary>
    /// Records the event with the pending changes: it is stored by the same SaveChanges, or not at all. Subscribers
    /// get it after the commit, at least once.
    /// </summary>
    public static void Publish<TEvent>(this CerchioDb db, TEvent moduleEvent)
        where TEvent : IModuleEvent
    {
        db.Set<ModuleEventRecord>().Add(new ModuleEventRecord
        {
            Id = Ids.New(),
            OrganizationId = db.Tenant.OrganizationId,
            Type = typeof(TEvent).FullName!,
            Payload = JsonSerializer.Serialize(moduleEvent, ModuleEventSubscriptions.Json),
            EventType = typeof(TEvent),
        });
    }
}

/// <summary>Wakes the dispatcher after a commit that published events, so subscribers react in milliseconds, not at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake.
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

/// <summary>Adds each new event's delivery rows (one per subscriber) and its time, before the save that stores it.</summary>
public sealed class OutboxInterceptor(ModuleEventSubscriptions subscriptions, OutboxSignal signal, TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddDeliveries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddDeliveries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeIfPublished(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeIfPublished(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddDeliveries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var entry in context.ChangeTracker.Entries<ModuleEventRecord>().Where(e => e.State == EntityState.Added).ToList())
        {
            var record = entry.Entity;
            record.OccurredAt = now;
            foreach (var subscription in record.EventType is null ? [] : subscriptions.For(record.EventType))
            {
                context.Add(new ModuleEventDelivery
                {
                    Id = Ids.New(),
                    EventId = record.Id,
                    Handler = subscription.Handler,
                    Status = DeliveryStatus.Pending,
                    NextAttemptAt = now,
                });
            }
        }
    }

    private void WakeIfPublished(DbContext? context)
    {
        if (context?.ChangeTracker.Entries<ModuleEventDelivery>().Any() == true)
        {
            signal.Wake();
        }
    }
}
