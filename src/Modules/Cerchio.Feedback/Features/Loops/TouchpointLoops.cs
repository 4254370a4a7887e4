using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Feedback.Features.Loops;

/// <summary>The loops still open on each touchpoint, beside its numbers on the owner's page.</summary>
internal sealed class TouchpointLoops(CerchioDb db) : ITouchpointOpenWork
{
    public const string Key = "open_loops";

    public async Task<IReadOnlyList<TouchpointOpenWork>> OpenAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        if (codes.Count == 0)
        {
            return [];
        }

        var wanted = codes.ToList();
        var counts = await db.Set<LoopTask>().AsNoTracking()
            .Where(l => l.Status == LoopStatus.Open && l.TouchpointCode != null && wanted.Contains(l.TouchpointCode))
            .GroupBy(l => l.TouchpointCode!)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Code, g => g.Count, ct);
        return codes.Select(code => new TouchpointOpenWork(code, Key, "Cerchi da chiudere", counts.GetValueOrDefault(code),
            $"{Loops.ListPath}?touchpoint={Uri.EscapeDataString(code)}")).ToList();
    }
}
