using Cerchio.Feedback.Features.TextAnalysis;
using Xunit.Abstractions;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// The text analysis's accuracy on the held-out evaluation set: trains on train.tsv, measures on eval.tsv, writes the
/// report to TestResults/text-analytics.txt (./test.sh prints it) and to the test output. It fails only when the
/// evaluation cannot run (a file missing, a training that throws, a report that cannot be written), never on a figure.
/// </summary>
public sealed class TextAnalysisEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void Evaluation_TrainsOnTrain_MeasuresOnEval_AndWritesTheReport()
    {
        var root = FindRoot();
        var corpusDirectory = Path.Combine(root, "src", "Modules", "Cerchio.Feedback", "TextAnalysis", "Corpus");
        var corpus = TextCorpus.FromDirectory(corpusDirectory);
        var eval = TextCorpus.ParseRows(File.ReadAllText(Path.Combine(corpusDirectory, "eval.tsv")));
        Assert.NotEmpty(eval);
        // Never trained on: no evaluation comment is in the training file.
        var trained = corpus.TrainingRows().Select(r => TextTokens.Canonical(r.Text)).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(eval, r => trained.Contains(TextTokens.Canonical(r.Text)));

        var report = TextAnalysisEvaluation(corpus, eval);

        var directory = Path.Combine(root, "TestResults");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "text-analytics.txt");
        File.WriteAllText(path, report.Text);
        output.WriteLine(report.Text);
        Assert.Equal(report.Text, File.ReadAllText(path));
        Assert.InRange(report.SentimentMacroF1, 0, 1);
        Assert.Contains("macro-F1", report.Text, StringComparison.Ordinal);
    }

    private static EvaluationReport TextAnalysisEvaluation(TextCorpus corpus, IReadOnlyList<LabelledText> eval) => TextEvaluation.Run(corpus, eval);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cerchio.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Cerchio.slnx not found above the test binaries.");
    }
}
