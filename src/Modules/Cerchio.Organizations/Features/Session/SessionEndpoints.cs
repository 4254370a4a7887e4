using System.Security.Claims;
using Cerchio.Data;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Identity;
using Cerchio.Organizations.Contracts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Organizations.Features.Session;

/// <summary>Sign out, switch organization, switch language: small posts from the layout.</summary>
internal static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/esci", async (SignInManager<CerchioUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/accedi");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());   // no form fields, so not implied: a forged post must not sign anyone out

        app.MapPost("/organizzazioni/cambia", async ([FromForm] Guid organizationId, HttpContext context,
            UserManager<CerchioUser> users, SignInManager<CerchioUser> signIn, IOrganizationDirectory directory) =>
        {
            var user = await users.GetUserAsync(context.User);
            if (user is null)
            {
                return Results.LocalRedirect("/accedi");
            }

            // Only an organization the person belongs to; anything else is ignored like an unknown one.
            var memberships = await directory.MembershipsOfAsync(user.Id, context.RequestAborted);
            if (memberships.All(m => m.OrganizationId != organizationId))
            {
                return Results.NotFound();
            }

            await RefreshSignInAsync(signIn, user, context.User, (CerchioClaims.Organization, organizationId.ToString()));
            return Results.LocalRedirect("/");
        });

        // The language switch: a cookie before signing in; on the profile (and the cookie's claims) after.
        app.MapPost("/lingua", async ([FromForm] string language, [FromForm] string? returnUrl, HttpContext context,
            UserManager<CerchioUser> users, SignInManager<CerchioUser> signIn) =>
        {
            language = language == "en" ? "en" : "it";
            context.Response.Cookies.Append(CerchioClaims.LanguageCookie, language,
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { } user)
            {
                user.Language = language;
                await users.UpdateAsync(user);
                await RefreshSignInAsync(signIn, user, context.User, (CerchioClaims.Language, language));
            }

            return Results.LocalRedirect(LocalUrls.Safe(returnUrl));
        }).AllowAnonymous();
    }

    /// <summary>
    /// Signs in again keeping the Cerchio claims, with some of them replaced. The session keeps its key; its ticket is
    /// replaced in the database (DatabaseTicketStore.RenewAsync), so no row is left behind.
    /// </summary>
    public static async Task RefreshSignInAsync(SignInManager<CerchioUser> signIn, CerchioUser user, ClaimsPrincipal current, params (string Type, string Value)[] replace)
    {
        var claims = current.Claims.Where(c => c.Type.StartsWith("cerchio:", StringComparison.Ordinal) && replace.All(r => r.Type != c.Type))
            .Select(c => new Claim(c.Type, c.Value))
            .Concat(replace.Select(r => new Claim(r.Type, r.Value)))
            .ToList();
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, claims);
    }
}
