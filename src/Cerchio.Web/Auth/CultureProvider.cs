using System.Security.Claims;
using Cerchio.Tenancy;
using Cerchio.Text;
using Microsoft.AspNetCore.Localization;

namespace Cerchio.Web.Auth;

/// <summary>
/// Italian unless the person chose English (profile claim, or the cookie before signing in); a public page for
/// customers (see IPublicPageLanguage) decides its own. The API also
/// honours Accept-Language; pages do not, so an English browser still gets the Italian-first product.
/// </summary>
internal sealed class CultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        // A customer-facing page speaks its owner's language, whoever opens it (an agent previewing it included).
        foreach (var page in httpContext.RequestServices.GetServices<Cerchio.Ui.IPublicPageLanguage>())
        {
            if (await page.LanguageOfAsync(httpContext) is { } pageLanguage)
            {
                return new ProviderCultureResult(Loc.CultureFor(pageLanguage).Name);
            }
        }

        var language = httpContext.User.FindFirstValue(CerchioClaims.Language)
            ?? httpContext.Request.Cookies[CerchioClaims.LanguageCookie];
        if (language is null && httpContext.Request.Path.StartsWithSegments("/api"))
        {
            language = httpContext.Request.GetTypedHeaders().AcceptLanguage
                .OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value).FirstOrDefault()?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true
                ? "en" : null;
        }

        return language is null ? null : new ProviderCultureResult(Loc.CultureFor(language).Name);
    }
}
