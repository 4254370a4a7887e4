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

namespace Cerchio.Organizations.Features.People;

internal static class InvitationEndpoints
{
    public const string RevokePath = "/amministrazione/persone/inviti/revoca";

    public static void MapInvitationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(RevokePath, async ([FromForm] Guid id, CerchioDb db, TimeProvider clock, Loc l, CancellationToken ct) =>
        {
            var invitation = await db.Set<Invitation>().FirstOrDefaultAsync(i => i.Id == id, ct);
            if (invitation is null)
            {
                return AdminResults.NotFound(l);
            }

            invitation.Revoke(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return Results.LocalRedirect("/amministrazione/persone");
        }).RequireAuthorization(Permissions.ManageOrganization);
    }
}
