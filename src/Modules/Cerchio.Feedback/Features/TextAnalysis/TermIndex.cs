namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>A word or phrase of a lexicon, a modifier list or a topic: its words, and what it stands for.</summary>
internal sealed record Term<T>(string[] Words, T Value, bool FoldAccents);

/// <summary>
/// Finds the longest term that starts at a word of a comment. Phrases do not cross clause boundaries. A word written
/// without its accent ("qualita", "perche") matches a term written with it, for terms that allow it.
/// </summary>
internal sealed class TermIndex<T>
{
    private readonly Dictionary<string, List<Term<T>>> _byFirst = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Term<T>>> _byFoldedFirst = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public void Add(string[] words, T value, bool foldAccents)
    {
        if (words.Length == 0)
        {
            return;
        }

        var term = new Term<T>(words, value, foldAccents);
        Insert(_byFirst, words[0], term);
        if (foldAccents)
        {
            Insert(_byFoldedFirst, TextTokens.Fold(words[0]), term);
        }

        Count++;
    }

    private static void Insert(Dictionary<string, List<Term<T>>> index, string key, Term<T> term)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        // Longest first, so the first match is the longest; a later duplicate replaces nothing.
        if (list.Any(t => t.Words.SequenceEqual(term.Words)))
        {
            return;
        }

        list.Add(term);
        list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
    }

    /// <summary>The longest term starting at tokens[at] (a word), and how many tokens it covers; null when none.</summary>
    public (Term<T> Term, int Tokens)? Match(IReadOnlyList<TextToken> tokens, int at)
    {
        var first = tokens[at].Norm;
        Term<T>? best = null;
        if (_byFirst.TryGetValue(first, out var exact))
        {
            best = exact.FirstOrDefault(t => Matches(t, tokens, at));
        }

        if (_byFoldedFirst.TryGetValue(TextTokens.Fold(first), out var folded)
            && folded.FirstOrDefault(t => Matches(t, tokens, at)) is { } other
            && (best is null || other.Words.Length > best.Words.Length))
        {
            best = other;
        }

        return best is null ? null : (best, best.Words.Length);
    }

    private static bool Matches(Term<T> term, IReadOnlyList<TextToken> tokens, int at)
    {
        if (at + term.Words.Length > tokens.Count)
        {
            return false;
        }

        for (var k = 0; k < term.Words.Length; k++)
        {
            var token = tokens[at + k];
            if (!token.IsWord)
            {
                return false;
            }

            if (token.Norm != term.Words[k] && !(term.FoldAccents && TextTokens.Fold(token.Norm) == TextTokens.Fold(term.Words[k])))
            {
                return false;
            }
        }

        return true;
    }
}
