using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;
using MimeKit.Text;

namespace Cerchio.Service.Features.InboundEmail;

/// <summary>
/// The HTML of an inbound email: a plain text rendering (MimeKit's tokenizer, linear in the input whatever its
/// shape) and a sanitised copy for display (HtmlSanitizer with an allow-list). The DOM parser behind the
/// sanitiser is quadratic in nesting depth (50,000 nested divs, about 1 MB, take 20 s), so the tokenizer's pass
/// also measures the HTML and deeply nested or huge documents are shown as text only.
/// </summary>
internal static partial class EmailHtml
{
    /// <summary>The attribute that holds a remote image's address until the reader asks to see images.</summary>
    public const string BlockedSrcAttribute = "data-blocked-src";

    /// <summary>Deeper than this the HTML is not sanitised; real email layouts nest tables a few dozen levels.</summary>
    public const int MaxDepth = 200;

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Elements whose content is never text (scripts, styles, the head).</summary>
    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg", "math", "select", "textarea",
    };

    /// <summary>Elements that start a new line in the text rendering.</summary>
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "center", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "body", "html",
    };

    /// <summary>Elements whose end tag HTML lets the writer leave out: they do not deepen the tree.</summary>
    private static readonly HashSet<string> ImpliedEnd = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption",
        "rb", "rt", "rtc", "rp", "html", "head", "body",
    };

    internal readonly record struct Rendering(string Text, int Elements, int MaxDepth);

    /// <summary>
    /// The visible text: blocks on their own lines, paragraphs separated by a blank line, list items with "- ",
    /// blockquotes prefixed with "> " (so quoted history folds like plain text), whitespace collapsed as a browser does.
    /// </summary>
    public static Rendering ToText(string html)
    {
        var writer = new TextWriterState();
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true, IgnoreTruncatedTags = true };
        string? skipUntil = null;
        var elements = 0;
        var depth = 0;
        var maxDepth = 0;
        var pre = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            if (token is HtmlTagToken tag)
            {
                var name = tag.Name;
                if (!tag.IsEndTag)
                {
                    elements++;
                    if (!tag.IsEmptyElement && !tag.Id.IsEmptyElement() && !ImpliedEnd.Contains(name))
                    {
                        maxDepth = Math.Max(maxDepth, ++depth);
                    }
                }
                else if (depth > 0 && !ImpliedEnd.Contains(name))
                {
                    depth--;
                }

                if (skipUntil is not null)
                {
                    if (tag.IsEndTag && string.Equals(name, skipUntil, StringComparison.OrdinalIgnoreCase))
                    {
                        skipUntil = null;
                    }

                    continue;
                }

                if (!tag.IsEndTag && !tag.IsEmptyElement && Invisible.Contains(name))
                {
                    skipUntil = name;
                    continue;
                }

                switch (name.ToLowerInvariant())
                {
                    case "br":
                        writer.LineBreak();
                        break;
                    case "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "table":
                        writer.Paragraph();
                        break;
                    case "blockquote":
                        writer.Paragraph();
                        writer.QuoteLevel = Math.Max(0, writer.QuoteLevel + (tag.IsEndTag ? -1 : 1));
                        break;
                    case "pre":
                        writer.Paragraph();
                        pre = Math.Max(0, pre + (tag.IsEndTag ? -1 : 1));
                        break;
                    case "li" when !tag.IsEndTag:
                        writer.LineBreak();
                        writer.Write("- ");
                        break;
                    case "td" or "th" when !tag.IsEndTag:
                        writer.Append(" ", preformatted: false);
                        break;
                    case "img" when !tag.IsEndTag:
                        break;
                    default:
                        if (Blocks.Contains(name))
                        {
                            writer.LineBreak();
                        }

                        break;
                }
            }
            else if (token is HtmlDataToken data && skipUntil is null && token.Kind != HtmlTokenKind.ScriptData)
            {
                writer.Append(data.Data, preformatted: pre > 0);
            }
        }

        return new Rendering(writer.ToString(), elements, maxDepth);
    }

    /// <summary>The HTML after the allow-list: safe to embed in a Cerchio page as it is.</summary>
    public static string Sanitize(string html) => Sanitizer.Sanitize(html).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        // Only what an email needs to read well: text formatting, lists, tables, links and images. No forms,
        // frames, media, scripts, styles sheets, classes or ids (which could borrow the page's own CSS).
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "a", "abbr", "address", "article", "aside", "b", "bdi", "big", "blockquote", "br", "caption", "center",
                "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
                "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd",
                "li", "main", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strike", "strong",
                "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul",
                "var", "wbr",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "abbr", "align", "alt", "bgcolor", "border", "cellpadding", "cellspacing", "cite", "color", "colspan",
                "datetime", "dir", "face", "headers", "height", "href", "hspace", "lang", "nowrap", "rowspan", "scope",
                "size", "span", "src", "start", "style", "title", "type", "valign", "vspace", "width",
            },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "background", "background-color", "border", "border-bottom", "border-bottom-color", "border-bottom-style",
                "border-bottom-width", "border-collapse", "border-color", "border-left", "border-left-color",
                "border-left-style", "border-left-width", "border-radius", "border-right", "border-right-color",
                "border-right-style", "border-right-width", "border-spacing", "border-style", "border-top",
                "border-top-color", "border-top-style", "border-top-width", "border-width", "clear", "color", "direction",
                "display", "float", "font", "font-family", "font-size", "font-style", "font-variant", "font-weight",
                "height", "letter-spacing", "line-height", "list-style-type", "margin", "margin-bottom", "margin-left",
                "margin-right", "margin-top", "max-height", "max-width", "min-height", "min-width", "padding",
                "padding-bottom", "padding-left", "padding-right", "padding-top", "table-layout", "text-align",
                "text-decoration", "text-indent", "text-transform", "vertical-align", "white-space", "width",
                "word-break", "word-wrap", "overflow-wrap",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto", "tel", "cid" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "cite" },
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        var sanitizer = new HtmlSanitizer(options)
        {
            // A url() in inline CSS loads a remote resource like an image would: refuse the declaration.
            DisallowCssPropertyValue = DisallowedCssValue(),
        };
        sanitizer.FilterUrl += (_, e) =>
        {
            // Relative and protocol-relative addresses would resolve against Cerchio or an unknown host.
            if (e.SanitizedUrl is not null && !AbsoluteUrl().IsMatch(e.SanitizedUrl))
            {
                e.SanitizedUrl = null;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element)
            {
                return;
            }

            if (element.LocalName == "img")
            {
                BlockRemoteImage(element);
            }
            else if (element.LocalName == "a" && element.HasAttribute("href"))
            {
                element.SetAttribute("target", "_blank");
                element.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }

    private static void BlockRemoteImage(IElement image)
    {
        var src = image.GetAttribute("src");
        if (src is null || src.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        // Loading it would tell the sender the message was read (tracking pixels); the page offers "mostra immagini".
        image.RemoveAttribute("src");
        if (src.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || src.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            image.SetAttribute(BlockedSrcAttribute, src);
        }
    }

    [GeneratedRegex(@"^(https?|mailto|tel|cid):", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex(@"[<>]|url\s*\(|image-set|expression|@import|\\", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DisallowedCssValue();

    /// <summary>Collects text with browser-like whitespace and the pending line breaks between blocks.</summary>
    private sealed class TextWriterState
    {
        private readonly StringBuilder _text = new();
        private int _pendingBreaks;
        private bool _pendingSpace;
        private bool _atLineStart = true;

        public int QuoteLevel { get; set; }

        public void LineBreak() => _pendingBreaks = Math.Max(_pendingBreaks, 1);

        public void Paragraph() => _pendingBreaks = 2;

        public void Append(string data, bool preformatted)
        {
            if (preformatted)
            {
                var lines = data.Split('\n');
                for (var k = 0; k < lines.Length; k++)
                {
                    if (k > 0)
                    {
                        _pendingBreaks = Math.Min(_pendingBreaks + 1, 2);
                    }

                    Write(lines[k].TrimEnd('\r'));
                }

                return;
            }

            var i = 0;
            while (i < data.Length)
            {
                if (IsSpace(data[i]))
                {
                    _pendingSpace = true;
                    i++;
                    continue;
                }

                var j = i;
                while (j < data.Length && !IsSpace(data[j]))
                {
                    j++;
                }

                Write(data[i..j]);
                i = j;
            }
        }

        /// <summary>Text as it is, after any pending break or space.</summary>
        public void Write(string text)
        {
            if (text.Length == 0)
            {
                return;
            }

            if (_text.Length > 0 && _pendingBreaks > 0)
            {
                _text.Append('\n');
                if (_pendingBreaks > 1)
                {
                    // Blank lines inside a quote stay quoted, so the quoted block reads as one.
                    _text.Append('>', QuoteLevel).Append('\n');
                }

                _atLineStart = true;
            }

            if (_atLineStart)
            {
                if (QuoteLevel > 0)
                {
                    _text.Append('>', QuoteLevel).Append(' ');
                }
            }
            else if (_pendingSpace)
            {
                _text.Append(' ');
            }

            _text.Append(text);
            _pendingBreaks = 0;
            _pendingSpace = false;
            _atLineStart = false;
        }

        private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\u00A0';

        public override string ToString() => _text.ToString().TrimEnd();
    }
}
