using Cerchio.Text;
using Cerchio.Ui;
using Microsoft.AspNetCore.Http;

namespace Cerchio.Service.Features.HelpCenter;

/// <summary>The help page speaks Italian, or English when its link asks (<c>?lang=en</c>), whoever opens it.</summary>
internal sealed class HelpCenterLanguage : IPublicPageLanguage
{
    public ValueTask<string?> LanguageOfAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(PublicHelp.PathPrefix, out var rest) || rest.Value is not { Length: > 1 })
        {
            return ValueTask.FromResult<string?>(null);
        }

        var asked = context.Request.Query["lang"].ToString();
        return ValueTask.FromResult<string?>(Loc.Languages.Contains(asked) ? asked : Loc.Languages[0]);
    }
}
