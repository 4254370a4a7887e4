using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Cerchio.Feedback.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>
/// The text analysis of every organization (a singleton). The base model is trained from the embedded corpus once per
/// process, at first use, and kept on disk under the data directory keyed by the corpus's hash and the pipeline's
/// version, so the next start loads it instead of training. Each organization gets on top of it:
/// <list type="bullet">
/// <item>its corrections, as exact overrides: a comment a person corrected reads as corrected (case, accents,
/// punctuation and spacing aside);</item>
/// <item>a model of its own, retrained in the background with its corrections added to the corpus (weighing
/// <see cref="CorrectionWeight"/> times a corpus row) whenever they change; until it is ready the previous one, or
/// the base model, answers;</item>
/// <item>its own topics with their trigger words.</item>
/// </list>
/// Another organization's corrections and topics are never seen: everything is kept per organization id, and filled
/// from the organization's own rows (<see cref="TextKnowledge"/>).
/// </summary>
internal sealed class TextAnalyzer
{
    public const float CorrectionWeight = 5f;

    private static readonly ConcurrentDictionary<string, Lazy<TextEngine>> BaseEngines = new(StringComparer.Ordinal);

    private readonly TextCorpus _corpus;
    private readonly string? _modelDirectory;
    private readonly int _maxOrganizationModels;
    private readonly ILogger<TextAnalyzer> _logger;
    private readonly CancellationToken _stopping;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<Guid, OrganizationState> _organizations = new();
    private readonly SemaphoreSlim _training = new(1, 1);
    private readonly Lazy<TopicTaxonomy> _defaults;

    public TextAnalyzer(IConfiguration configuration, ILogger<TextAnalyzer> logger, TimeProvider clock, IHostApplicationLifetime? lifetime = null)
        : this(TextCorpus.Embedded, configuration.GetValue("TextAnalysis:CacheModel", true) ? configuration["TextAnalysis:ModelDirectory"] ?? Path.Combine("data", "models") : null,
            configuration.GetValue("TextAnalysis:OrganizationModels", 20), logger, lifetime?.ApplicationStopping ?? CancellationToken.None, clock)
    {
    }

    internal TextAnalyzer(TextCorpus corpus, string? modelDirectory, int maxOrganizationModels, ILogger<TextAnalyzer> logger, CancellationToken stopping, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _corpus = corpus;
        _modelDirectory = modelDirectory;
        _maxOrganizationModels = Math.Max(1, maxOrganizationModels);
        _logger = logger;
        _stopping = stopping;
        _defaults = new(() => TopicTaxonomy.Defaults(corpus));
    }

    /// <summary>The model trained on the corpus alone: what an organization without corrections gets.</summary>
    public TextEngine Base => BaseEngines.GetOrAdd(_corpus.Hash + "/" + TextModel.Version, _ => new Lazy<TextEngine>(LoadOrTrainBase)).Value;

    public TopicTaxonomy DefaultTaxonomy => _defaults.Value;

    private TextEngine LoadOrTrainBase()
    {
        var features = new TextFeatures(new SentimentLexicon(_corpus), TopicTaxonomy.Defaults(_corpus));
        var path = _modelDirectory is null ? null : Path.Combine(_modelDirectory, $"text-analysis-v{TextModel.Version}-{_corpus.Hash}.zip");
        if (path is not null && File.Exists(path))
        {
            try
            {
                return new TextEngine(features, TextModel.Load(path));
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or ArgumentException or UnauthorizedAccessException)
            {
                _logger.LogWarning(e, "The cached text model {Path} could not be read; training again.", path);
            }
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var model = TextModel.Train(_corpus.TrainingRows(), features);
        _logger.LogInformation("Text analysis model trained in {Seconds:0.0} s.", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (path is not null)
        {
            // Saving takes seconds: the first analysis does not wait for it.
            _ = Task.Run(() => Cache(model, path), CancellationToken.None);
        }

        return new TextEngine(features, model);
    }

    private void Cache(TextModel model, string path)
    {
        try
        {
            model.Save(path);
            // Models of an older corpus or pipeline are never read again; a half-written one of a process that stopped neither.
            var directory = Path.GetDirectoryName(path)!;
            foreach (var stale in Directory.EnumerateFiles(directory, "text-analysis-v*.zip").Where(f => Path.GetFileName(f) != Path.GetFileName(path))
                .Concat(Directory.EnumerateFiles(directory, ".text-analysis-v*.tmp").Where(f => File.GetLastWriteTimeUtc(f) < _clock.GetUtcNow().UtcDateTime.AddHours(-1))))
            {
                File.Delete(stale);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "The text model could not be cached at {Path}.", path);
        }
    }

    /// <summary>The canonical hash a correction is kept under.</summary>
    public static string HashOf(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(TextTokens.Canonical(text)))).ToLowerInvariant();

    /// <summary>Whether the organization's corrections and topics, as of <paramref name="version"/>, are the ones in use.</summary>
    public bool IsCurrent(Guid organizationId, string version) =>
        _organizations.TryGetValue(organizationId, out var state) && state.Version == version;

    /// <summary>Takes in the organization's corrections and topics (read from its own rows); retrains its model in the background when they changed.</summary>
    public void Update(Guid organizationId, string version, IReadOnlyList<TextCorrection> corrections, IReadOnlyList<TextTopic> topics)
    {
        var previous = _organizations.GetValueOrDefault(organizationId);
        var examples = corrections
            .Select(c => new LabelledText(c.Language, c.Sentiment, c.EmotionList, c.TopicList.Where(t => TextLabels.Topics.Any(d => d.Code == t)).ToList(), c.Text, CorrectionWeight))
            .ToList();
        var state = new OrganizationState
        {
            Version = version,
            ExamplesKey = ExamplesKey(examples),
            Overrides = corrections.GroupBy(c => c.TextHash, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.UpdatedAt).Select(c => new CorrectedLabels(c.Sentiment, c.EmotionList, c.TopicList)).First(), StringComparer.Ordinal),
            Taxonomy = topics.Count == 0
                ? DefaultTaxonomy
                : TopicTaxonomy.With(_corpus, topics.Select(t => (new TopicDefinition(t.Code, t.NameIt, t.NameEn, false), t.TermList))),
            Examples = examples,
        };

        // The previous model still answers until the new one is ready, if its examples are still the same or nothing better exists.
        if (previous?.Model is { } model)
        {
            state.Model = model;
            state.ModelKey = previous.ModelKey;
        }

        _organizations[organizationId] = state;
        EnsureTraining(organizationId, state);
    }

    /// <summary>Analyses comments as the organization sees them (call <see cref="Update"/> first with its current rows).</summary>
    public TextAnalysisResult Analyze(Guid organizationId, string text, string? language)
    {
        var engine = Base;
        if (!_organizations.TryGetValue(organizationId, out var state))
        {
            return engine.Analyze(text, language, DefaultTaxonomy);
        }

        state.LastUsed = Environment.TickCount64;
        EnsureTraining(organizationId, state);
        var own = state.Model is { } model ? new TextEngine(engine.Features, model) : engine;
        var correction = state.Overrides.Count > 0 ? state.Overrides.GetValueOrDefault(HashOf(text)) : null;
        return own.Analyze(text, language, state.Taxonomy, correction);
    }

    /// <summary>Completes when the organization's model reflects its corrections as last taken in (tests wait on it).</summary>
    public Task WhenTrainedAsync(Guid organizationId) =>
        _organizations.TryGetValue(organizationId, out var state) ? state.Training : Task.CompletedTask;

    /// <summary>Whether the organization's own model (not the base one) answers now.</summary>
    public bool HasOwnModel(Guid organizationId) =>
        _organizations.TryGetValue(organizationId, out var state) && state.Model is not null && state.ModelKey == state.ExamplesKey;

    private void EnsureTraining(Guid organizationId, OrganizationState state)
    {
        lock (state)
        {
            if (state.Examples.Count == 0 || state.ModelKey == state.ExamplesKey || !state.Training.IsCompleted)
            {
                return;
            }

            state.Training = Task.Run(() => TrainAsync(organizationId, state), CancellationToken.None);
        }
    }

    private async Task TrainAsync(Guid organizationId, OrganizationState state)
    {
        // One training at a time, whatever the number of organizations: the others keep their current model meanwhile.
        await _training.WaitAsync(_stopping).ConfigureAwait(false);
        try
        {
            if (_organizations.GetValueOrDefault(organizationId) != state || _stopping.IsCancellationRequested)
            {
                return;   // newer corrections came: their own training follows
            }

            var corrected = state.Examples.Select(e => TextTokens.Canonical(e.Text)).ToHashSet(StringComparer.Ordinal);
            var rows = _corpus.TrainingRows().Where(r => !corrected.Contains(TextTokens.Canonical(r.Text))).Concat(state.Examples).ToList();
            var model = TextModel.Train(rows, Base.Features);
            lock (state)
            {
                state.Model = model;
                state.ModelKey = state.ExamplesKey;
            }

            Evict();
        }
        catch (OperationCanceledException)
        {
            // The app is stopping.
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            _logger.LogError(e, "Retraining the text model of organization {OrganizationId} failed; its previous model stays.", organizationId);
        }
        finally
        {
            _training.Release();
        }
    }

    /// <summary>Keeps at most the configured number of organization models in memory: the least recently used go (retrained when needed again).</summary>
    private void Evict()
    {
        var withModels = _organizations.Where(o => o.Value.Model is not null).OrderByDescending(o => o.Value.LastUsed).Skip(_maxOrganizationModels).ToList();
        foreach (var (_, state) in withModels)
        {
            lock (state)
            {
                state.Model = null;
                state.ModelKey = null;
            }
        }
    }

    private static string ExamplesKey(IReadOnlyList<LabelledText> examples) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\n', examples.Select(e => $"{e.Language}\t{e.Sentiment}\t{string.Join(',', e.Emotions)}\t{string.Join(',', e.Topics)}\t{e.Text}").Order(StringComparer.Ordinal)))));

    private sealed class OrganizationState
    {
        public required string Version { get; init; }
        public required string ExamplesKey { get; init; }
        public required IReadOnlyDictionary<string, CorrectedLabels> Overrides { get; init; }
        public required TopicTaxonomy Taxonomy { get; init; }
        public required IReadOnlyList<LabelledText> Examples { get; init; }
        public TextModel? Model { get; set; }
        public string? ModelKey { get; set; }
        public Task Training { get; set; } = Task.CompletedTask;
        public long LastUsed { get; set; } = Environment.TickCount64;
    }
}
