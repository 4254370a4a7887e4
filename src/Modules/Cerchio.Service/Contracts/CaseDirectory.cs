namespace Cerchio.Service.Contracts;

/// <summary>Who a case is with, as another module reaches them (a survey after it).</summary>
public sealed record CaseContact(Guid CaseId, int Number, Guid? CustomerId, string? Name, string? Email);

/// <summary>A resolved case as a survey follows it.</summary>
public sealed record ResolvedCase(Guid CaseId, int Number, Guid? CustomerId, string? Name, string? Email, string? Touchpoint, DateTimeOffset ResolvedAt);

/// <summary>What other modules may ask about the current organization's cases.</summary>
public interface ICaseDirectory
{
    /// <summary>The person who wrote (or was logged for) the case; null when the case does not exist here.</summary>
    Task<CaseContact?> ContactAsync(Guid caseId, CancellationToken ct = default);

    /// <summary>The case with this number, as <see cref="ContactAsync"/> gives it; null when there is none here.</summary>
    Task<CaseContact?> FindAsync(int number, CancellationToken ct = default);

    /// <summary>Whether the customer has a complaint still being worked (not resolved nor closed): no survey goes to them meanwhile.</summary>
    Task<bool> HasOpenComplaintAsync(Guid customerId, CancellationToken ct = default);

    /// <summary>
    /// Opens a resolved case again with an internal note saying why (an unhappy answer to the survey after it); false
    /// when the case is not resolved (still open, or closed for good) or not here.
    /// </summary>
    Task<bool> ReopenAsync(Guid caseId, string note, CancellationToken ct = default);

    /// <summary>The cases resolved since <paramref name="since"/>, oldest first (the demo's surveys follow them).</summary>
    Task<IReadOnlyList<ResolvedCase>> ResolvedSinceAsync(DateTimeOffset since, CancellationToken ct = default);
}

/// <summary>The case types and channels as the API and the events name them ("complaint", "phone"), for other modules' filters.</summary>
public static class CaseVocabulary
{
    public static IReadOnlyCollection<string> Types { get; } = Domain.CaseNames.Types.Keys.ToList();

    public static IReadOnlyCollection<string> Channels { get; } = Domain.CaseNames.Channels.Keys.ToList();
}
