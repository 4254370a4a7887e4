using System.Text.RegularExpressions;
using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>A person's correction: the sentiment it really has, topics and emotions to add or take away.</summary>
internal sealed record CorrectionInput(string Text, string? Language, string? Sentiment, IReadOnlyList<string> AddTopics, IReadOnlyList<string> RemoveTopics,
    IReadOnlyList<string> AddEmotions, IReadOnlyList<string> RemoveEmotions);

/// <summary>An organization's own topic: its code, names and trigger words.</summary>
internal sealed record TopicInput(string? Code, string? NameIt, string? NameEn, IReadOnlyList<string?>? Terms);

/// <summary>
/// What an organization taught the analysis: its corrections and its own topics (its rows only, through the
/// organization filter), kept current in <see cref="TextAnalyzer"/> before each analysis.
/// </summary>
internal sealed partial class TextKnowledge(CerchioDb db, OrganizationContext tenant, TextAnalyzer analyzer, TimeProvider clock)
{
    public const int MaxTexts = 100;
    public const int MaxOwnTopics = 30;

    /// <summary>Brings the analyzer up to date with the organization's rows; returns the organization's id.</summary>
    public async Task<Guid> PrepareAsync(CancellationToken ct)
    {
        var organizationId = tenant.RequiredOrganizationId;
        var corrections = db.Set<TextCorrection>().AsNoTracking();
        var topics = db.Set<TextTopic>().AsNoTracking();
        var version = string.Join('|',
            await corrections.CountAsync(ct),
            (await corrections.OrderByDescending(c => c.UpdatedAt).Select(c => (DateTimeOffset?)c.UpdatedAt).FirstOrDefaultAsync(ct))?.UtcTicks,
            await topics.CountAsync(ct),
            (await topics.OrderByDescending(t => t.UpdatedAt).Select(t => (DateTimeOffset?)t.UpdatedAt).FirstOrDefaultAsync(ct))?.UtcTicks);
        if (!analyzer.IsCurrent(organizationId, version))
        {
            analyzer.Update(organizationId, version, await corrections.ToListAsync(ct), await topics.OrderBy(t => t.Code).ToListAsync(ct));
        }

        return organizationId;
    }

    /// <summary>The organization's topics: the defaults, then its own.</summary>
    public async Task<TopicTaxonomy> TaxonomyAsync(CancellationToken ct)
    {
        var own = await db.Set<TextTopic>().AsNoTracking().OrderBy(t => t.Code).ToListAsync(ct);
        return TopicTaxonomy.With(TextCorpus.Embedded, own.Select(t => (new TopicDefinition(t.Code, t.NameIt, t.NameEn, false), t.TermList)));
    }

    public Task<List<TextTopic>> OwnTopicsAsync(CancellationToken ct) => db.Set<TextTopic>().AsNoTracking().OrderBy(t => t.Code).ToListAsync(ct);

    /// <summary>Every topic with the words that trigger it: the defaults (from the corpus, per language together), then the organization's own.</summary>
    public async Task<List<(TopicDefinition Topic, IReadOnlyList<string> Terms)>> TopicsWithTermsAsync(CancellationToken ct)
    {
        var defaults = TextCorpus.Table(TextCorpus.Embedded.Topics, 3).GroupBy(r => r[1], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r[2]).Distinct().ToList());
        var list = TextLabels.Topics.Select(t => (new TopicDefinition(t.Code, t.Italian, t.English, true), defaults.GetValueOrDefault(t.Code) ?? [])).ToList();
        list.AddRange((await OwnTopicsAsync(ct)).Select(t => (new TopicDefinition(t.Code, t.NameIt, t.NameEn, false), t.TermList)));
        return list;
    }

    /// <summary>
    /// Removes one of the organization's own topics: the analysis stops finding it. Answers analysed before keep the
    /// code they were given (the lists show it as it is stored). False when no own topic has that code.
    /// </summary>
    public async Task<bool> DeleteTopicAsync(string code, CancellationToken ct) =>
        await db.Set<TextTopic>().Where(t => t.Code == code).ExecuteDeleteAsync(ct) > 0;

    /// <summary>
    /// Records a correction: the comment's labels as the analysis gives them now (with an earlier correction, if any),
    /// changed as the person says. One correction per comment: a second one changes the first.
    /// </summary>
    public async Task<(TextCorrection? Correction, Errors Errors)> CorrectAsync(CorrectionInput input, CancellationToken ct)
    {
        var errors = new Errors();
        var taxonomy = await TaxonomyAsync(ct);
        var topicCodes = taxonomy.Topics.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        var emotionCodes = TextLabels.Emotions.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var (field, codes, known, message) in new[]
        {
            ("add_topics", input.AddTopics, topicCodes, "Tema sconosciuto: {0}."),
            ("remove_topics", input.RemoveTopics, topicCodes, "Tema sconosciuto: {0}."),
            ("add_emotions", input.AddEmotions, emotionCodes, "Emozione sconosciuta: {0}."),
            ("remove_emotions", input.RemoveEmotions, emotionCodes, "Emozione sconosciuta: {0}."),
        })
        {
            foreach (var code in codes.Where(c => !known.Contains(c)).Take(3))
            {
                errors.Add(field, message, code.Length > 40 ? code[..40] + "…" : code);
            }
        }

        if (input.AddTopics.Intersect(input.RemoveTopics, StringComparer.Ordinal).Any())
        {
            errors.Add("remove_topics", "Lo stesso tema non può essere aggiunto e tolto insieme.");
        }

        if (input.AddEmotions.Intersect(input.RemoveEmotions, StringComparer.Ordinal).Any())
        {
            errors.Add("remove_emotions", "La stessa emozione non può essere aggiunta e tolta insieme.");
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        // Two requests correcting the same comment at once: the second finds the first's row and changes it.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await UpsertAsync(input, taxonomy, ct), errors);
            }
            catch (DbUpdateException e) when (attempt == 1 && DbErrors.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<TextCorrection> UpsertAsync(CorrectionInput input, TopicTaxonomy taxonomy, CancellationToken ct)
    {
        var organizationId = await PrepareAsync(ct);
        var analysis = analyzer.Analyze(organizationId, input.Text, input.Language);
        var hash = TextAnalyzer.HashOf(input.Text);
        var now = clock.GetUtcNow();
        var correction = await db.Set<TextCorrection>().FirstOrDefaultAsync(c => c.TextHash == hash, ct);
        if (correction is null)
        {
            correction = new TextCorrection { Id = Guid.CreateVersion7(), TextHash = hash, CreatedAt = now };
            db.Add(correction);
        }

        var topics = analysis.Topics.Select(t => t.Code).Except(input.RemoveTopics, StringComparer.Ordinal).Union(input.AddTopics, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var emotions = analysis.Emotions.Select(e => e.Code).Except(input.RemoveEmotions, StringComparer.Ordinal).Union(input.AddEmotions, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        correction.Text = input.Text;
        correction.Language = analysis.Language;
        correction.Sentiment = input.Sentiment ?? analysis.Sentiment;
        correction.Topics = TextCorrection.Join(taxonomy.Topics.Select(t => t.Code).Where(topics.Contains));
        correction.Emotions = TextCorrection.Join(TextLabels.Emotions.Select(e => e.Code).Where(emotions.Contains));
        correction.CorrectedBy = Truncate(tenant.ActorName ?? "", TextCorrection.MaxActor);
        correction.CorrectedByUserId = tenant.UserId;
        correction.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return correction;
    }

    public async Task<(List<TextCorrection> Rows, int Total)> CorrectionsAsync(int skip, int take, CancellationToken ct)
    {
        var query = db.Set<TextCorrection>().AsNoTracking();
        return (await query.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id).Skip(skip).Take(take).ToListAsync(ct), await query.CountAsync(ct));
    }

    /// <summary>Adds an organization's own topic, or replaces the names and words of the one with the same code.</summary>
    public async Task<(TextTopic? Topic, Errors Errors)> SaveTopicAsync(TopicInput input, CancellationToken ct)
    {
        var errors = new Errors();
        var code = input.Code?.Trim().ToLowerInvariant() ?? "";
        if (!TopicCode().IsMatch(code))
        {
            errors.Add("code", "Il codice è fatto di lettere minuscole, cifre e trattini bassi, da 2 a {0} caratteri.", TextTopic.MaxCode);
        }
        else if (TextLabels.Topics.Any(t => t.Code == code))
        {
            errors.Add("code", "Il codice {0} è già un tema predefinito.", code);
        }

        var nameIt = input.NameIt?.Trim() ?? "";
        var nameEn = string.IsNullOrWhiteSpace(input.NameEn) ? nameIt : input.NameEn.Trim();
        if (nameIt.Length == 0)
        {
            errors.Add("name_it", "Scrivi il nome del tema in italiano.");
        }
        else if (nameIt.Length > TextTopic.MaxName)
        {
            errors.Add("name_it", "Il nome supera i {0} caratteri.", TextTopic.MaxName);
        }

        if (nameEn.Length > TextTopic.MaxName)
        {
            errors.Add("name_en", "Il nome supera i {0} caratteri.", TextTopic.MaxName);
        }

        var terms = (input.Terms ?? []).Select(t => string.Join(' ', (t ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant())
            .Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0 || terms.Count > TextTopic.MaxTerms || terms.Any(t => t.Length > TextTopic.MaxTerm) || terms.Any(t => TextTokens.Words(t, "it").Length == 0))
        {
            errors.Add("terms", "Indica da 1 a {0} parole o frasi che fanno scattare il tema, ciascuna di al massimo {1} caratteri.", TextTopic.MaxTerms, TextTopic.MaxTerm);
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow();
        var topic = await db.Set<TextTopic>().FirstOrDefaultAsync(t => t.Code == code, ct);
        if (topic is null)
        {
            if (await db.Set<TextTopic>().CountAsync(ct) >= MaxOwnTopics)
            {
                return (null, errors.Add("code", "Al massimo {0} temi propri per organizzazione.", MaxOwnTopics));
            }

            topic = new TextTopic { Id = Guid.CreateVersion7(), Code = code, CreatedAt = now };
            db.Add(topic);
        }

        topic.NameIt = nameIt;
        topic.NameEn = nameEn;
        topic.Terms = string.Join('\n', terms);
        topic.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return (topic, errors);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    [GeneratedRegex("^[a-z0-9_]{2,40}$")]
    private static partial Regex TopicCode();
}
