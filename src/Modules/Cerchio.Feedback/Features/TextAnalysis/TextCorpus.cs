using System.Security.Cryptography;
using System.Text;

namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>One labelled comment: a corpus row, or an organization's correction (which weighs more in its model).</summary>
internal sealed record LabelledText(string Language, string Sentiment, IReadOnlyList<string> Emotions, IReadOnlyList<string> Topics, string Text, float Weight = 1f);

/// <summary>
/// The corpus the project wrote for the analysis (TextAnalysis/Corpus, README.md there): the training comments, the
/// Italian and English lexicons, the modifiers (negators, intensifiers, diminishers) and the topics' trigger words.
/// Shipped inside the assembly as resources; eval.tsv is not: it is only for the evaluation test, never for training.
/// </summary>
internal sealed class TextCorpus
{
    public const string Header = "language\tsentiment\temotions\ttopics\ttext";
    private const string ResourcePrefix = "Cerchio.Feedback.Corpus.";

    public required string Train { get; init; }
    public required string LexiconIt { get; init; }
    public required string LexiconEn { get; init; }
    public required string Modifiers { get; init; }
    public required string Topics { get; init; }

    private string? _hash;

    /// <summary>A digest of every file: the key of a trained model cached on disk.</summary>
    public string Hash => _hash ??= Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join("\u0001", Train, LexiconIt, LexiconEn, Modifiers, Topics))))[..32].ToLowerInvariant();

    private static readonly Lazy<TextCorpus> EmbeddedCorpus = new(() => new TextCorpus
    {
        Train = Resource("train.tsv"),
        LexiconIt = Resource("lexicon-it.tsv"),
        LexiconEn = Resource("lexicon-en.tsv"),
        Modifiers = Resource("modifiers.tsv"),
        Topics = Resource("topics.tsv"),
    });

    /// <summary>The corpus built into the assembly.</summary>
    public static TextCorpus Embedded => EmbeddedCorpus.Value;

    /// <summary>The corpus read from a folder (the evaluation reads the repository's files); throws when one is missing.</summary>
    public static TextCorpus FromDirectory(string directory) => new()
    {
        Train = File.ReadAllText(Path.Combine(directory, "train.tsv")),
        LexiconIt = File.ReadAllText(Path.Combine(directory, "lexicon-it.tsv")),
        LexiconEn = File.ReadAllText(Path.Combine(directory, "lexicon-en.tsv")),
        Modifiers = File.ReadAllText(Path.Combine(directory, "modifiers.tsv")),
        Topics = File.ReadAllText(Path.Combine(directory, "topics.tsv")),
    };

    private static string Resource(string name)
    {
        using var stream = typeof(TextCorpus).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The corpus file {name} is not embedded in {typeof(TextCorpus).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public IReadOnlyList<LabelledText> TrainingRows() => ParseRows(Train);

    /// <summary>The rows of a corpus TSV; throws on a bad header, a bad column count or a label outside the vocabularies.</summary>
    public static IReadOnlyList<LabelledText> ParseRows(string tsv)
    {
        var lines = tsv.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != Header)
        {
            throw new FormatException($"A corpus file starts with the header \"{Header}\".");
        }

        var emotions = TextLabels.Emotions.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        var topics = TextLabels.Topics.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        var rows = new List<LabelledText>(lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length != 5)
            {
                throw new FormatException($"Line {i + 1}: 5 columns expected, {cells.Length} found.");
            }

            if (cells[0] is not ("it" or "en") || TextLabels.SentimentIndex(cells[1]) < 0)
            {
                throw new FormatException($"Line {i + 1}: unknown language or sentiment.");
            }

            rows.Add(new LabelledText(cells[0], cells[1], Labels(cells[2], emotions, i), Labels(cells[3], topics, i), cells[4]));
        }

        return rows;
    }

    private static string[] Labels(string cell, HashSet<string> known, int line)
    {
        var labels = cell.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return labels.All(known.Contains) ? labels : throw new FormatException($"Line {line + 1}: unknown label in \"{cell}\".");
    }

    /// <summary>Rows of a two-or-more column TSV with a header (lexicons, modifiers, topics).</summary>
    public static IEnumerable<string[]> Table(string tsv, int columns) =>
        tsv.Split('\n').Skip(1).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Select(l => l.Split('\t')).Where(c => c.Length >= columns);
}
