using Cerchio.Organizations.Contracts;

namespace Cerchio.Service.Features.Mentions;

/// <summary>One mention in a text: where its "@" is, how long it runs (the "@" included), whom it names.</summary>
internal sealed record Mention(int Start, int Length, Guid UserId);

/// <summary>
/// "@Nome Cognome" in an internal note: "@" followed by an active member's display name, ignoring case and accents
/// ("@Nicolo" is Nicolò: keyboards without the accented letter type it so), the longest
/// name first (so "@Anna Maria Rossi" is not taken for "@Anna Maria"). The composer's suggestions only help to type it:
/// the server finds mentions in the text alone. A name that matches nobody stays plain text.
/// </summary>
internal static class MentionText
{
    private static readonly System.Globalization.CompareInfo Loose = System.Globalization.CultureInfo.InvariantCulture.CompareInfo;
    private const System.Globalization.CompareOptions LooseOptions = System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace;

    /// <summary>Whether <paramref name="name"/> starts with what was typed, as mentions compare (case and accents ignored).</summary>
    public static bool StartsLike(string name, string typed) => Loose.IsPrefix(name, typed, LooseOptions);

    public static IReadOnlyList<Mention> Find(string text, IReadOnlyList<MemberInfo> members)
    {
        var names = members
            .Select(m => (m.UserId, Name: m.Name.Trim()))
            .Where(m => m.Name.Length > 0)
            .OrderByDescending(m => m.Name.Length)
            .ToList();
        var found = new List<Mention>();
        var at = text.IndexOf('@', StringComparison.Ordinal);
        while (at >= 0)
        {
            var next = at + 1;
            // An "@" inside a word is an address (mario@rossi.it), not a mention.
            if (at == 0 || !char.IsLetterOrDigit(text[at - 1]))
            {
                foreach (var (userId, name) in names)
                {
                    var end = at + 1 + name.Length;
                    if (end <= text.Length
                        && Loose.Compare(text, at + 1, name.Length, name, 0, name.Length, LooseOptions) == 0
                        && (end == text.Length || !char.IsLetterOrDigit(text[end])))   // "@Anna" is not "@Annalisa"
                    {
                        found.Add(new Mention(at, end - at, userId));
                        next = end;
                        break;
                    }
                }
            }

            at = next < text.Length ? text.IndexOf('@', next) : -1;
        }

        return found;
    }

    /// <summary>The text in pieces, each mention its own piece, for a page to highlight (and encode, as it does every text).</summary>
    public static IEnumerable<(string Text, bool IsMention)> Split(string text, IReadOnlyList<Mention> mentions)
    {
        var from = 0;
        foreach (var mention in mentions)
        {
            if (mention.Start > from)
            {
                yield return (text[from..mention.Start], false);
            }

            yield return (text.Substring(mention.Start, mention.Length), true);
            from = mention.Start + mention.Length;
        }

        if (from < text.Length)
        {
            yield return (text[from..], false);
        }
    }
}
