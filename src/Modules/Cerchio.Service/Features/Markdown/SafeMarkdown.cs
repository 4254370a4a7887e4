using Ganss.Xss;
using Markdig;

namespace Cerchio.Service.Features.Markdown;

/// <summary>
/// Markdown written by colleagues (announcements, knowledge articles) as HTML that cannot run anything, on the page
/// and in email alike. Markdig escapes raw HTML; its links and images keep whatever address was written, so the
/// result also goes through an allow-list that keeps only web, mail and phone addresses and no event attributes.
/// Extensions that let the text set attributes (generic attributes) are left out on purpose.
/// </summary>
internal static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string markdown) => Sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown, Pipeline));

    /// <summary>The text without its markup, for a preview line and the plain part of an email.</summary>
    public static string ToText(string markdown) => Markdig.Markdown.ToPlainText(markdown, Pipeline).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedAttributes.Add("class");   // the task lists' and tables' classes
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.PostProcessNode += (_, e) =>
        {
            // Links open outside Cerchio without handing it the page they came from.
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement anchor)
            {
                anchor.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}
