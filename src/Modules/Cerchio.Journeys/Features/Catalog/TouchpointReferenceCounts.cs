using Cerchio.Text;
using Cerchio.Touchpoints;

namespace Cerchio.Journeys.Features.Catalog;

/// <summary>
/// What names a touchpoint's code, asked of every module that keeps such records (<see cref="ITouchpointReferences"/>):
/// why the catalog archives a code rather than deleting it, and what archiving keeps.
/// </summary>
internal sealed class TouchpointReferenceCounts(IEnumerable<ITouchpointReferences> sources)
{
    /// <summary>Every source's counts for the code, zero ones included, by rank.</summary>
    public async Task<IReadOnlyList<TouchpointReference>> CountAsync(string code, CancellationToken ct = default)
    {
        var all = new List<TouchpointReference>();
        foreach (var source in sources)
        {
            // One after the other: the sources share the request's DbContext, which runs one query at a time.
            all.AddRange(await source.CountAsync(code, ct));
        }

        return all.OrderBy(r => r.Rank).ToList();
    }

    /// <summary>The counts by key, as the API shows them.</summary>
    public static Dictionary<string, int> ByKey(IEnumerable<TouchpointReference> references) =>
        references.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));

    /// <summary>"Citato da 12 pratiche, 40 eventi, 2 carte in 1 mappa: …", or that nothing names it yet.</summary>
    public static string Sentence(IReadOnlyList<TouchpointReference> references, Loc l)
    {
        var used = references.Where(r => r.Count > 0).Select(r => l.F(r.Text, r.Args)).ToList();
        return used.Count == 0
            ? l["Nessuna pratica, evento o mappa lo cita: archiviarlo lo toglie soltanto dalle scelte."]
            : l.F("Citato da {0}: archiviarlo lo toglie dalle scelte, ma ciò che lo cita lo conserva (le carte restano sulle mappe, segnate come archiviate).", string.Join(", ", used));
    }
}
