using System.Globalization;
using System.Text;

namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>A word or a clause boundary of a comment, with where it stands in the original text (UTF-16 offsets).</summary>
internal readonly record struct TextToken(string Norm, int Start, int Length, bool IsWord, bool IsShouted)
{
    public int End => Start + Length;
}

/// <summary>
/// Splits a comment into lower-case words and clause boundaries (. , ; : ! ? and line breaks). Italian elisions are
/// split after the apostrophe ("dell'ordine" → "dell'", "ordine"), a final apostrophe stays ("un po'", "e'" read as
/// "è"), English contractions stay whole ("didn't", "it's").
/// </summary>
internal static class TextTokens
{
    public static List<TextToken> Split(string text, string language)
    {
        var tokens = new List<TextToken>(text.Length / 4 + 4);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                var word = new StringBuilder();
                while (i < text.Length)
                {
                    var d = text[i];
                    if (char.IsLetterOrDigit(d) || IsCombining(d))
                    {
                        word.Append(d);
                        i++;
                    }
                    else if (IsApostrophe(d))
                    {
                        var nextIsLetter = i + 1 < text.Length && char.IsLetter(text[i + 1]);
                        if (nextIsLetter && language == "en")
                        {
                            word.Append('\'');   // don't, it's, we're: one word
                            i++;
                        }
                        else
                        {
                            word.Append('\'');   // dell'|ordine, po', e'
                            i++;
                            break;
                        }
                    }
                    else if (d is '-' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && word.Length > 0 && char.IsLetter(word[^1]))
                    {
                        word.Append(d);   // e-mail, follow-up
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                var original = text.AsSpan(start, i - start);
                tokens.Add(new TextToken(Normalize(word.ToString()), start, i - start, true, IsShouted(original)));
            }
            else if (c is '.' or ',' or ';' or ':' or '!' or '?' or '\n' or '…' or '(' or ')')
            {
                tokens.Add(new TextToken(c == '…' ? "." : c.ToString(), i, 1, false, false));
                i++;
            }
            else
            {
                i++;
            }
        }

        return tokens;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '’' or '`' or '´' or 'ʼ';

    private static bool IsCombining(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    /// <summary>Lower case, one kind of apostrophe, and the apostrophe written for a missing accent ("e'" → "è").</summary>
    public static string Normalize(string word)
    {
        var lower = word.ToLowerInvariant().Normalize(NormalizationForm.FormC);
        return lower switch
        {
            "e'" => "è",
            "perche'" => "perché",
            "piu'" => "più",
            "gia'" => "già",
            "puo'" => "può",
            "cosi'" => "così",
            "pero'" => "però",
            "qualita'" => "qualità",
            "citta'" => "città",
            "velocita'" => "velocità",
            "professionalita'" => "professionalità",
            "disponibilita'" => "disponibilità",
            _ => lower,
        };
    }

    /// <summary>Without accents: the fallback key when a word is written without its accent ("perche", "qualita").</summary>
    public static string Fold(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Three or more letters, all capitals: shouting ("VERGOGNA").</summary>
    private static bool IsShouted(ReadOnlySpan<char> word)
    {
        var letters = 0;
        foreach (var c in word)
        {
            if (char.IsLetter(c))
            {
                if (!char.IsUpper(c))
                {
                    return false;
                }

                letters++;
            }
        }

        return letters >= 3;
    }

    /// <summary>The words of a lexicon or topic term, split like a comment ("un po'" → "un", "po'"; "d'arte" → "d'", "arte").</summary>
    public static string[] Words(string term, string language) =>
        Split(term, language).Where(t => t.IsWord).Select(t => t.Norm).ToArray();

    /// <summary>
    /// The text as a person would type it, with case, accents, punctuation and spacing set aside: the key under which an
    /// organization's correction is found again ("Non male!" and "non  male" are the same comment).
    /// </summary>
    public static string Canonical(string text)
    {
        var words = Split(text, "it").Where(t => t.IsWord).Select(t => Fold(t.Norm).Replace("'", "", StringComparison.Ordinal));
        return string.Join(' ', words);
    }
}
