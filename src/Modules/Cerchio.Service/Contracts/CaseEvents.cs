using Cerchio.Events;

namespace Cerchio.Service.Contracts;

// What other modules may react to (a survey after a resolved case, the journey's numbers). Published with the change
// that caused them and delivered at least once (ADR 0008). Names are the API's: type "complaint", channel "phone".

public sealed record CaseOpened(Guid CaseId, int Number, Guid? CustomerId, string Type, string Channel, string? Touchpoint, DateTimeOffset OpenedAt) : IModuleEvent;

public sealed record CaseResolved(Guid CaseId, int Number, Guid? CustomerId, string Type, string Channel, string? Touchpoint, DateTimeOffset ResolvedAt) : IModuleEvent;

public sealed record CaseReopened(Guid CaseId, int Number, Guid? CustomerId, DateTimeOffset ReopenedAt) : IModuleEvent;

public sealed record MessageReceived(Guid CaseId, int Number, Guid? CustomerId, Guid EntryId, string Channel, DateTimeOffset ReceivedAt) : IModuleEvent;

public sealed record HandOffCompleted(Guid CaseId, int Number, Guid HandOffId, Guid DepartmentId, DateTimeOffset RequestedAt, DateTimeOffset CompletedAt) : IModuleEvent;

/// <summary>
/// A case was merged into another of the same customer and closed: not resolved (no CaseResolved is published for it),
/// its conversation now continues in the case IntoCaseId.
/// </summary>
public sealed record CaseMerged(Guid CaseId, int Number, Guid IntoCaseId, int IntoNumber, Guid? CustomerId, DateTimeOffset MergedAt) : IModuleEvent;

/// <summary>Fills the current organization's desk with a year of realistic cases (the demo company).</summary>
public interface IServiceDemoData
{
    Task SeedAsync(int cases, int seed, CancellationToken ct = default);
}
