using System.Text;

namespace Cerchio.Data.Search;

/// <summary>
/// The databases mark matches in a snippet with two private-use characters (FTS5 snippet()/highlight(), PostgreSQL
/// ts_headline()); this turns such text into HTML: everything encoded, and only the marked stretches wrapped in
/// &lt;mark&gt;. The stored text is never trusted as HTML: a message containing &lt;script&gt; comes out as text.
/// </summary>
public static class Highlight
{
    public const string Open = "\uE000";
    public const string Close = "\uE001";

    /// <summary>PostgreSQL ts_headline options for a snippet: two fragments of 12–30 words, matches between the markers.</summary>
    public const string PostgresFragments =
        "StartSel=\"\uE000\", StopSel=\"\uE001\", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \"";

    /// <summary>Marked text as safe HTML; stray or unbalanced markers (text that already held them) never open a tag left unclosed.</summary>
    public static string ToHtml(string? marked)
    {
        if (string.IsNullOrEmpty(marked))
        {
            return "";
        }

        var html = new StringBuilder(marked.Length + 32);
        var open = false;
        foreach (var c in marked)
        {
            switch (c)
            {
                case '\uE000' when !open:
                    html.Append("<mark>");
                    open = true;
                    break;
                case '\uE001' when open:
                    html.Append("</mark>");
                    open = false;
                    break;
                case '\uE000' or '\uE001':
                    break;
                default:
                    Encode(html, c);
                    break;
            }
        }

        if (open)
        {
            html.Append("</mark>");
        }

        return html.ToString();
    }

    /// <summary>Plain text as HTML, with no highlight (a subject that matched only through its messages).</summary>
    public static string Encode(string? text) => ToHtml(text?.Replace(Open, "", StringComparison.Ordinal).Replace(Close, "", StringComparison.Ordinal));

    private static void Encode(StringBuilder html, char c)
    {
        switch (c)
        {
            case '&': html.Append("&amp;"); break;
            case '<': html.Append("&lt;"); break;
            case '>': html.Append("&gt;"); break;
            case '"': html.Append("&quot;"); break;
            case '\'': html.Append("&#39;"); break;
            default: html.Append(c); break;
        }
    }
}
