namespace Cerchio.Events;

/// <summary>
/// Something that happened in one module that others may react to (a case resolved, a message received). Events are
/// records declared in the publishing module's Contracts/, serialised as JSON, and published with the change that
/// caused them, in the same transaction (see ADR 0008).
/// </summary>
public interface IModuleEvent;

/// <summary>
/// Reacts to one kind of event. Delivery is at least once: a handler may see the same event again after a crash or a
/// failure, so it must be idempotent (check what it already did, keyed by <see cref="ModuleEventContext.EventId"/>
/// or by the record it changes).
/// </summary>
public interface IModuleEventHandler<in TEvent>
    where TEvent : IModuleEvent
{
    Task HandleAsync(TEvent moduleEvent, ModuleEventContext context, CancellationToken cancellationToken);
}

/// <param name="EventId">Stable across redeliveries: the key for idempotency.</param>
/// <param name="OrganizationId">The organization the event belongs to; the handler's scope is already set to it.</param>
/// <param name="Attempt">1 on the first delivery to this handler.</param>
/// <param name="IsLastAttempt">A failure now is final: the delivery is kept as failed, with its error, for a person to retry.</param>
public sealed record ModuleEventContext(Guid EventId, Guid? OrganizationId, DateTimeOffset OccurredAt, int Attempt, bool IsLastAttempt);
