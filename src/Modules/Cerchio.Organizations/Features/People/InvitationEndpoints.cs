using Cerchio.Organizations.Domain;
using Cerchio.Organizations.Features.Administration;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Organizations.Features.People;

internal static class InvitationEndpoints
{
    public const string RevokePath = "/amministrazione/persone/inviti/revoca";

    public static void MapInvitationEndpoints(this IEndpointRouteBuilder app) =>
        app.MapRowAction<Invitation>(RevokePath, "/amministrazione/persone", (invitation, now) => invitation.Revoke(now));
}
