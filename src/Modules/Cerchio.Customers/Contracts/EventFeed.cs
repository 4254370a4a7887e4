namespace Cerchio.Customers.Contracts;

/// <summary>The kinds of events other systems send through POST /api/v1/events, and their Italian labels (Loc translates).</summary>
public static class EventVocabulary
{
    public static IReadOnlyList<string> Types { get; } = Domain.EventTypes.External;

    public static string LabelOf(string type) => Domain.EventTypes.Label(type);
}

/// <summary>
/// A place in the order events were stored in: their ingestion time, then their id. A reader that keeps the last place
/// it reached asks for what came after it.
/// </summary>
public readonly record struct EventPosition(DateTimeOffset RecordedAt, Guid Id);

/// <summary>An event from another system, as a module that acts on it sees it.</summary>
public sealed record FeedEvent(Guid Id, Guid CustomerId, string Type, string? Touchpoint, DateTimeOffset OccurredAt, EventPosition Position);

/// <param name="Events">The events read that are on the touchpoint asked for, in order.</param>
/// <param name="Reached">The place of the last event read, on the touchpoint or not (where the next read starts); the place asked from when none.</param>
/// <param name="Read">How many events were read: fewer than asked means the reader has caught up.</param>
public sealed record EventFeedPage(IReadOnlyList<FeedEvent> Events, EventPosition Reached, int Read);

/// <summary>
/// The events the API ingested, for modules that follow them (a survey sent after each delivery) without the ingestion
/// publishing anything per event: at 20,000 events a second that would double the writes.
/// </summary>
public interface IEventFeed
{
    /// <summary>
    /// The current organization's events of <paramref name="type"/> stored after <paramref name="after"/> and before
    /// <paramref name="storedBefore"/> (a reader leaves the last moments alone: a batch being stored just then may
    /// still commit with an earlier time), at most <paramref name="take"/> read, oldest first; only those on
    /// <paramref name="touchpoint"/> when one is given.
    /// </summary>
    Task<EventFeedPage> NewEventsAsync(string type, string? touchpoint, EventPosition after, DateTimeOffset storedBefore, int take, CancellationToken ct = default);
}
