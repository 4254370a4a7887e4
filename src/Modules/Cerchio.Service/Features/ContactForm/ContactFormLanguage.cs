using Cerchio.Organizations.Contracts;
using Cerchio.Text;
using Cerchio.Ui;
using Microsoft.AspNetCore.Http;

namespace Cerchio.Service.Features.ContactForm;

/// <summary>
/// The contact form speaks the organization's language, or the one its link asks for (<c>?lang=en</c>, for a
/// company's English site); Italian for an address that names no organization.
/// </summary>
internal sealed class ContactFormLanguage(IOrganizationDirectory organizations) : IPublicPageLanguage
{
    public async ValueTask<string?> LanguageOfAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(ContactFormPage.PathPrefix, out var rest) || rest.Value is not { Length: > 1 } slug || slug.IndexOf('/', 1) >= 0)
        {
            return null;
        }

        if (context.Request.Query["lang"].ToString() is { } asked && Loc.Languages.Contains(asked))
        {
            return asked;
        }

        return (await ContactFormPage.FindAsync(context, organizations, Uri.UnescapeDataString(slug[1..])))?.Language ?? Loc.Languages[0];
    }
}
