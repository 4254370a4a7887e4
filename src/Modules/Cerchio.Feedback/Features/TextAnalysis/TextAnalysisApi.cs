using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>POST /api/v1/text/analyze: one text, or up to 100; language "it", "en" or left out (detected).</summary>
internal sealed record TextAnalyzeInputDto(string? Text, IReadOnlyList<string?>? Texts, string? Language);

/// <summary>A stretch of the text (UTF-16 offsets, as JavaScript counts them) to highlight.</summary>
internal sealed record TextSpanDto(int Start, int Length, string Text);

/// <param name="Polarity">The lexicon's value, −3…3.</param>
/// <param name="Counted">What it counted for after negation, intensifiers and contrast.</param>
internal sealed record TextWordDto(int Start, int Length, string Text, double Polarity, double Counted, bool Negated);

internal sealed record TextEmotionDto(string Code, string NameIt, string NameEn, double Confidence);

/// <param name="Words">The topic's trigger words found in the text (empty when the model saw the topic with none of them).</param>
/// <param name="Default">False for one of the organization's own topics.</param>
internal sealed record TextTopicDto(string Code, string NameIt, string NameEn, double Confidence, IReadOnlyList<TextSpanDto> Words, bool Default);

/// <param name="Sentiment">"negative", "neutral" or "positive".</param>
/// <param name="Score">−1…1, with the sentiment's sign.</param>
/// <param name="Corrected">True when a person of the organization corrected this text's labels.</param>
internal sealed record TextAnalysisDto(
    string Language, string Sentiment, double Score, IReadOnlyDictionary<string, double> SentimentProbabilities, IReadOnlyList<TextEmotionDto> Emotions,
    IReadOnlyList<TextTopicDto> Topics, IReadOnlyList<TextWordDto> Words, bool Corrected);

internal sealed record TextAnalysisBatchDto(IReadOnlyList<TextAnalysisDto> Items);

/// <summary>POST /api/v1/text/corrections: the labels a text really has.</summary>
/// <param name="Sentiment">"negative", "neutral" or "positive"; left out, the analysis's stays.</param>
internal sealed record TextCorrectionInputDto(
    string? Text, string? Language, string? Sentiment, IReadOnlyList<string?>? AddTopics, IReadOnlyList<string?>? RemoveTopics,
    IReadOnlyList<string?>? AddEmotions, IReadOnlyList<string?>? RemoveEmotions);

internal sealed record TextCorrectionDto(
    Guid Id, string Text, string Language, string Sentiment, IReadOnlyList<string> Emotions, IReadOnlyList<string> Topics, string CorrectedBy,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The correction as stored, and the text's analysis as it reads from now on.</summary>
internal sealed record TextCorrectionResultDto(TextCorrectionDto Correction, TextAnalysisDto Analysis);

/// <summary>POST /api/v1/text/topics: an organization's own topic and the words that trigger it.</summary>
internal sealed record TextTopicInputDto(string? Code, string? NameIt, string? NameEn, IReadOnlyList<string?>? Terms);

/// <summary>POST /api/v1/survey-answers/{id}/correction: how the comment really reads; topics and emotions are the whole set.</summary>
internal sealed record AnswerCorrectionInputDto(string? Sentiment, IReadOnlyList<string?>? Topics, IReadOnlyList<string?>? Emotions);

/// <summary>An answer's comment as it reads now.</summary>
internal sealed record AnswerAnalysisDto(Guid Id, string? Sentiment, IReadOnlyList<string> Topics, IReadOnlyList<string> Emotions);

internal sealed record TextTopicDefinitionDto(string Code, string NameIt, string NameEn, bool Default, IReadOnlyList<string> Terms);

internal static class TextAnalysisApi
{
    public const int MaxLength = 10_000;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/text/analyze", AnalyzeAsync).WithName("AnalyzeText")
            .WithSummary("Sentiment (with a score −1…1), emotions and topics with the words that triggered them, for {\"text\": …} or {\"texts\": [… up to 100]}; language \"it\", \"en\" or detected. Uses the organization's topics and corrections. A batch answers {\"items\": […]} in the same order.");
        api.MapPost("/text/corrections", CorrectAsync).WithName("CorrectTextAnalysis")
            .WithSummary("Corrects a text's labels for the organization: the sentiment, topics and emotions to add or remove. The same text then reads as corrected, and the organization's model is retrained with it in the background.");
        api.MapGet("/text/corrections", CorrectionsAsync).WithName("ListTextCorrections").WithSummary("The organization's corrections, latest first.");
        api.MapGet("/text/topics", TopicsAsync).WithName("ListTextTopics").WithSummary("The topics the analysis finds: the defaults, then the organization's own with their trigger words.");
        api.MapPost("/text/topics", SaveTopicAsync).WithName("SaveTextTopic")
            .WithSummary("Adds one of the organization's own topics (or replaces its names and words, by code): a text has it when one of its words occurs.");
        api.MapPost("/survey-answers/{answerId:guid}/correction", CorrectAnswerAsync).WithName("CorrectSurveyAnswer")
            .WithSummary("Says how an answer's comment really reads (sentiment, and the whole set of topics and emotions): kept as the organization's correction, the answer read again at once, the loop rules applied.");
        api.MapDelete("/text/topics/{code}", DeleteTopicAsync).WithName("DeleteTextTopic")
            .WithSummary("Removes one of the organization's own topics (the defaults stay); answers analysed before keep it.");
    }

    private static async Task<Results<Ok<TextAnalysisDto>, Ok<TextAnalysisBatchDto>, ValidationProblem>> AnalyzeAsync(
        TextAnalyzeInputDto input, TextKnowledge knowledge, TextAnalyzer analyzer, Loc l, CancellationToken ct)
    {
        var errors = new Errors();
        var language = Language(input.Language, errors);
        if (input.Text is not null && input.Texts is not null)
        {
            errors.Add("texts", "Manda \"text\" oppure \"texts\", non entrambi.");
        }
        else if (input.Texts is { } texts)
        {
            if (texts.Count is 0 or > TextKnowledge.MaxTexts)
            {
                errors.Add("texts", "Manda da 1 a {0} testi.", TextKnowledge.MaxTexts);
            }
            else
            {
                for (var i = 0; i < texts.Count; i++)
                {
                    CheckText(texts[i], $"texts[{i}]", errors);
                }
            }
        }
        else
        {
            CheckText(input.Text, "text", errors);
        }

        if (errors.Any)
        {
            return ApiResults.Invalid(errors, l);
        }

        var organizationId = await knowledge.PrepareAsync(ct);
        if (input.Texts is { } batch)
        {
            return TypedResults.Ok(new TextAnalysisBatchDto(batch.Select(t => Dto(analyzer.Analyze(organizationId, t!, language))).ToList()));
        }

        return TypedResults.Ok(Dto(analyzer.Analyze(organizationId, input.Text!, language)));
    }

    private static async Task<Results<Ok<TextCorrectionResultDto>, ValidationProblem>> CorrectAsync(
        TextCorrectionInputDto input, TextKnowledge knowledge, TextAnalyzer analyzer, Loc l, CancellationToken ct)
    {
        var errors = new Errors();
        CheckText(input.Text, "text", errors);
        var language = Language(input.Language, errors);
        var sentiment = input.Sentiment?.Trim().ToLowerInvariant();
        if (sentiment is not null && TextLabels.SentimentIndex(sentiment) < 0)
        {
            errors.Add("sentiment", "Il sentimento è negative, neutral o positive.");
        }

        var lists = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (field, values) in new[] { ("add_topics", input.AddTopics), ("remove_topics", input.RemoveTopics), ("add_emotions", input.AddEmotions), ("remove_emotions", input.RemoveEmotions) })
        {
            var codes = (values ?? []).Select(v => v?.Trim().ToLowerInvariant() ?? "").ToList();
            if (codes.Count > 40 || codes.Any(c => c.Length == 0))
            {
                errors.Add(field, "Indica fino a 40 codici, nessuno vuoto.");
            }

            lists[field] = codes.Distinct(StringComparer.Ordinal).ToList();
        }

        if (sentiment is null && lists.Values.All(v => v.Count == 0))
        {
            errors.Add("sentiment", "Indica almeno una correzione: il sentimento, oppure un tema o un'emozione da aggiungere o togliere.");
        }

        if (errors.Any)
        {
            return ApiResults.Invalid(errors, l);
        }

        var (correction, refused) = await knowledge.CorrectAsync(
            new CorrectionInput(input.Text!, language, sentiment, lists["add_topics"], lists["remove_topics"], lists["add_emotions"], lists["remove_emotions"]), ct);
        if (refused.Any)
        {
            return ApiResults.Invalid(refused, l);
        }

        var organizationId = await knowledge.PrepareAsync(ct);
        return TypedResults.Ok(new TextCorrectionResultDto(Dto(correction!), Dto(analyzer.Analyze(organizationId, correction!.Text, correction.Language))));
    }

    private static async Task<Ok<Cerchio.Paging.Page<TextCorrectionDto>>> CorrectionsAsync(
        int? page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page_size")] int? pageSize, TextKnowledge knowledge, CancellationToken ct)
    {
        var (number, size) = Cerchio.Paging.Page<TextCorrectionDto>.Normalize(page, pageSize, 50, 200);
        var skip = (long)(number - 1) * size;
        var (rows, total) = await knowledge.CorrectionsAsync(skip > int.MaxValue ? int.MaxValue : (int)skip, size, ct);
        return TypedResults.Ok(new Cerchio.Paging.Page<TextCorrectionDto>(rows.Select(Dto).ToList(), number, size, total));
    }

    private static async Task<Ok<List<TextTopicDefinitionDto>>> TopicsAsync(TextKnowledge knowledge, CancellationToken ct) =>
        TypedResults.Ok((await knowledge.TopicsWithTermsAsync(ct)).Select(t => new TextTopicDefinitionDto(t.Topic.Code, t.Topic.Italian, t.Topic.English, t.Topic.IsDefault, t.Terms)).ToList());

    private static async Task<Results<Ok<AnswerAnalysisDto>, ProblemHttpResult, ValidationProblem>> CorrectAnswerAsync(
        Guid answerId, AnswerCorrectionInputDto input, AnswerCorrections corrections, CerchioDb db, Loc l, CancellationToken ct)
    {
        var (answer, errors) = await corrections.CorrectAsync(answerId, input.Sentiment?.Trim().ToLowerInvariant(), Codes(input.Topics), Codes(input.Emotions), ct);
        if (answer is null)
        {
            return ApiResults.NotFound("answer");
        }

        return errors.Any
            ? ApiResults.Invalid(errors, l)
            : TypedResults.Ok(new AnswerAnalysisDto(answer.Id, answer.Sentiment, await AnswerTopics.OfAsync(db, answer.Id, ct), Loops.AnswerFollowUp.CodesOf(answer.Emotions)));

        static List<string> Codes(IReadOnlyList<string?>? codes) => (codes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim().ToLowerInvariant()).ToList();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteTopicAsync(string code, TextKnowledge knowledge, CancellationToken ct) =>
        await knowledge.DeleteTopicAsync(code.Trim().ToLowerInvariant(), ct) ? TypedResults.NoContent() : ApiResults.NotFound("topic");

    private static async Task<Results<Ok<TextTopicDefinitionDto>, ValidationProblem>> SaveTopicAsync(TextTopicInputDto input, TextKnowledge knowledge, Loc l, CancellationToken ct)
    {
        var (topic, errors) = await knowledge.SaveTopicAsync(new TopicInput(input.Code, input.NameIt, input.NameEn, input.Terms), ct);
        return errors.Any ? ApiResults.Invalid(errors, l) : TypedResults.Ok(Dto(topic!));
    }

    private static void CheckText(string? text, string field, Errors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "Scrivi il testo da analizzare.");
        }
        else if (text.Length > MaxLength)
        {
            errors.Add(field, "Il testo supera i {0} caratteri.", MaxLength);
        }
    }

    private static string? Language(string? given, Errors errors)
    {
        var language = given?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(language))
        {
            return null;
        }

        if (language is not ("it" or "en"))
        {
            errors.Add("language", "La lingua è \"it\" o \"en\" (oppure lasciala indicare all'analisi).");
            return null;
        }

        return language;
    }

    public static TextAnalysisDto Dto(TextAnalysisResult r) => new(
        r.Language, r.Sentiment, Math.Round(r.Score, 3),
        TextLabels.Sentiments.Select((s, i) => (s.Code, P: Math.Round(r.Probabilities[i], 3))).ToDictionary(x => x.Code, x => x.P),
        r.Emotions.Select(e => new TextEmotionDto(e.Code, e.Italian, e.English, Math.Round(e.Confidence, 3))).ToList(),
        r.Topics.Select(t => new TextTopicDto(t.Code, t.Italian, t.English, Math.Round(t.Confidence, 3), t.Words.Select(w => new TextSpanDto(w.Start, w.Length, w.Text)).ToList(), t.IsDefault)).ToList(),
        r.Words.Select(w => new TextWordDto(w.Start, w.Length, w.Text, w.Polarity, Math.Round(w.Counted, 3), w.Negated)).ToList(),
        r.Corrected);

    private static TextCorrectionDto Dto(TextCorrection c) =>
        new(c.Id, c.Text, c.Language, c.Sentiment, c.EmotionList, c.TopicList, c.CorrectedBy, c.CreatedAt, c.UpdatedAt);

    private static TextTopicDefinitionDto Dto(TextTopic t) => new(t.Code, t.NameIt, t.NameEn, false, t.TermList);
}
