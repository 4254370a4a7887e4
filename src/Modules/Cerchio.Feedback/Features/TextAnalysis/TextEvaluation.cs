using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>Precision, recall and F1 of one class, from its counts.</summary>
internal sealed record ClassScore(string Label, int Support, int Predicted, int Correct)
{
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;
    public double Recall => Support == 0 ? 0 : (double)Correct / Support;
    public double F1 => Support + Predicted == 0 ? 0 : 2.0 * Correct / (Support + Predicted);
}

/// <summary>The figures of an evaluation, and the report that prints them.</summary>
internal sealed record EvaluationReport(
    double SentimentMacroF1, double SentimentMacroF1It, double SentimentMacroF1En, double TopicsMacroF1, double EmotionsMacroF1, string Text);

/// <summary>
/// Trains on train.tsv and measures on eval.tsv, the held-out comments no model ever trains on: per-class precision,
/// recall and F1 and macro-F1 for the sentiment, each topic and each emotion, overall and by language, with the lexicon
/// alone as a baseline. The labels are decoded exactly as the API decodes them (<see cref="TextEngine"/>).
/// </summary>
internal static class TextEvaluation
{
    public static EvaluationReport Run(TextCorpus corpus, IReadOnlyList<LabelledText> eval)
    {
        var train = corpus.TrainingRows();
        var features = new TextFeatures(new SentimentLexicon(corpus), TopicTaxonomy.Defaults(corpus));
        var clock = Stopwatch.StartNew();
        var engine = new TextEngine(features, TextModel.Train(train, features));
        var trainingSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var results = eval.Select(r => engine.Analyze(r.Text, r.Language, features.Defaults)).ToList();
        var perComment = clock.Elapsed.TotalMilliseconds / Math.Max(1, eval.Count);
        var lexicon = eval.Select(r => features.Lexicon.Read(r.Text, r.Language).Score).Select(s => s > 0.1f ? TextLabels.Positive : s < -0.1f ? TextLabels.Negative : TextLabels.Neutral).ToList();

        var all = Enumerable.Range(0, eval.Count).ToList();
        var it = all.Where(i => eval[i].Language == "it").ToList();
        var en = all.Where(i => eval[i].Language == "en").ToList();
        var sentimentCodes = TextLabels.Sentiments.Select(s => s.Code).ToList();
        var topicCodes = TextLabels.Topics.Select(t => t.Code).ToList();
        var emotionCodes = TextLabels.Emotions.Select(e => e.Code).ToList();

        List<ClassScore> Sentiment(List<int> rows, IReadOnlyList<string> predicted) => sentimentCodes.Select(c => Score(c,
            rows.Count(i => eval[i].Sentiment == c), rows.Count(i => predicted[i] == c), rows.Count(i => eval[i].Sentiment == c && predicted[i] == c))).ToList();
        List<ClassScore> Labels(List<int> rows, List<string> codes, Func<LabelledText, IReadOnlyList<string>> gold, Func<TextAnalysisResult, IEnumerable<string>> found) =>
            codes.Select(c => Score(c, rows.Count(i => gold(eval[i]).Contains(c)), rows.Count(i => found(results[i]).Contains(c)),
                rows.Count(i => gold(eval[i]).Contains(c) && found(results[i]).Contains(c)))).ToList();

        var predictedSentiment = results.Select(r => r.Sentiment).ToList();
        var sentiment = Sentiment(all, predictedSentiment);
        var topics = Labels(all, topicCodes, r => r.Topics, r => r.Topics.Select(t => t.Code));
        var emotions = Labels(all, emotionCodes, r => r.Emotions, r => r.Emotions.Select(e => e.Code));

        var report = new StringBuilder();
        report.AppendLine("Cerchio text analytics: evaluation on eval.tsv (held out, never trained on)");
        report.AppendLine(Invariant($"eval: {eval.Count} comments (it {it.Count}, en {en.Count}); trained on train.tsv: {train.Count} comments in {trainingSeconds:0.0} s; analysis {perComment:0.00} ms per comment on this machine (informative; measured in bench/)"));
        report.AppendLine();
        Table(report, "Sentiment", sentiment);
        report.AppendLine(Invariant($"  macro-F1 {Macro(sentiment):0.000} | it {Macro(Sentiment(it, predictedSentiment)):0.000} | en {Macro(Sentiment(en, predictedSentiment)):0.000} | accuracy {all.Count(i => predictedSentiment[i] == eval[i].Sentiment) / (double)Math.Max(1, all.Count):0.000}"));
        report.AppendLine(Invariant($"  the lexicon and its rules alone (no model): macro-F1 {Macro(Sentiment(all, lexicon)):0.000} | it {Macro(Sentiment(it, lexicon)):0.000} | en {Macro(Sentiment(en, lexicon)):0.000}"));
        report.AppendLine();
        Table(report, Invariant($"Topics (probability ≥ {TextEngine.Threshold:0.00})"), topics);
        report.AppendLine(Invariant($"  macro-F1 {Macro(topics):0.000} | it {Macro(Labels(it, topicCodes, r => r.Topics, r => r.Topics.Select(t => t.Code))):0.000} | en {Macro(Labels(en, topicCodes, r => r.Topics, r => r.Topics.Select(t => t.Code))):0.000}"));
        report.AppendLine();
        Table(report, "Emotions (decoded with the sentiment: a complaint's, a happy customer's, worry on neutral)", emotions);
        report.AppendLine(Invariant($"  macro-F1 {Macro(emotions):0.000} | it {Macro(Labels(it, emotionCodes, r => r.Emotions, r => r.Emotions.Select(e => e.Code))):0.000} | en {Macro(Labels(en, emotionCodes, r => r.Emotions, r => r.Emotions.Select(e => e.Code))):0.000}"));
        return new EvaluationReport(Macro(sentiment), Macro(Sentiment(it, predictedSentiment)), Macro(Sentiment(en, predictedSentiment)), Macro(topics), Macro(emotions), report.ToString());
    }

    private static ClassScore Score(string label, int support, int predicted, int correct) => new(label, support, predicted, correct);

    private static double Macro(IReadOnlyList<ClassScore> scores) => scores.Count == 0 ? 0 : scores.Average(s => s.F1);

    private static void Table(StringBuilder report, string title, IReadOnlyList<ClassScore> scores)
    {
        report.AppendLine(title);
        report.AppendLine(Invariant($"  {"",-18} {"precision",9} {"recall",7} {"F1",6} {"support",8}"));
        foreach (var s in scores)
        {
            report.AppendLine(Invariant($"  {s.Label,-18} {s.Precision,9:0.000} {s.Recall,7:0.000} {s.F1,6:0.000} {s.Support,8}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
