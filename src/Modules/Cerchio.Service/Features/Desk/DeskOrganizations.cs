using Cerchio.Data;
using Cerchio.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Desk;

/// <summary>The organizations the desk's sweep passes visit.</summary>
internal static class DeskOrganizations
{
    /// <summary>
    /// Those that ever had a case: one counter row each. Asking the cases themselves for their distinct organizations
    /// read the whole of a cases index every minute (0.6 s at 200,000 cases).
    /// </summary>
    public static Task<List<Guid>> WithCasesAsync(CerchioDb db, CancellationToken ct) =>
        db.Set<CaseCounter>().Select(c => c.OrganizationId).ToListAsync(ct);
}
