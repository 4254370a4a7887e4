using Cerchio.Organizations.Domain;
using Cerchio.Organizations.Features.Administration;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Organizations.Features.ApiKeys;

internal static class ApiKeyEndpoints
{
    public const string RevokePath = "/amministrazione/chiavi-api/revoca";

    public static void MapApiKeyEndpoints(this IEndpointRouteBuilder app) =>
        app.MapRowAction<ApiKey>(RevokePath, "/amministrazione/chiavi-api", (key, now) => key.Revoke(now));
}
