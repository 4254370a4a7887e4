using Cerchio.Data;
using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Directory;

internal sealed class CaseDirectory(CerchioDb db, Features.OpenCase.CaseDesk desk) : ICaseDirectory
{
    public async Task<bool> ReopenAsync(Guid caseId, string note, CancellationToken ct = default)
    {
        var resolved = await db.Set<Case>().FirstOrDefaultAsync(c => c.Id == caseId && c.Status == CaseStatus.Resolved, ct);
        if (resolved is null || await desk.MoveAsync(resolved, CaseStatus.Open, ct) is not null)
        {
            return false;
        }

        await desk.AddNoteAsync(resolved, note, ct);
        return true;
    }

    public Task<CaseContact?> ContactAsync(Guid caseId, CancellationToken ct = default) =>
        db.Set<Case>().AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new CaseContact(c.Id, c.Number, c.CustomerId, c.RequesterName, c.RequesterEmail))
            .FirstOrDefaultAsync(ct);

    public Task<CaseContact?> FindAsync(int number, CancellationToken ct = default) =>
        db.Set<Case>().AsNoTracking().Where(c => c.Number == number)
            .Select(c => new CaseContact(c.Id, c.Number, c.CustomerId, c.RequesterName, c.RequesterEmail))
            .FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<ResolvedCase>> ResolvedSinceAsync(DateTimeOffset since, CancellationToken ct = default) =>
        await db.Set<Case>().AsNoTracking().Where(c => c.ResolvedAt != null && c.ResolvedAt >= since && c.MergedIntoId == null).OrderBy(c => c.ResolvedAt)
            .Select(c => new ResolvedCase(c.Id, c.Number, c.CustomerId, c.RequesterName, c.RequesterEmail, c.TouchpointCode, c.ResolvedAt!.Value))
            .ToListAsync(ct);

    public Task<bool> HasOpenComplaintAsync(Guid customerId, CancellationToken ct = default) =>
        db.Set<Case>().AnyAsync(c => c.CustomerId == customerId && c.IsComplaint && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed, ct);
}
