using Cerchio.Data;
using Cerchio.Tenancy;
using Cerchio.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Organizations.Features.Administration;

/// <summary>
/// The small per-row posts of the admin lists (revoke, deactivate…): the row's id comes in the form, so
/// antiforgery is checked; the row is looked up through the organization filter, so another organization's id
/// is not found exactly like an unknown one.
/// </summary>
internal static class RowActions
{
    public static RouteHandlerBuilder MapRowAction<T>(this IEndpointRouteBuilder app, string path, string returnTo, Action<T, DateTimeOffset> act)
        where T : class, IOrganizationScoped =>
        app.MapPost(path, async ([FromForm] Guid id, CerchioDb db, TimeProvider clock, Loc l, CancellationToken ct) =>
        {
            var row = await db.Set<T>().FirstOrDefaultAsync(e => EF.Property<Guid>(e, "Id") == id, ct);
            if (row is null)
            {
                return AdminResults.NotFound(l);
            }

            act(row, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return Results.LocalRedirect(returnTo);
        }).RequireAuthorization(Permissions.ManageOrganization);
}
