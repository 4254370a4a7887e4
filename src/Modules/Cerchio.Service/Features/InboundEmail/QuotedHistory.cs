using System.Text.RegularExpressions;

namespace Cerchio.Service.Features.InboundEmail;

/// <summary>
/// A message's text split in two: what the sender wrote now, and what the conversation can fold away (the
/// signature and the quoted history below it). <see cref="Folded"/> is the text from the cut to the end, as written.
/// </summary>
internal sealed record QuotedSplit(string NewText, string Folded)
{
    public bool HasFolded => Folded.Length > 0;
}

/// <summary>
/// Finds where the new text of a reply ends. It cuts at the first of: a signature separator ("-- "), a mobile
/// signature ("Inviato da iPhone") that ends the text or precedes the history, a reply attribution ("Il giorno …
/// ha scritto:", "On … wrote:", Apple Mail's "Il giorno …, alle ore …, … ha scritto:"), an Outlook separator
/// ("-----Messaggio originale-----") or header block ("Da: … Inviato: … A: … Oggetto:"), or the block of "&gt;"
/// lines that ends the text. Conservative: nothing below a forwarded-message marker folds, interleaved answers
/// ("&gt; domanda" / "risposta") are never folded, and when nothing would be left visible nothing is folded.
/// </summary>
internal static partial class QuotedHistory
{
    private const int MaxAttributionLength = 400;
    private const int MaxSignatureLinesWithoutSpace = 10;

    public static QuotedSplit Split(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new QuotedSplit("", "");
        }

        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var cut = FindCut(lines);
        if (cut < 0)
        {
            return new QuotedSplit(text, "");
        }

        var newText = string.Join('\n', lines[..cut]).TrimEnd();
        if (newText.Trim().Length == 0)
        {
            // Only history: a reply sent without writing anything. Showing it beats showing nothing.
            return new QuotedSplit(text, "");
        }

        return new QuotedSplit(newText, string.Join('\n', lines[cut..]).Trim('\n').TrimEnd());
    }

    private static int FindCut(string[] lines)
    {
        var interleaved = InterleavedFrom(lines);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (Forwarded().IsMatch(line))
            {
                // A forward is the content the customer wants read, not history: nothing below it folds.
                return -1;
            }

            if (line is "-- " || (line.TrimEnd() == "--" && ShortSignature(lines, i + 1)))
            {
                return i;
            }

            if (MobileSignature().IsMatch(line.Trim()) && EndsOrPrecedesHistory(lines, i + 1))
            {
                return i;
            }

            if (OriginalMessage().IsMatch(line))
            {
                return i;
            }

            if (IsOutlookHeaderBlock(lines, i))
            {
                return UnderscoreLineAbove(lines, i);
            }

            if (AttributionLength(lines, i) is > 0 && !interleaved[i + 1])
            {
                return i;
            }
        }

        return TrailingQuoteStart(lines);
    }

    /// <summary>How many lines (1 to 3: Gmail wraps long ones) form a reply attribution starting at <paramref name="i"/>, or 0.</summary>
    private static int AttributionLength(string[] lines, int i)
    {
        if (!AttributionStart().IsMatch(lines[i]))
        {
            return 0;
        }

        var joined = lines[i].Trim();
        for (var k = 0; k < 3 && i + k < lines.Length; k++)
        {
            if (k > 0)
            {
                joined += " " + lines[i + k].Trim();
            }

            if (joined.Length > MaxAttributionLength)
            {
                return 0;
            }

            if (Attribution().IsMatch(joined))
            {
                return k + 1;
            }
        }

        return 0;
    }

    /// <summary>Outlook's header block: "Da:"/"From:" followed within a few lines by "Inviato:"/"Sent:" and "Oggetto:"/"Subject:".</summary>
    private static bool IsOutlookHeaderBlock(string[] lines, int i)
    {
        if (!OutlookFrom().IsMatch(lines[i]))
        {
            return false;
        }

        var sent = false;
        for (var k = i + 1; k < Math.Min(lines.Length, i + 7); k++)
        {
            sent |= OutlookSent().IsMatch(lines[k]);
            if (sent && OutlookSubject().IsMatch(lines[k]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Outlook draws a line of underscores above the header block: fold it too.</summary>
    private static int UnderscoreLineAbove(string[] lines, int i)
    {
        for (var k = i - 1; k >= 0; k--)
        {
            if (lines[k].Trim().Length == 0)
            {
                continue;
            }

            return Underscores().IsMatch(lines[k]) ? k : i;
        }

        return i;
    }

    /// <summary>
    /// For each line, whether an answer is written between quoted lines from there on (a quoted line followed later by
    /// an unquoted one): then the history is part of the new text. One backward pass, so hostile text stays linear.
    /// </summary>
    private static bool[] InterleavedFrom(string[] lines)
    {
        var result = new bool[lines.Length + 1];
        var unquotedBelow = false;
        for (var k = lines.Length - 1; k >= 0; k--)
        {
            var quoted = IsQuoted(lines[k]);
            result[k] = result[k + 1] || (quoted && unquotedBelow);
            unquotedBelow |= !quoted && lines[k].Trim().Length > 0;
        }

        return result;
    }

    /// <summary>The first line of the "&gt;" block that ends the text (blank lines inside allowed), or -1.</summary>
    private static int TrailingQuoteStart(string[] lines)
    {
        var last = lines.Length - 1;
        while (last >= 0 && lines[last].Trim().Length == 0)
        {
            last--;
        }

        if (last < 0 || !IsQuoted(lines[last]))
        {
            return -1;
        }

        var start = last;
        for (var k = last - 1; k >= 0; k--)
        {
            if (IsQuoted(lines[k]))
            {
                start = k;
            }
            else if (lines[k].Trim().Length > 0)
            {
                break;
            }
        }

        return start;
    }

    /// <summary>"--" without the RFC 3676 trailing space is a signature only when a few lines follow it.</summary>
    private static bool ShortSignature(string[] lines, int from)
    {
        var count = 0;
        for (var k = from; k < lines.Length; k++)
        {
            if (IsQuoted(lines[k]) || AttributionLength(lines, k) > 0 || IsOutlookHeaderBlock(lines, k))
            {
                break;
            }

            if (lines[k].Trim().Length > 0 && ++count > MaxSignatureLinesWithoutSpace)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A mobile signature ends the text or comes right before the history; anywhere else it is a sentence.</summary>
    private static bool EndsOrPrecedesHistory(string[] lines, int from)
    {
        for (var k = from; k < lines.Length; k++)
        {
            if (lines[k].Trim().Length == 0)
            {
                continue;
            }

            return IsQuoted(lines[k]) || AttributionLength(lines, k) > 0 || IsOutlookHeaderBlock(lines, k)
                || OriginalMessage().IsMatch(lines[k]) || Underscores().IsMatch(lines[k]);
        }

        return true;
    }

    private static bool IsQuoted(string line) => line.TrimStart().StartsWith('>');

    [GeneratedRegex(@"^\s*(Il giorno|Il|On|Le|Am|El)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AttributionStart();

    // A time (10:15, 10.15) is in every client's attribution and rarely in a sentence that ends with "ha scritto:".
    [GeneratedRegex(@"^(Il giorno|Il|On|Le|Am|El)\s.*\b\d{1,2}[:.]\d{2}\b.*\b(ha scritto|wrote|a écrit|schrieb|escribió)\s*:$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^\s*-{2,}\s*(Original Message|Messaggio originale|Message d'origine|Ursprüngliche Nachricht)\s*-{2,}\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^\s*(-{2,}\s*(Forwarded message|Messaggio inoltrato|Messaggio inoltrato originale)\s*-{2,}|Begin forwarded message:|Inizio messaggio inoltrato:)\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Forwarded();

    [GeneratedRegex(@"^\s*\*?(Da|From)\s*:\*?\s+\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutlookFrom();

    [GeneratedRegex(@"^\s*\*?(Inviato|Sent|Data|Date)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutlookSent();

    [GeneratedRegex(@"^\s*\*?(Oggetto|Subject)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutlookSubject();

    [GeneratedRegex(@"^\s*_{10,}\s*$")]
    private static partial Regex Underscores();

    [GeneratedRegex(@"^(Inviato|Sent|Enviado|Envoyé)\s+(da|dal|dal mio|dalla mia|from|from my|with|con)\s+.{0,40}\b(iPhone|iPad|Android|Outlook|Samsung|Galaxy|smartphone|cellulare|dispositivo mobile|Mail per Windows|Mail for Windows|BlackBerry|Yahoo Mail|Libero Mail|Huawei|Xiaomi|Proton Mail|mobile)\b.{0,40}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MobileSignature();
}
