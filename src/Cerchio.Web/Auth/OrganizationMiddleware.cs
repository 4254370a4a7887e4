using System.Security.Claims;
using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;

namespace Cerchio.Web.Auth;

/// <summary>The signed-in person's memberships and current one, for the layout and the organization switcher.</summary>
public sealed class CurrentSession
{
    public IReadOnlyList<MembershipInfo> Memberships { get; set; } = [];
    public MembershipInfo? Current { get; set; }
    public string DisplayName { get; set; } = "";
}

/// <summary>
/// Sets the request's <see cref="OrganizationContext"/> from the API key or from the cookie's chosen organization,
/// checked against the person's active memberships on every request (a removed member loses access at once).
/// </summary>
internal sealed class OrganizationMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, OrganizationContext tenant, IOrganizationDirectory directory, CurrentSession session)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if (user.FindFirstValue(ApiKeyAuthenticationHandler.OrganizationClaim) is { } apiOrganization)
            {
                tenant.Set(Guid.Parse(apiOrganization), null, user.Identity.Name, null);
            }
            else if (Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            {
                session.DisplayName = user.FindFirstValue(CerchioClaims.DisplayName) ?? user.Identity.Name ?? "";
                session.Memberships = await directory.MembershipsOfAsync(userId, context.RequestAborted);
                var chosen = Guid.TryParse(user.FindFirstValue(CerchioClaims.Organization), out var organizationId)
                    ? session.Memberships.FirstOrDefault(m => m.OrganizationId == organizationId)
                    : null;
                session.Current = chosen ?? session.Memberships.FirstOrDefault();
                if (session.Current is { } current)
                {
                    // The audit log names the account, not only the display name a person can change at will.
                    tenant.Set(current.OrganizationId, userId, OrganizationContext.Actor(session.DisplayName, user.Identity.Name), current.Role);
                }
            }
        }

        await next(context);
    }
}
