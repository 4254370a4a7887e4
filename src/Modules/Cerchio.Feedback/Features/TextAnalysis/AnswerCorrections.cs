using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.Loops;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>
/// Someone who reads the answers says how a comment really reads: its sentiment, topics and emotions. The correction is
/// the organization's (the same words read so from now on, and its model learns from it) and the answer is read again
/// at once, with the loop rules applied to what it says now.
/// </summary>
internal sealed class AnswerCorrections(CerchioDb db, TextKnowledge knowledge, AnswerFollowUp followUp)
{
    /// <summary>Null answer: not found, or no comment to correct. Error keys: sentiment, topics, emotions.</summary>
    public async Task<(SurveyResponse? Answer, Errors Errors)> CorrectAsync(
        Guid answerId, string? sentiment, IReadOnlyCollection<string> topics, IReadOnlyCollection<string> emotions, CancellationToken ct = default)
    {
        var answer = await db.Set<SurveyResponse>().FirstOrDefaultAsync(r => r.Id == answerId, ct);
        if (answer is null || string.IsNullOrWhiteSpace(answer.Comment))
        {
            return (null, new Errors());
        }

        if (!Scores.AnswerFilter.IsSentiment(sentiment))
        {
            return (answer, new Errors().Add("sentiment", "Il sentiment è negative, neutral o positive."));
        }

        // The whole set chosen: every other topic and emotion is taken away.
        var allTopics = (await knowledge.TaxonomyAsync(ct)).Topics.Select(t => t.Code).ToList();
        var allEmotions = TextLabels.Emotions.Select(e => e.Code).ToList();
        var (_, errors) = await knowledge.CorrectAsync(new CorrectionInput(
            answer.Comment, answer.Language, sentiment,
            topics.Distinct(StringComparer.Ordinal).ToList(), allTopics.Except(topics, StringComparer.Ordinal).ToList(),
            emotions.Distinct(StringComparer.Ordinal).ToList(), allEmotions.Except(emotions, StringComparer.Ordinal).ToList()), ct);
        if (errors.Any)
        {
            return (answer, errors.Renamed(field => field.EndsWith("topics", StringComparison.Ordinal) ? "topics" : "emotions"));
        }

        // The correction's save may have cleared the context (a race on the same text): read the answer again.
        answer = await db.Set<SurveyResponse>().FirstAsync(r => r.Id == answerId, ct);
        var kind = await db.Set<Survey>().Where(s => s.Id == answer.SurveyId).Select(s => s.Kind).FirstAsync(ct);
        await followUp.ReviewAsync(answer, kind, ct);
        return (answer, errors);
    }
}
