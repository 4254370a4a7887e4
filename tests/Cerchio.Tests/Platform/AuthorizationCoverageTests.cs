using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Web.Composition;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Platform;

/// <summary>
/// Every endpoint and page states who may use it: a permission (checked against the member's role), the API-key
/// policy, or a place on one of the two reviewed lists below. A new page without a decision fails here.
/// </summary>
public sealed class AuthorizationCoverageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>Reachable without signing in, each for a reason.</summary>
    private static readonly string[] Public =
    [
        "/", "/accedi", "/configurazione", "/errore", "/accesso-negato", "/non-trovato", "/lingua", "/invito/{Token}",
        "/health/live", "/health/ready", "/openapi/{documentName}.json",
        "/contatti/{Slug}",   // the organization's contact form, for its customers
        "/aiuto/{Slug}", "/aiuto/{Slug}/{ArticleId:guid}",   // the organization's help page: its public articles, for its customers
        "/aiuto/{slug}/{articleId:guid}/allegati/{articleFileId:guid}",   // and their files
        "/condivisa/viaggi/{Token}",   // a journey map's read-only link, for people without an account
        "/r/{token}", "/r/{token}/disiscrivi", "/s/{key}",   // a survey's response pages: a personal invitation's link, a survey's public link
        "/s/{key}/widget.js",   // the website's survey button: a live survey's key, colour and texts, all shown on its public page anyway
        "/logo/{logoOrganizationId:guid}/{logoVersion:long}",   // an organization's logo, shown on its public survey pages
    ];

    /// <summary>For any signed-in person, whatever the role: their own profile and session, and founding an organization.</summary>
    private static readonly string[] AnySignedIn =
    [
        "/profilo", "/esci", "/organizzazioni/cambia", "/organizzazioni/nuova",
        "/notifiche", "/notifiche/campanella",   // everyone's own notifications, whatever the role
    ];

    [Fact]
    public void EveryEndpoint_NamesWhoMayUseIt()
    {
        var undecided = new List<string>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/_framework/", StringComparison.Ordinal)))   // Blazor's own plumbing
        {
            var route = endpoint.RoutePattern.RawText!;
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
            var decided = Public.Contains(route)
                ? anonymous
                : AnySignedIn.Contains(route)
                    ? !anonymous
                    : !anonymous && (policies.Any(p => Permissions.All.Contains(p)) || (route.StartsWith("/api/v1/", StringComparison.Ordinal) && policies.Contains(ApiPolicy.Name)));
            if (!decided)
            {
                undecided.Add($"{route} (anonymous: {anonymous}, policies: {string.Join(", ", policies)})");
            }
        }

        Assert.True(undecided.Count == 0, "Endpoints without a decision on who may use them:\n" + string.Join("\n", undecided.Distinct()));
    }
}
