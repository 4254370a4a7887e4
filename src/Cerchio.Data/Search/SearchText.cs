using System.Globalization;
using System.Text;

namespace Cerchio.Data.Search;

/// <summary>
/// What a person typed into a search box, reduced to plain words: letters and digits only, so nothing they type can
/// reach the databases' query syntax (FTS5's quotes, NEAR, OR, '-', '*'; tsquery's operators). Each word must match
/// (AND); words of three letters or more match as prefixes, which on SQLite stands in for Italian stemming
/// ("consegne" finds "consegna") and lets results come as the person types. See ADR 0010.
/// </summary>
public sealed class SearchText
{
    /// <summary>Beyond this many words a query says nothing more, and each word costs an index lookup.</summary>
    public const int MaxTerms = 8;

    /// <summary>Longer words are cut: still a prefix of what was typed, and no index term is longer in practice.</summary>
    public const int MaxTermLength = 40;

    /// <summary>Shorter words match exactly: a one- or two-letter prefix would match most of the vocabulary.</summary>
    public const int MinPrefixLength = 3;

    /// <summary>PostgreSQL's text search configuration made by the DeskSearch migration: Italian stemming over unaccent.</summary>
    public const string PostgresConfiguration = "cerchio_italian";

    private SearchText(IReadOnlyList<string> terms) => Terms = terms;

    public IReadOnlyList<string> Terms { get; }

    /// <summary>Nothing to look for (empty, blank, or punctuation only): a search answers with no results.</summary>
    public bool IsEmpty => Terms.Count == 0;

    public static SearchText Parse(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new SearchText(terms);
        }

        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (IsWordCharacter(c))
            {
                word.Append(c);
                continue;
            }

            Add(terms, word);
            if (terms.Count == MaxTerms)
            {
                break;
            }
        }

        Add(terms, word);
        return new SearchText(terms);
    }

    /// <summary>
    /// An FTS5 MATCH expression: every word a quoted string, a prefix of its <see cref="LightStem"/> when long enough,
    /// joined by FTS5's implicit AND. The tokenizer folds case and accents on both sides.
    /// </summary>
    public string ToFts5Match() => string.Join(' ', Fts5Terms());

    /// <summary>The same words with any one sufficing (FTS5's OR), for suggestions ranked by how many match.</summary>
    public string ToFts5MatchAny() => string.Join(" OR ", Fts5Terms());

    private IEnumerable<string> Fts5Terms() =>
        Terms.Select(t => t.Length >= MinPrefixLength ? $"\"{LightStem(t)}\"*" : $"\"{t}\"");

    /// <summary>
    /// FTS5 has no Italian stemmer: from five letters on, a word loses its final vowel (and the h of -chi, -ghe), so
    /// its prefix finds the other forms that differ in the ending only — consegne → consegn* (consegna, consegnato),
    /// banchi → banc* (banco), città → citt*. Irregular forms and shorter words are not found this way (ADR 0010).
    /// </summary>
    public static string LightStem(string term)
    {
        var plain = WithoutAccents(term);
        if (plain.Length < 5 || !IsVowel(plain[^1]))
        {
            return plain;
        }

        var stem = plain[..^1];
        return stem.Length > 4 && stem[^1] == 'h' && stem[^2] is 'c' or 'g' ? stem[..^1] : stem;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static string WithoutAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                plain.Append(c);
            }
        }

        return plain.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// A to_tsquery input: every word quoted (the configuration stems and unaccents it), a prefix (:*) when long
    /// enough, all required (&amp;). Stop words drop out; only stop words give an empty query that matches nothing.
    /// </summary>
    public string ToTsQuery() =>
        string.Join(" & ", Terms.Select(t => t.Length >= MinPrefixLength ? $"'{t}':*" : $"'{t}'"));

    /// <summary>
    /// The same words with any one sufficing (|), for ts_headline only: it marks words inside stretches that satisfy
    /// its query, and one field or fragment rarely holds every word the row matched by.
    /// </summary>
    public string ToTsQueryAny() =>
        string.Join(" | ", Terms.Select(t => t.Length >= MinPrefixLength ? $"'{t}':*" : $"'{t}'"));

    // Letters, digits and combining marks: what SQLite's unicode61 tokenizer keeps inside a token. Quotes and
    // backslashes are never word characters, so quoting a term needs no escaping.
    private static bool IsWordCharacter(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static void Add(List<string> terms, StringBuilder word)
    {
        if (word.Length == 0)
        {
            return;
        }

        var term = word.ToString().ToLowerInvariant();
        word.Clear();
        if (term.Length > MaxTermLength)
        {
            // Never split a surrogate pair: the cut term must stay valid Unicode.
            var cut = char.IsHighSurrogate(term[MaxTermLength - 1]) ? MaxTermLength - 1 : MaxTermLength;
            term = term[..cut];
        }

        // Accents alone (combining marks with no letter) are no word: FTS5 would get an empty string.
        if (WithoutAccents(term).Length > 0 && !terms.Contains(term, StringComparer.Ordinal))
        {
            terms.Add(term);
        }
    }
}
