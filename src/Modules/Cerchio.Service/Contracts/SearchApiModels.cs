namespace Cerchio.Service.Contracts;

/// <summary>
/// GET /api/v1/search. Each list is ranked best first (at most 20). Snippets are HTML: the text encoded, the matching
/// words in &lt;mark&gt;; scores are higher for better matches, comparable only within one list of one answer.
/// </summary>
public sealed record SearchResultsDto(
    IReadOnlyList<CaseSearchHitDto> Cases, IReadOnlyList<MessageSearchHitDto> Messages, IReadOnlyList<CustomerSearchHitDto> Customers);

/// <summary>A case whose subject or messages match; Title is its subject, MatchingMessages how many of its messages match (on SQLite, among the organization's newest 1,000 matches).</summary>
public sealed record CaseSearchHitDto(
    Guid Id, int Number, string Title, string Status, DateTimeOffset CreatedAt, int MatchingMessages, string Snippet, double Score);

/// <summary>A message or note that matches; Title is its case's subject.</summary>
public sealed record MessageSearchHitDto(
    Guid Id, Guid CaseId, int CaseNumber, string Title, string CaseStatus, string Kind, DateTimeOffset At, string Snippet, double Score);

/// <summary>A customer whose name, email, VAT number, city or codes match; Title is its name.</summary>
public sealed record CustomerSearchHitDto(
    Guid Id, string Title, bool IsCompany, string? Email, string? City, string? ExternalId, string Snippet, double Score);
