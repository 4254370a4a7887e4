using System.Globalization;

namespace Cerchio.Feedback.Features.TextAnalysis;

internal enum CueKind
{
    /// <summary>A word or phrase with a polarity from −3 to 3 (lexicon-it.tsv, lexicon-en.tsv).</summary>
    Polarity,

    /// <summary>Turns the polarity of what follows within a few words (−1), or softens it (−0.5: "non proprio").</summary>
    Negator,
    Intensifier,
    Diminisher,

    /// <summary>"ma", "però", "but", and conclusions ("comunque", "nel complesso", "overall"): what follows weighs more.</summary>
    Contrast,

    /// <summary>"anche se", "although": the clause it opens weighs less.</summary>
    Concession,

    /// <summary>"troppo", "too": intensifies a polar word, and makes a neutral one negative ("troppo tempo").</summary>
    Too,

    /// <summary>"poco" before a positive word works as a negator ("poco gentile"), before a negative one as a diminisher.</summary>
    Little,

    /// <summary>A service that was expected ("avvisato", "richiamato", "arrived"): neutral alone, a complaint when negated.</summary>
    ExpectedAction,

    /// <summary>Looks like a modifier, is not one ("non solo", "not only", "come mai").</summary>
    Plain,
}

internal readonly record struct Cue(CueKind Kind, float Value);

/// <summary>A polar word or phrase found in a comment, with what it finally counted for (after negation, intensifiers, contrast).</summary>
internal sealed record LexiconHit(int Start, int Length, string Text, float Polarity, float Counted, bool Negated);

/// <summary>What the lexicon and its rules read in a comment.</summary>
internal sealed record LexiconReading(
    float Score,
    float Positive,
    float Negative,
    float LastClause,
    int Negations,
    int Shifts,
    bool Contrast,
    int Shouted,
    IReadOnlyList<LexiconHit> Hits,
    IReadOnlyList<TextToken> Tokens,
    string Marked);

/// <summary>
/// The lexicon scorer: Italian and English polar words and phrases (the corpus's lexicons) with rules for negation
/// (a scope of a few words; negative concord, so "non … per niente", "non … mai" stay negative; "mica", "nessuno"),
/// intensifiers and diminishers, the "-issimo" superlative, "troppo" and "poco", contrast ("ma", "però", "but": the
/// clause after weighs more) and concession ("anche se": the clause weighs less). The score is −1…1.
/// </summary>
internal sealed class SentimentLexicon
{
    /// <summary>Words after a negator that it can reach.</summary>
    public const int NegationScope = 5;

    /// <summary>Words after an intensifier or diminisher that it can reach.</summary>
    public const int ModifierScope = 2;

    private const float NegatedFactor = 0.75f;
    private const float Normalization = 8f;

    private readonly Dictionary<string, TermIndex<Cue>> _cues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, float>> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _negatorWords = new(StringComparer.Ordinal);

    public SentimentLexicon(TextCorpus corpus)
    {
        foreach (var language in new[] { "it", "en" })
        {
            var index = new TermIndex<Cue>();
            _cues[language] = index;
            _words[language] = new Dictionary<string, float>(StringComparer.Ordinal);
            _negatorWords[language] = new HashSet<string>(StringComparer.Ordinal);

            // The rules' own words first: where a file lists the same term (troppo, poco, tutto sommato), the rule wins.
            foreach (var (term, cue) in RuleWords(language))
            {
                index.Add(TextTokens.Words(term, language), cue, foldAccents: false);
            }

            foreach (var row in TextCorpus.Table(corpus.Modifiers, 4).Where(r => r[0] == language))
            {
                var kind = row[1] switch
                {
                    "negator" => CueKind.Negator,
                    "intensifier" => CueKind.Intensifier,
                    "diminisher" => CueKind.Diminisher,
                    _ => throw new FormatException($"modifiers.tsv: unknown kind {row[1]}."),
                };
                var words = TextTokens.Words(row[2], language);
                index.Add(words, new Cue(kind, float.Parse(row[3], CultureInfo.InvariantCulture)), foldAccents: false);
                if (kind == CueKind.Negator && words.Length == 1)
                {
                    _negatorWords[language].Add(words[0]);
                }
            }

            foreach (var row in TextCorpus.Table(language == "it" ? corpus.LexiconIt : corpus.LexiconEn, 2))
            {
                var words = TextTokens.Words(row[0], language);
                var value = float.Parse(row[1], CultureInfo.InvariantCulture);
                index.Add(words, new Cue(CueKind.Polarity, value), foldAccents: true);
                if (words.Length == 1)
                {
                    _words[language].TryAdd(words[0], value);
                }
            }
        }
    }

    public int TermCount(string language) => _cues[language].Count;

    /// <summary>The words the rules handle in code, per language.</summary>
    private static IEnumerable<(string Term, Cue Cue)> RuleWords(string language)
    {
        var contrast = new Cue(CueKind.Contrast, 0);
        var concession = new Cue(CueKind.Concession, 0);
        var plain = new Cue(CueKind.Plain, 0);
        var action = new Cue(CueKind.ExpectedAction, 0);
        if (language == "it")
        {
            foreach (var w in new[] { "ma", "però", "pero", "tuttavia", "peccato che", "invece", "eppure", "comunque", "nel complesso", "alla fine", "in ogni caso", "tutto sommato", "in definitiva", "insomma" })
            {
                yield return (w, contrast);
            }

            foreach (var w in new[] { "anche se", "sebbene", "benché", "nonostante", "malgrado", "seppur", "seppure" })
            {
                yield return (w, concession);
            }

            foreach (var w in new[] { "non solo", "non soltanto", "come mai", "non vedo l'ora" })
            {
                yield return (w, plain);
            }

            foreach (var w in new[] { "troppo", "troppa", "troppi", "troppe" })
            {
                yield return (w, new Cue(CueKind.Too, 1.5f));
            }

            foreach (var w in new[] { "poco", "poca", "pochi", "poche" })
            {
                yield return (w, new Cue(CueKind.Little, 0.5f));
            }

            foreach (var w in ItalianExpectedActions)
            {
                yield return (w, action);
            }
        }
        else
        {
            foreach (var w in new[] { "but", "however", "that said", "overall", "all in all", "anyway", "in the end", "on the whole", "all things considered" })
            {
                yield return (w, contrast);
            }

            foreach (var w in new[] { "although", "even though", "even if", "despite", "in spite of", "though" })
            {
                yield return (w, concession);
            }

            foreach (var w in new[] { "not only", "no doubt", "no wonder" })
            {
                yield return (w, plain);
            }

            yield return ("too", new Cue(CueKind.Too, 1.5f));
            foreach (var w in EnglishExpectedActions)
            {
                yield return (w, action);
            }
        }
    }

    private static readonly string[] ItalianExpectedActions =
    [
        "avvisato", "avvisata", "avvisati", "avvisate", "avvisa", "avvisano", "avvisare", "informato", "informata", "informati", "informate",
        "risposto", "risponde", "rispondono", "rispondere", "richiamato", "richiamata", "richiamati", "richiama", "richiamano",
        "arrivato", "arrivata", "arrivati", "arrivate", "arriva", "arrivano", "consegnato", "consegnata", "consegnati", "consegnate",
        "funziona", "funzionano", "funzionato", "ricevuto", "ricevuta", "ricevuti", "ricevute", "contattato", "contattata", "contattati",
        "chiamato", "presentato", "presentati", "venuto", "venuta", "venuti", "passato", "passati", "risolto", "risolta", "sistemato",
        "sistemata", "rimborsato", "rimborsata", "aggiornato", "aggiornati", "spiegato", "detto", "fatto sapere", "fatto vivo", "fatti vivi",
        "rispettato", "rispettata", "rispettati", "mantenuto", "mantenuta", "emesso", "emessa", "inviato", "inviata", "mandato", "mandata",
    ];

    private static readonly string[] EnglishExpectedActions =
    [
        "told", "called", "rang", "replied", "answered", "arrived", "came", "showed up", "turned up", "received", "refunded", "fixed",
        "informed", "notified", "works", "worked", "working", "responded", "contacted", "heard", "delivered", "explained", "kept",
        "sent", "issued", "returned",
    ];

    private sealed class Walk(int segment)
    {
        public float NegFactor;
        public int NegLeft;
        public float Mult = 1;
        public int MultLeft;
        public int LittleLeft;
        public int Segment = segment;
        public bool Contrast;
        public bool Concession;

        public void EndClause()
        {
            NegLeft = 0;
            MultLeft = 0;
            Mult = 1;
            LittleLeft = 0;
            Concession = false;
        }

        /// <summary>One word passed: the modifiers' reach shrinks.</summary>
        public void Passed()
        {
            NegLeft = Math.Max(0, NegLeft - 1);
            LittleLeft = Math.Max(0, LittleLeft - 1);
            if (--MultLeft <= 0)
            {
                MultLeft = 0;
                Mult = 1;
            }
        }
    }

    private sealed record Contribution(int From, int To, float Polarity, float Value, bool Negated, int Segment, bool Concession);

    public LexiconReading Read(string text, string language)
    {
        var tokens = TextTokens.Split(text, language);
        var index = _cues[language];
        var words = _words[language];
        var negators = _negatorWords[language];
        var walk = new Walk(0);
        var contributions = new List<Contribution>();
        var marked = new List<string>(tokens.Count);
        var negations = 0;
        var shifts = 0;
        var shouted = 0;

        for (var i = 0; i < tokens.Count;)
        {
            var token = tokens[i];
            if (!token.IsWord)
            {
                walk.EndClause();
                marked.Add(token.Norm is "?" or "!" ? token.Norm : "|");
                i++;
                continue;
            }

            if (token.IsShouted)
            {
                shouted++;
            }

            var (cue, covered) = CueAt(index, words, tokens, i, language);
            var negatedNow = walk.NegLeft > 0;
            for (var k = 0; k < covered; k++)
            {
                marked.Add((negatedNow && cue.Kind != CueKind.Negator ? "neg_" : "") + tokens[i + k].Norm);
            }

            switch (cue.Kind)
            {
                case CueKind.Negator:
                    // Negative concord: a second negator inside the scope keeps the sentence negative and stretches the scope.
                    walk.NegFactor = walk.NegLeft > 0 ? Math.Min(walk.NegFactor, cue.Value) : cue.Value;
                    walk.NegLeft = NegationScope;
                    break;

                case CueKind.Intensifier:
                case CueKind.Diminisher:
                    walk.Mult = Math.Clamp(walk.Mult * cue.Value, 0.25f, 3f);
                    walk.MultLeft = ModifierScope;
                    break;

                case CueKind.Contrast:
                    walk.EndClause();
                    walk.Segment++;
                    walk.Contrast = true;
                    break;

                case CueKind.Concession:
                    walk.NegLeft = 0;
                    walk.Concession = true;
                    break;

                case CueKind.Too:
                    if (PolarAhead(index, words, tokens, i + 1, language))
                    {
                        walk.Mult = Math.Clamp(walk.Mult * cue.Value, 0.25f, 3f);
                        walk.MultLeft = ModifierScope;
                    }
                    else if (NextIsWord(tokens, i + 1) || language == "it")
                    {
                        // "troppo tempo", "costa troppo", "too long": too much of something neutral is a complaint.
                        var to = NextIsWord(tokens, i + 1) ? i + 1 : i;
                        contributions.Add(new Contribution(i, to, -1, Apply(walk, -1, selfNegated: false, out var negated), negated, walk.Segment, walk.Concession));
                        negations += negated ? 1 : 0;
                        shifts++;
                    }

                    break;

                case CueKind.Little:
                    if (PolarAhead(index, words, tokens, i + 1, language))
                    {
                        walk.LittleLeft = ModifierScope;
                    }

                    break;

                case CueKind.ExpectedAction:
                    if (walk.NegLeft > 0)
                    {
                        // "non mi hanno avvisato", "nobody called": the service that did not happen is the complaint.
                        var value = walk.NegFactor <= -1 ? -1f : -0.5f;
                        contributions.Add(new Contribution(i, i + covered - 1, 0, value, true, walk.Segment, walk.Concession));
                        negations++;
                        shifts++;
                        walk.NegLeft = 0;
                    }

                    break;

                case CueKind.Polarity:
                {
                    var selfNegated = negators.Contains(tokens[i].Norm) || (language == "en" && tokens[i].Norm.EndsWith("n't", StringComparison.Ordinal));
                    var polarity = cue.Value * (token.IsShouted ? 1.3f : 1f);
                    shifts += walk.LittleLeft > 0 && cue.Value > 0 ? 1 : 0;
                    var value = Apply(walk, polarity, selfNegated, out var negated);
                    shifts += negated ? 1 : 0;
                    contributions.Add(new Contribution(i, i + covered - 1, cue.Value, value, negated, walk.Segment, walk.Concession));
                    if (negated)
                    {
                        negations++;
                        walk.NegLeft = 0;   // the negation is spent on its first polar word
                    }

                    walk.MultLeft = 0;
                    walk.Mult = 1;
                    walk.LittleLeft = 0;
                    break;
                }
            }

            if (cue.Kind is not (CueKind.Negator or CueKind.Intensifier or CueKind.Diminisher or CueKind.Too or CueKind.Little or CueKind.Concession))
            {
                walk.Passed();
            }

            i += covered;
        }

        var lastSegment = walk.Segment;
        float sum = 0, positive = 0, negative = 0, last = 0;
        var hits = new List<LexiconHit>(contributions.Count);
        foreach (var c in contributions)
        {
            var weight = (walk.Contrast ? (c.Segment == lastSegment ? 1.5f : 0.5f) : 1f) * (c.Concession ? 0.5f : 1f);
            var counted = c.Value * weight;
            sum += counted;
            if (counted > 0)
            {
                positive += counted;
            }
            else
            {
                negative -= counted;
            }

            if (c.Segment == lastSegment)
            {
                last += c.Value;
            }

            var start = tokens[c.From].Start;
            var end = tokens[c.To].End;
            hits.Add(new LexiconHit(start, end - start, text[start..end], c.Polarity, counted, c.Negated));
        }

        return new LexiconReading(Squash(sum), positive, negative, Squash(last), negations, shifts, walk.Contrast, shouted, hits, tokens, string.Join(' ', marked));
    }

    private static float Squash(float sum) => sum / MathF.Sqrt(sum * sum + Normalization);

    /// <summary>A polarity after the modifiers in reach: intensified or softened, turned by "poco", then by a negation.</summary>
    private static float Apply(Walk walk, float polarity, bool selfNegated, out bool negated)
    {
        var value = polarity;
        var intensified = walk.MultLeft > 0 && walk.Mult > 1;
        if (walk.MultLeft > 0)
        {
            value *= walk.Mult;
        }

        if (walk.LittleLeft > 0)
        {
            // "poco gentile" is rude; "poco rumoroso" is a little noisy.
            value = polarity > 0 ? -0.8f * polarity : 0.5f * value;
        }

        negated = false;
        if (walk.NegLeft > 0 && !selfNegated)
        {
            negated = true;
            // "non molto veloce" is mildly negative, like "non proprio"; a full negation of a negative is faint praise.
            value = intensified ? -0.5f * polarity : walk.NegFactor <= -1 ? -NegatedFactor * value : walk.NegFactor * value;
        }

        return value;
    }

    private (Cue Cue, int Covered) CueAt(TermIndex<Cue> index, Dictionary<string, float> words, List<TextToken> tokens, int i, string language)
    {
        if (index.Match(tokens, i) is { } match)
        {
            return (match.Term.Value, match.Tokens);
        }

        var word = tokens[i].Norm;
        if (language == "en" && (word.EndsWith("n't", StringComparison.Ordinal) || word == "cannot"))
        {
            return (new Cue(CueKind.Negator, -1), 1);
        }

        if (language == "it" && Superlative(word, words) is { } superlative)
        {
            return (new Cue(CueKind.Polarity, superlative), 1);
        }

        if (Adverb(word, words, language) is { } adverb)
        {
            return (new Cue(CueKind.Polarity, adverb), 1);
        }

        return (new Cue(CueKind.Plain, 0), 1);
    }

    /// <summary>"-issimo" on a word the lexicon knows in its plain form: "gentilissima" → "gentile" × 1.5.</summary>
    private static float? Superlative(string word, Dictionary<string, float> words)
    {
        foreach (var suffix in new[] { "issimo", "issima", "issimi", "issime" })
        {
            if (word.Length > suffix.Length + 2 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length];
                var stems = stem.EndsWith("ch", StringComparison.Ordinal) || stem.EndsWith("gh", StringComparison.Ordinal) ? [stem[..^1], stem] : new[] { stem };
                foreach (var s in stems)
                {
                    foreach (var ending in new[] { "o", "a", "e", "i" })
                    {
                        if (words.TryGetValue(s + ending, out var value))
                        {
                            return Math.Clamp(value * 1.5f, -4.5f, 4.5f);
                        }
                    }
                }
            }
        }

        return null;
    }

    /// <summary>An adverb made from a known adjective: "velocemente", "gentilmente", "quickly" (not "-issimo"'s strength).</summary>
    private static float? Adverb(string word, Dictionary<string, float> words, string language)
    {
        if (language == "it" && word.Length > 7 && word.EndsWith("mente", StringComparison.Ordinal))
        {
            var stem = word[..^5];
            foreach (var candidate in new[] { stem, stem + "e", stem[..^1] + "o" })
            {
                if (words.TryGetValue(candidate, out var value))
                {
                    return value;
                }
            }
        }
        else if (language == "en" && word.Length > 5 && word.EndsWith("ly", StringComparison.Ordinal))
        {
            var stem = word[..^2];
            foreach (var candidate in new[] { stem, stem.EndsWith('i') ? stem[..^1] + "y" : stem + "e" })
            {
                if (words.TryGetValue(candidate, out var value))
                {
                    return value;
                }
            }
        }

        return null;
    }

    /// <summary>Whether a polar word comes within the next two words of the clause.</summary>
    private bool PolarAhead(TermIndex<Cue> index, Dictionary<string, float> words, List<TextToken> tokens, int from, string language)
    {
        for (var k = from; k < tokens.Count && k < from + 2; k++)
        {
            if (!tokens[k].IsWord)
            {
                return false;
            }

            if (CueAt(index, words, tokens, k, language).Cue.Kind == CueKind.Polarity)
            {
                return true;
            }
        }

        return false;
    }

    private static bool NextIsWord(List<TextToken> tokens, int at) => at < tokens.Count && tokens[at].IsWord;
}
