using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>One comment as the models see it: the text, the text with negated words marked, the lexicon's readings, and the labels.</summary>
internal sealed class ModelRow
{
    public const int LexFeatures = 10 + 11;

    public string Text { get; set; } = "";

    /// <summary>The words with those in a negation's scope marked ("non neg_male"), so a word model can tell them apart.</summary>
    public string Marked { get; set; } = "";

    [VectorType(LexFeatures)]
    public float[] Lex { get; set; } = new float[LexFeatures];

    public string Sentiment { get; set; } = "";
    public float Weight { get; set; } = 1;

    /// <summary>1 for a positive comment (training only): emotions are learnt among the comments of their side.</summary>
    public float Positive { get; set; }

    /// <summary>1 for a negative comment (training only).</summary>
    public float Negative { get; set; }

    // One label column per binary classifier (topics, then emotions, in TextModel.BinaryLabels' order): ML.NET's
    // trainers read a label from a named scalar column.
    public bool L0 { get; set; }
    public bool L1 { get; set; }
    public bool L2 { get; set; }
    public bool L3 { get; set; }
    public bool L4 { get; set; }
    public bool L5 { get; set; }
    public bool L6 { get; set; }
    public bool L7 { get; set; }
    public bool L8 { get; set; }
    public bool L9 { get; set; }
    public bool L10 { get; set; }
    public bool L11 { get; set; }
    public bool L12 { get; set; }
    public bool L13 { get; set; }
    public bool L14 { get; set; }
    public bool L15 { get; set; }
    public bool L16 { get; set; }

    public void SetLabel(int i, bool value)
    {
        switch (i)
        {
            case 0: L0 = value; break;
            case 1: L1 = value; break;
            case 2: L2 = value; break;
            case 3: L3 = value; break;
            case 4: L4 = value; break;
            case 5: L5 = value; break;
            case 6: L6 = value; break;
            case 7: L7 = value; break;
            case 8: L8 = value; break;
            case 9: L9 = value; break;
            case 10: L10 = value; break;
            case 11: L11 = value; break;
            case 12: L12 = value; break;
            case 13: L13 = value; break;
            case 14: L14 = value; break;
            case 15: L15 = value; break;
            case 16: L16 = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(i));
        }
    }
}

internal sealed class ModelPrediction
{
    /// <summary>Probabilities of negative, neutral, positive.</summary>
    [VectorType(3)]
    public float[] SentimentScores { get; set; } = [];

    /// <summary>The probability of each topic and emotion, in <see cref="TextModel.BinaryLabels"/>' order.</summary>
    [VectorType(17)]
    public float[] Binary { get; set; } = [];
}

/// <summary>The knobs of the training, chosen by cross-validation on train.tsv (never on eval.tsv): see the ADR.</summary>
internal sealed record TrainingOptions
{
    public int CharGrams { get; init; } = 4;
    public bool AllCharLengths { get; init; }
    public int WordGrams { get; init; } = 2;
    public float? L2 { get; init; } = 1e-5f;
    public float? BinaryL2 { get; init; } = 1e-5f;
    public int Iterations { get; init; } = 100;
    public bool Idf { get; init; }
    public bool EmotionsBySide { get; init; } = true;
}

/// <summary>What the models give for one comment.</summary>
internal sealed record ModelScores(float[] Sentiment, float[] Binary);

/// <summary>
/// The ML.NET models: word (1–2) and character (1–4) n-grams of the comment plus the lexicon's readings, into one
/// SdcaMaximumEntropy classifier for the sentiment and one SdcaLogisticRegression per topic and per emotion
/// (one-vs-rest: a comment has several topics, and each label's own classifier keeps the rare ones from being
/// drowned by the common ones). The text is featurized once and cached; the seventeen binary models are trained on
/// the same cached features, then chained into one transformer so a comment is featurized once per prediction.
/// Each trainer runs on one thread: the same corpus gives the same model (and the same reported figures), and an
/// organization's retraining in the background leaves the other core to the requests.
/// </summary>
internal sealed class TextModel
{
    /// <summary>Bump when the features or the pipeline change: it is part of the key of a model cached on disk.</summary>
    public const string Version = "2";

    public static readonly IReadOnlyList<string> BinaryLabels =
        TextLabels.Topics.Select(t => t.Code).Concat(TextLabels.Emotions.Select(e => e.Code)).ToArray();

    private readonly MLContext _ml;
    private readonly ITransformer _chain;
    private readonly ConcurrentBag<PredictionEngine<ModelRow, ModelPrediction>> _engines = [];

    private TextModel(MLContext ml, ITransformer chain)
    {
        _ml = ml;
        _chain = chain;
    }

    public static TextModel Train(IReadOnlyList<LabelledText> rows, TextFeatures features, TrainingOptions? options = null, int seed = 7)
    {
        var o = options ?? new TrainingOptions();
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => features.Row(r)).ToList());
        var featurizer = ml.Transforms.Text.FeaturizeText("CharGrams", new TextFeaturizingEstimator.Options
            {
                CaseMode = TextNormalizingEstimator.CaseMode.Lower,
                KeepDiacritics = true,
                KeepPunctuations = false,
                KeepNumbers = true,
                WordFeatureExtractor = null,
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = o.CharGrams, UseAllLengths = o.AllCharLengths, Weighting = o.Idf ? NgramExtractingEstimator.WeightingCriteria.TfIdf : NgramExtractingEstimator.WeightingCriteria.Tf },
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            }, nameof(ModelRow.Text))
            .Append(ml.Transforms.Text.FeaturizeText("WordGrams", new TextFeaturizingEstimator.Options
            {
                CaseMode = TextNormalizingEstimator.CaseMode.Lower,
                KeepDiacritics = true,
                KeepPunctuations = false,
                KeepNumbers = false,
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = o.WordGrams, UseAllLengths = true, Weighting = o.Idf ? NgramExtractingEstimator.WeightingCriteria.TfIdf : NgramExtractingEstimator.WeightingCriteria.Tf },
                CharFeatureExtractor = null,
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            }, nameof(ModelRow.Marked)))
            .Append(ml.Transforms.Concatenate("Features", "CharGrams", "WordGrams", nameof(ModelRow.Lex)));
        var featurizerModel = featurizer.Fit(data);
        var featurized = ml.Data.Cache(featurizerModel.Transform(data));

        var keys = ml.Transforms.Conversion.MapValueToKey("SentimentKey", nameof(ModelRow.Sentiment), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(featurized);
        var keyed = ml.Data.Cache(keys.Transform(featurized));
        var sentiment = ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "SentimentKey",
            FeatureColumnName = "Features",
            ExampleWeightColumnName = nameof(ModelRow.Weight),
            MaximumNumberOfIterations = o.Iterations,
            L2Regularization = o.L2,
            NumberOfThreads = 1,
        }).Fit(keyed);

        var parts = new List<ITransformer> { featurizerModel, sentiment };
        var scored = sentiment.Transform(featurized);
        var copy = ml.Transforms.CopyColumns("SentimentScores", "Score").Fit(scored);
        parts.Add(copy);
        // Emotions follow the sentiment (corpus rule), and the decoding keeps only those of the comment's side: each
        // emotion's model learns to tell it from the other emotions of its side, on the comments of that side.
        var negatives = ml.Data.Cache(ml.Data.FilterRowsByColumn(featurized, nameof(ModelRow.Negative), lowerBound: 0.5));
        var positives = ml.Data.Cache(ml.Data.FilterRowsByColumn(featurized, nameof(ModelRow.Positive), lowerBound: 0.5));
        var notPositives = ml.Data.Cache(ml.Data.FilterRowsByColumn(featurized, nameof(ModelRow.Positive), upperBound: 0.5));
        for (var i = 0; i < BinaryLabels.Count; i++)
        {
            var label = BinaryLabels[i];
            var rowsOf = !o.EmotionsBySide || i < TextLabels.Topics.Count ? featurized
                : label == "worry" ? notPositives
                : TextLabels.NegativeEmotions.Contains(label) ? negatives
                : positives;
            var binary = ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = $"L{i}",
                FeatureColumnName = "Features",
                ExampleWeightColumnName = nameof(ModelRow.Weight),
                MaximumNumberOfIterations = o.Iterations,
                L2Regularization = o.BinaryL2,
                NumberOfThreads = 1,
            }).Fit(rowsOf);
            parts.Add(binary);
            var withProbability = binary.Transform(featurized);
            parts.Add(ml.Transforms.CopyColumns($"P{i}", "Probability").Fit(withProbability));
        }

        var chain = new TransformerChain<ITransformer>(parts.ToArray());
        var concatenated = ml.Transforms.Concatenate("Binary", Enumerable.Range(0, BinaryLabels.Count).Select(i => $"P{i}").ToArray())
            .Fit(chain.Transform(ml.Data.TakeRows(data, 1)));
        return new TextModel(ml, chain.Append<ITransformer>(concatenated));
    }

    public ModelScores Predict(ModelRow row)
    {
        if (!_engines.TryTake(out var engine))
        {
            engine = _ml.Model.CreatePredictionEngine<ModelRow, ModelPrediction>(_chain);
        }

        try
        {
            var p = engine.Predict(row);
            return new ModelScores(p.SentimentScores, p.Binary);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>Saves the model to a file, written aside and moved into place so a reader never sees half of it.</summary>
    public void Save(string path)
    {
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<ModelRow>()).Schema;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        _ml.Model.Save(_chain, schema, temporary);
        File.Move(temporary, path, overwrite: true);
    }

    public static TextModel Load(string path)
    {
        var ml = new MLContext(7);
        var chain = ml.Model.Load(path, out _);
        return new TextModel(ml, chain);
    }
}
