using System.Net;
using AngleSharp.Html.Parser;
using Cerchio.Service.Features.Attachments;
using Cerchio.Service.Features.InboundEmail;

namespace Cerchio.Service.Features.CaseDetail;

/// <summary>
/// An inbound email's HTML as the case page shows it on request. The stored HTML is already through the allow-list
/// (<see cref="EmailHtml"/>): no script, form, frame, style sheet or CSS url(), and remote images parked in
/// data-blocked-src. Here embedded images (cid:) point at the case's own files, and remote ones stay blocked behind a
/// visible placeholder until the agent asks for them.
/// <para>
/// It is shown in a sandboxed <c>&lt;iframe srcdoc&gt;</c> rather than in the page itself: the sandbox (no
/// allow-scripts, no allow-forms) stops any script or form even if the sanitiser missed one, the email's inline
/// styles cannot reach or cover the page around it (negative margins, huge widths), and the document's own CSP
/// lets images load only from Cerchio until "mostra immagini" adds http(s). allow-same-origin (safe without
/// allow-scripts) lets the cid: images carry the agent's session cookie and the page size the frame to its content.
/// </para>
/// </summary>
internal static class EmailView
{
    /// <param name="files">The message's files, to resolve cid: references.</param>
    /// <param name="caseNumber">For the files' addresses.</param>
    /// <param name="showRemoteImages">The agent asked to see the images: remote ones load (and their senders learn it was read).</param>
    /// <param name="blockedLabel">The placeholder's words for a blocked image, in the reader's language.</param>
    /// <param name="quotedLabel">The words that stand for folded quoted history.</param>
    /// <returns>The frame's document, and whether it holds remote images (blocked or shown).</returns>
    public static (string Document, bool HasRemoteImages) Render(
        string safeHtml, IReadOnlyList<AttachmentInfo> files, int caseNumber, bool showRemoteImages, string blockedLabel, string quotedLabel, string language)
    {
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><head></head><body>{safeHtml}</body></html>");
        var hasRemote = false;
        foreach (var image in document.QuerySelectorAll("img").ToList())
        {
            if (image.GetAttribute("src") is { } src && src.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
            {
                var contentId = WebUtility.UrlDecode(src[4..]).Trim('<', '>', ' ');
                var file = files.FirstOrDefault(f => string.Equals(f.ContentId, contentId, StringComparison.OrdinalIgnoreCase));
                if (file is not null && CaseFiles.IsRasterImage(file.ContentType))
                {
                    image.SetAttribute("src", CaseFiles.PageUrl(caseNumber, file.Id) + "?inline=true");
                }
                else
                {
                    image.RemoveAttribute("src");
                }

                continue;
            }

            if (image.GetAttribute(EmailHtml.BlockedSrcAttribute) is not { } remote)
            {
                continue;
            }

            hasRemote = true;
            if (showRemoteImages)
            {
                image.SetAttribute("src", remote);
                image.RemoveAttribute(EmailHtml.BlockedSrcAttribute);
                continue;
            }

            // A visible stand-in keeps the layout readable and says what is missing; a tracking pixel shows as one too.
            var placeholder = document.CreateElement("span");
            placeholder.ClassName = "blocked-image";
            var alt = image.GetAttribute("alt");
            placeholder.TextContent = string.IsNullOrWhiteSpace(alt) ? blockedLabel : $"{blockedLabel}: {alt}";
            image.Replace(placeholder);
        }

        // Quoted history stays folded here too: each outermost blockquote behind a <details>, which opens without script.
        foreach (var quote in document.QuerySelectorAll("blockquote").Where(q => q.ParentElement?.Closest("blockquote") is null).ToList())
        {
            var details = document.CreateElement("details");
            var summary = document.CreateElement("summary");
            summary.TextContent = quotedLabel;
            quote.Replace(details);
            details.AppendChild(summary);
            details.AppendChild(quote);
        }

        var images = showRemoteImages ? "'self' http: https:" : "'self'";
        var head = $$"""
            <meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src {{images}}; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'">
            <base target="_blank"><title>Email</title>
            <style>body{margin:0;padding:.5rem;font-family:system-ui,sans-serif;font-size:.95rem;line-height:1.4;color:#212529;background:#fff;overflow-wrap:anywhere}img{max-width:100%;height:auto}.blocked-image{display:inline-block;padding:0 .3em;border:1px dashed #6c757d;color:#495057;font-size:.8rem}</style>
            """;
        document.Head!.InnerHtml = head;
        document.DocumentElement.SetAttribute("lang", language);
        return ("<!DOCTYPE html>" + document.DocumentElement.OuterHtml, hasRemote);
    }
}
