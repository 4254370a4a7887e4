namespace Cerchio.Touchpoints;

/// <summary>
/// How many records of one kind name a touchpoint's code. <paramref name="Text"/> is Italian, a composite format over
/// <paramref name="Args"/> ("{0} pratiche"), with its English in the source module's translations.
/// </summary>
/// <param name="Key">Stable, as the API names it ("cases", "events", "cards").</param>
/// <param name="Rank">Where a sentence names it among every source's, lowest first (the cases, the events, the maps' cards, the answers).</param>
public sealed record TouchpointReference(string Key, int Rank, int Count, string Text, params object[] Args);

/// <summary>
/// A module whose records name touchpoints by code (the desk its cases, the customers module its events, the maps their
/// cards, later the surveys their answers) says how many do. A code in use is archived, never deleted: the catalog shows
/// what archiving keeps.
/// </summary>
public interface ITouchpointReferences
{
    /// <summary>This module's references to <paramref name="code"/>, zero counts included, so every key is always there.</summary>
    Task<IReadOnlyList<TouchpointReference>> CountAsync(string code, CancellationToken ct = default);
}

/// <summary>What waits on a touchpoint now (the desk's open cases; later the loops to close), and the page listing it.</summary>
/// <param name="Label">Italian, as pages translate it ("Pratiche ancora aperte").</param>
public sealed record TouchpointOpenWork(string Touchpoint, string Key, string Label, int Count, string Path);

/// <summary>
/// A module with work still open on touchpoints says how much, so a department's referente sees it beside the numbers
/// without the journeys module reading the module's tables.
/// </summary>
public interface ITouchpointOpenWork
{
    /// <summary>One entry per code asked (zero included), each with the page that lists the open rows.</summary>
    Task<IReadOnlyList<TouchpointOpenWork>> OpenAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default);
}
