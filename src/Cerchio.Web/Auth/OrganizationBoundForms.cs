using Cerchio.Tenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cerchio.Web.Auth;

/// <summary>
/// Binds every form to the organization it was rendered for. A consultant with two tabs who switches organization
/// in one would otherwise save the other tab's form into the organization just switched to; now that post fails
/// the antiforgery check and nothing is written. Signing out saves nothing into any organization: its button works
/// from a tab rendered before the switch (the token itself is still required).
/// </summary>
internal sealed class OrganizationBoundForms(IOptionsMonitor<CookieAuthenticationOptions> cookies) : IAntiforgeryAdditionalDataProvider
{
    public string GetAdditionalData(HttpContext context) =>
        context.RequestServices.GetRequiredService<OrganizationContext>().OrganizationId?.ToString() ?? "";

    public bool ValidateAdditionalData(HttpContext context, string additionalData) =>
        string.Equals(additionalData, GetAdditionalData(context), StringComparison.Ordinal)
        || (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == cookies.Get(IdentityConstants.ApplicationScheme).LogoutPath);
}
