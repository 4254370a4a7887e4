namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>A comment read by the lexicon and the default topics' words, turned into the models' input.</summary>
internal sealed record TextReading(string Text, string Language, LexiconReading Lexicon, Dictionary<string, List<TextSpan>> DefaultTopics, ModelRow Row);

/// <summary>
/// Builds the models' input from a comment: the lexicon's score and counts (overall, last clause after a contrast,
/// negations, shouting, question and exclamation marks, language) and, per default topic, whether its trigger words occur.
/// </summary>
internal sealed class TextFeatures(SentimentLexicon lexicon, TopicTaxonomy defaults)
{
    public SentimentLexicon Lexicon { get; } = lexicon;
    public TopicTaxonomy Defaults { get; } = defaults;

    public TextReading Read(string text, string language)
    {
        var reading = Lexicon.Read(text, language);
        var topics = Defaults.Match(text, reading.Tokens, language);
        var lex = new float[ModelRow.LexFeatures];
        lex[0] = reading.Score;
        lex[1] = Squash(reading.Positive);
        lex[2] = Squash(reading.Negative);
        lex[3] = reading.LastClause;
        lex[4] = Math.Min(reading.Negations, 3) / 3f;
        lex[5] = reading.Contrast ? 1 : 0;
        lex[6] = text.Contains('?', StringComparison.Ordinal) ? 1 : 0;
        lex[7] = Math.Min(text.Count(c => c == '!'), 3) / 3f;
        lex[8] = Math.Min(reading.Shouted, 3) / 3f;
        lex[9] = language == "en" ? 1 : 0;
        for (var t = 0; t < TextLabels.Topics.Count; t++)
        {
            lex[10 + t] = topics.TryGetValue(TextLabels.Topics[t].Code, out var spans) ? Math.Min(spans.Count, 2) / 2f : 0;
        }

        var row = new ModelRow { Text = text, Marked = reading.Marked, Lex = lex };
        return new TextReading(text, language, reading, topics, row);
    }

    /// <summary>The models' input with its labels, for training.</summary>
    public ModelRow Row(LabelledText labelled)
    {
        var row = Read(labelled.Text, labelled.Language).Row;
        row.Sentiment = labelled.Sentiment;
        row.Weight = labelled.Weight;
        row.Positive = labelled.Sentiment == TextLabels.Positive ? 1 : 0;
        row.Negative = labelled.Sentiment == TextLabels.Negative ? 1 : 0;
        for (var i = 0; i < TextModel.BinaryLabels.Count; i++)
        {
            var label = TextModel.BinaryLabels[i];
            row.SetLabel(i, labelled.Topics.Contains(label) || labelled.Emotions.Contains(label));
        }

        return row;
    }

    private static float Squash(float x) => x / (x + 2f);
}
