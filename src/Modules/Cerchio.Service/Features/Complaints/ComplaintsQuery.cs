using Cerchio.Data;
using Cerchio.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Complaints;

/// <summary>One line of a "complaints by…" table: what it is about (null: nobody named), open now and opened in the period.</summary>
internal sealed record ComplaintCount<TKey>(TKey? Key, int Open, int Total);

internal sealed record ComplaintsOverview(
    IReadOnlyList<ComplaintCount<Guid?>> ByDepartment,
    IReadOnlyList<ComplaintCount<Guid?>> ByPerson,
    IReadOnlyList<ComplaintCount<string?>> ByTouchpoint,
    IReadOnlyList<Case> Latest,
    int Total);

/// <summary>
/// The complaints of a period by the department, the person and the touchpoint they are about, counted in the database.
/// Whatever department handles a complaint, it is counted under the one it names: moving the case moves nothing here.
/// </summary>
internal sealed class ComplaintsQuery(CerchioDb db)
{
    public const int LatestShown = 100;

    public async Task<ComplaintsOverview> RunAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        // A merged complaint is counted once, on the case it was merged into (which carries the flag).
        var complaints = db.Set<Case>().AsNoTracking().Where(c => c.IsComplaint && c.MergedIntoId == null && c.CreatedAt >= from && c.CreatedAt < to);
        var byDepartment = await complaints.GroupBy(c => c.ComplaintAboutDepartmentId)
            .Select(g => new ComplaintCount<Guid?>(g.Key, g.Count(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed), g.Count()))
            .ToListAsync(ct);
        var byPerson = await complaints.Where(c => c.ComplaintAboutPersonId != null).GroupBy(c => c.ComplaintAboutPersonId)
            .Select(g => new ComplaintCount<Guid?>(g.Key, g.Count(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed), g.Count()))
            .ToListAsync(ct);
        var byTouchpoint = await complaints.GroupBy(c => c.TouchpointCode)
            .Select(g => new ComplaintCount<string?>(g.Key, g.Count(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed), g.Count()))
            .ToListAsync(ct);
        var latest = await complaints.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(LatestShown).ToListAsync(ct);
        return new ComplaintsOverview(Ordered(byDepartment), Ordered(byPerson), Ordered(byTouchpoint), latest, byDepartment.Sum(d => d.Total));
    }

    // Most open first, then most in the period; "nobody named" last, so what needs a person reads first.
    private static List<ComplaintCount<T>> Ordered<T>(List<ComplaintCount<T>> counts) =>
        counts.OrderBy(c => c.Key is null).ThenByDescending(c => c.Open).ThenByDescending(c => c.Total).ToList();
}
