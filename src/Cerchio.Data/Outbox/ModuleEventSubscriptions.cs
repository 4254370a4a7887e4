using System.Text.Json;
using Cerchio.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Data.Outbox;

/// <summary>One handler of one event type, with the typed call that runs it (no reflection at delivery time).</summary>
public sealed record ModuleEventSubscription(
    Type EventType,
    string Handler,
    Func<IServiceProvider, string, ModuleEventContext, CancellationToken, Task> InvokeAsync);

/// <summary>
/// Who listens to what, known when the services are registered: publishing an event writes one delivery row per
/// handler listed here, in the same transaction.
/// </summary>
public sealed class ModuleEventSubscriptions
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly List<ModuleEventSubscription> _all = [];

    public IReadOnlyList<ModuleEventSubscription> For(Type eventType) => _all.Where(s => s.EventType == eventType).ToList();

    public ModuleEventSubscription? Find(string handler) => _all.FirstOrDefault(s => s.Handler == handler);

    internal void Add<TEvent, THandler>()
        where TEvent : IModuleEvent
        where THandler : class, IModuleEventHandler<TEvent>
    {
        // The name stored with each delivery: stable as long as the handler class keeps its name.
        var name = $"{typeof(THandler).FullName}:{typeof(TEvent).Name}";
        if (_all.Any(s => s.Handler == name))
        {
            return;
        }

        _all.Add(new ModuleEventSubscription(typeof(TEvent), name, (services, payload, context, ct) =>
        {
            var moduleEvent = JsonSerializer.Deserialize<TEvent>(payload, Json)
                ?? throw new InvalidOperationException($"The payload of event {context.EventId} is empty.");
            return services.GetRequiredService<THandler>().HandleAsync(moduleEvent, context, ct);
        }));
    }
}

public static class ModuleEventRegistration
{
    /// <summary>Subscribes a handler to an event type; the handler is resolved in its own scope for each delivery.</summary>
    public static IServiceCollection AddModuleEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IModuleEvent
        where THandler : class, IModuleEventHandler<TEvent>
    {
        Subscriptions(services).Add<TEvent, THandler>();
        services.AddScoped<THandler>();
        return services;
    }

    internal static ModuleEventSubscriptions Subscriptions(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(ModuleEventSubscriptions))?.ImplementationInstance is ModuleEventSubscriptions existing)
        {
            return existing;
        }

        var created = new ModuleEventSubscriptions();
        services.AddSingleton(created);
        return created;
    }
}
