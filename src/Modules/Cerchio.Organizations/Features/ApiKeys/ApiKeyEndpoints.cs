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

namespace Cerchio.Organizations.Features.ApiKeys;

internal static class ApiKeyEndpoints
{
    public const string RevokePath = "/amministrazione/chiavi-api/revoca";

    public static void MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(RevokePath, async ([FromForm] Guid id, CerchioDb db, TimeProvider clock, Loc l, CancellationToken ct) =>
        {
            // Filtered by organization: another organization's key is not found, like an unknown one.
            var key = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == id, ct);
            if (key is null)
            {
                return AdminResults.NotFound(l);
            }

            key.Revoke(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return Results.LocalRedirect("/amministrazione/chiavi-api");
        }).RequireAuthorization(Permissions.ManageOrganization);
    }
}
