using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Cerchio.Organizations.Features.Administration;
using Cerchio.Tenancy;
using Cerchio.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Organizations.Features.Departments;

/// <summary>The per-row posts of the departments list. The id comes in the form, so antiforgery is checked.</summary>
internal static class DepartmentEndpoints
{
    public const string DeactivatePath = "/amministrazione/reparti/disattiva";
    public const string ReactivatePath = "/amministrazione/reparti/riattiva";

    public static void MapDepartmentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(DeactivatePath, ([FromForm] Guid id, CerchioDb db, Loc l, CancellationToken ct) => SetActiveAsync(db, l, id, false, ct))
            .RequireAuthorization(Permissions.ManageOrganization);
        app.MapPost(ReactivatePath, ([FromForm] Guid id, CerchioDb db, Loc l, CancellationToken ct) => SetActiveAsync(db, l, id, true, ct))
            .RequireAuthorization(Permissions.ManageOrganization);
    }

    private static async Task<IResult> SetActiveAsync(CerchioDb db, Loc l, Guid id, bool active, CancellationToken ct)
    {
        // Filtered by organization: another organization's id is not found, exactly like an unknown one.
        var department = await db.Set<Department>().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (department is null)
        {
            return AdminResults.NotFound(l);
        }

        if (active)
        {
            department.Reactivate();
        }
        else
        {
            department.Deactivate();
        }

        await db.SaveChangesAsync(ct);
        return Results.LocalRedirect("/amministrazione/reparti");
    }
}
