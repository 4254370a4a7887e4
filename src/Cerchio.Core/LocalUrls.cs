using System.Text;

namespace Cerchio;

public static class LocalUrls
{
    /// <summary>
    /// Only a path on this site: "/x" yes; "//host", "/\host", absolute URLs and control characters become "/".
    /// Characters outside ASCII are percent-encoded (as UTF-8), since a Location header may carry ASCII only.
    /// </summary>
    public static string Safe(string? url) =>
        url is ['/', not '/' and not '\\', ..] or "/" && !url.Any(char.IsControl) ? AsciiOnly(url) : "/";

    private static string AsciiOnly(string url)
    {
        if (Ascii.IsValid(url))
        {
            return url;
        }

        var text = new StringBuilder(url.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())   // a lone surrogate half comes out as U+FFFD
        {
            if (rune.IsAscii)
            {
                text.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
