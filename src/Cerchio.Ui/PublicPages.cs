using Microsoft.AspNetCore.Http;

namespace Cerchio.Ui;

/// <summary>
/// On a page meant to be shown inside another site's page (an organization's contact form in an iframe): the host
/// lets any site frame it. Every other page refuses to be framed.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllowFramingAttribute : Attribute;

/// <summary>
/// The language of a public page a customer opens, decided by the page's owner (an organization's contact form
/// speaks the organization's language, or the one its link names) rather than by a Cerchio user's preference.
/// The host asks every registered one; null: not one of its pages.
/// </summary>
public interface IPublicPageLanguage
{
    ValueTask<string?> LanguageOfAsync(HttpContext context);
}
