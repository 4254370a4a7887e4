namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>A topic of the taxonomy: the eleven defaults (topics.tsv), or one an organization added with its own trigger words.</summary>
internal sealed record TopicDefinition(string Code, string Italian, string English, bool IsDefault)
{
    /// <summary>The name of <paramref name="code"/> in the reader's language; a code no longer in the taxonomy shows as it is stored.</summary>
    public static string NameOf(IReadOnlyList<TopicDefinition> topics, string code) =>
        topics.FirstOrDefault(t => t.Code == code) is { } t ? (Cerchio.Text.Loc.IsEnglish ? t.English : t.Italian) : code;
}

/// <summary>Where a topic's trigger word or phrase stands in the comment (UTF-16 offsets), to highlight it.</summary>
internal sealed record TextSpan(int Start, int Length, string Text);

/// <summary>
/// The topics a comment can be about and the words that trigger each. The defaults' words come from the corpus's
/// topics.tsv, per language; an organization's own topic has words that count in both languages. The trigger words
/// are for highlighting and, for the defaults, a feature of the classifiers: they do not decide a default topic alone
/// (the corpus README: "offerta" is both a quote and a price). An organization's own topic, which has no training
/// data, is found by its words alone.
/// </summary>
internal sealed class TopicTaxonomy
{
    private readonly Dictionary<string, TermIndex<string[]>> _index = new(StringComparer.Ordinal);

    private TopicTaxonomy(IReadOnlyList<TopicDefinition> topics, IEnumerable<(string Language, string Topic, string Term)> terms)
    {
        Topics = topics;
        var grouped = terms
            .SelectMany(t => t.Language == "*" ? new[] { t with { Language = "it" }, t with { Language = "en" } } : [t])
            .GroupBy(t => t.Language, StringComparer.Ordinal);
        foreach (var language in new[] { "it", "en" })
        {
            var index = new TermIndex<string[]>();
            foreach (var phrase in grouped.Where(g => g.Key == language).SelectMany(g => g)
                .GroupBy(t => string.Join(' ', TextTokens.Words(t.Term, language)), StringComparer.Ordinal)
                .Where(g => g.Key.Length > 0))
            {
                index.Add(phrase.Key.Split(' '), phrase.Select(t => t.Topic).Distinct(StringComparer.Ordinal).ToArray(), foldAccents: true);
            }

            _index[language] = index;
        }
    }

    public IReadOnlyList<TopicDefinition> Topics { get; }

    /// <summary>The eleven default topics with the corpus's trigger words.</summary>
    public static TopicTaxonomy Defaults(TextCorpus corpus) => new(
        TextLabels.Topics.Select(t => new TopicDefinition(t.Code, t.Italian, t.English, true)).ToList(),
        TextCorpus.Table(corpus.Topics, 3).Select(r => (r[0], r[1], r[2])));

    /// <summary>The defaults plus an organization's own topics (their words count in Italian and English).</summary>
    public static TopicTaxonomy With(TextCorpus corpus, IEnumerable<(TopicDefinition Topic, IReadOnlyList<string> Terms)> own)
    {
        var list = own.ToList();
        return new TopicTaxonomy(
            TextLabels.Topics.Select(t => new TopicDefinition(t.Code, t.Italian, t.English, true)).Concat(list.Select(o => o.Topic)).ToList(),
            TextCorpus.Table(corpus.Topics, 3).Select(r => (r[0], r[1], r[2]))
                .Concat(list.SelectMany(o => o.Terms.Select(term => ("*", o.Topic.Code, term.ToLowerInvariant())))));
    }

    /// <summary>Each topic whose words occur in the comment, with where they occur.</summary>
    public Dictionary<string, List<TextSpan>> Match(string text, IReadOnlyList<TextToken> tokens, string language)
    {
        var found = new Dictionary<string, List<TextSpan>>(StringComparer.Ordinal);
        var index = _index[language];
        for (var i = 0; i < tokens.Count;)
        {
            if (!tokens[i].IsWord || index.Match(tokens, i) is not { } match)
            {
                i++;
                continue;
            }

            var start = tokens[i].Start;
            var end = tokens[i + match.Tokens - 1].End;
            foreach (var topic in match.Term.Value)
            {
                if (!found.TryGetValue(topic, out var spans))
                {
                    found[topic] = spans = [];
                }

                spans.Add(new TextSpan(start, end - start, text[start..end]));
            }

            i += match.Tokens;
        }

        return found;
    }
}
