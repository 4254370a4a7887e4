using Cerchio.Service.Domain;

namespace Cerchio.Service.Features.Desk;

/// <summary>The statuses the pages offer for a move by hand (Case.CanMove decides; waiting on a department comes with a hand-off).</summary>
internal static class HandMoves
{
    public static readonly CaseStatus[] Targets = [CaseStatus.Open, CaseStatus.WaitingOnCustomer, CaseStatus.Resolved, CaseStatus.Closed];
}

/// <summary>Reads the API's names (CaseNames) as the pages receive them in forms and addresses.</summary>
internal static class DeskNames
{
    /// <summary>The value named, ignoring case and spaces around; null for nothing or an unknown name.</summary>
    public static T? Find<T>(IReadOnlyDictionary<string, T> names, string? value) where T : struct =>
        value is not null && names.TryGetValue(value.Trim().ToLowerInvariant(), out var found) ? found : null;
}
