namespace Cerchio.Organizations.Contracts;

/// <summary>What a notification is about; the bell and its page show them all alike. Later modules add their kinds here.</summary>
public enum NotificationKind
{
    Mention = 1,
    HandOffAsked = 2,
    HandOffAnswered = 3,
    SlaNearBreach = 4,
    SlaBreached = 5,
    AnnouncementPublished = 6,
    AnnouncementReminder = 7,
    AnnouncementThread = 8,
    ArticleToReview = 9,
    LoopOpened = 10,
    LoopOverdue = 11,
}

/// <summary>
/// One notification to send. <paramref name="Title"/> is the Italian source text (a composite format with
/// <paramref name="TitleArgs"/>), rendered in each recipient's language when it is stored.
/// </summary>
/// <param name="Link">Where opening it leads, inside the app ("/assistenza/pratiche/12").</param>
public sealed record NewNotification(NotificationKind Kind, string Link, string Title, params object?[] TitleArgs);

/// <summary>In-app notifications, for every module that has news for a colleague.</summary>
public interface INotifications
{
    /// <summary>
    /// Adds one notification per recipient to the caller's pending changes: it is stored by the caller's own
    /// SaveChanges, in the same transaction as the change it tells about, or not at all. Only active members of the
    /// current organization get it, never the person acting. Returns them (name, address, language), so the caller
    /// can write to the same people by email.
    /// </summary>
    Task<IReadOnlyList<MemberContact>> AddAsync(NewNotification notification, IEnumerable<Guid> recipients, CancellationToken ct = default);
}
