using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Inbox;

/// <summary>
/// The cases that name a touchpoint, for the catalog (how many would keep an archived code: every case but the merged
/// ones, which live on in their target, as in the inbox's "tutte" view) and for a department's referente (the open
/// ones: exactly the inbox's "tutte aperte" view filtered by the touchpoint, where the count links).
/// </summary>
internal sealed class TouchpointCases(CerchioDb db, InboxQuery inbox) : ITouchpointReferences, ITouchpointOpenWork
{
    public const string Cases = "cases";
    public const string OpenCases = "open-cases";

    public async Task<IReadOnlyList<TouchpointReference>> CountAsync(string code, CancellationToken ct = default)
    {
        var count = await db.Set<Case>().CountAsync(c => c.TouchpointCode == code && c.MergedIntoId == null, ct);
        return [new TouchpointReference(Cases, 10, count, count == 1 ? "{0} pratica" : "{0} pratiche", count)];
    }

    public async Task<IReadOnlyList<TouchpointOpenWork>> OpenAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        if (codes.Count == 0)
        {
            return [];
        }

        var view = new InboxFilter(InboxView.Open, InboxSort.SlaDue);
        var wanted = codes.ToList();
        var counts = await inbox.Filtered(view, await inbox.MomentAsync(ct))
            .Where(c => c.TouchpointCode != null && wanted.Contains(c.TouchpointCode))
            .GroupBy(c => c.TouchpointCode!)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Code, g => g.Count, ct);
        return codes.Select(code => new TouchpointOpenWork(code, OpenCases, "Pratiche ancora aperte", counts.GetValueOrDefault(code), PathOf(code))).ToList();
    }

    /// <summary>The inbox's open cases on the touchpoint.</summary>
    public static string PathOf(string code) =>
        $"/assistenza?vista={InboxNames.SlugOf(InboxView.Open)}&touchpoint={Uri.EscapeDataString(code)}";
}
