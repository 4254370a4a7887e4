using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>The topics of answers, as their rows (<see cref="SurveyResponseTopic"/>): written with the answer's reading, read for the lists.</summary>
internal static class AnswerTopics
{
    /// <summary>Makes these codes the answer's topics, replacing what it had, in the caller's save (after its sentiment is set).</summary>
    public static Task ReplaceAsync(CerchioDb db, SurveyResponse answer, IEnumerable<string> codes, CancellationToken ct) =>
        SyncAsync(db, answer, codes.ToHashSet(StringComparer.Ordinal), ct);

    /// <summary>Keeps the topics' copies in step after the answer changed (given again: a new time), in the caller's save.</summary>
    public static Task FollowAnswerAsync(CerchioDb db, SurveyResponse answer, CancellationToken ct) => SyncAsync(db, answer, null, ct);

    private static async Task SyncAsync(CerchioDb db, SurveyResponse answer, HashSet<string>? codes, CancellationToken ct)
    {
        // A new answer is read once before its first save, and has no rows to ask for (the demo reads thousands).
        var stored = db.Entry(answer).State == EntityState.Added
            ? []
            : await db.Set<SurveyResponseTopic>().Where(t => t.ResponseId == answer.Id).ToListAsync(ct);
        codes ??= stored.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var row in stored)
        {
            if (codes.Remove(row.Code))
            {
                (row.AnsweredAt, row.Sentiment) = (answer.AnsweredAt, answer.Sentiment);
            }
            else
            {
                db.Remove(row);
            }
        }

        db.AddRange(codes.Select(code => new SurveyResponseTopic
        {
            ResponseId = answer.Id, Code = code, OrganizationId = answer.OrganizationId, SurveyId = answer.SurveyId, AnsweredAt = answer.AnsweredAt, Sentiment = answer.Sentiment,
        }));
    }

    /// <summary>The topic codes of these answers (in code order), by answer; an answer without topics is left out.</summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<string>>> OfAsync(CerchioDb db, IReadOnlyCollection<Guid> answerIds, CancellationToken ct)
    {
        var rows = await db.Set<SurveyResponseTopic>().AsNoTracking().Where(IdLists.Contains<SurveyResponseTopic>(answerIds, t => t.ResponseId))
            .Select(t => new { t.ResponseId, t.Code }).ToListAsync(ct);
        return rows.GroupBy(t => t.ResponseId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(t => t.Code).Order(StringComparer.Ordinal).ToList());
    }

    public static async Task<IReadOnlyList<string>> OfAsync(CerchioDb db, Guid answerId, CancellationToken ct) =>
        (await OfAsync(db, [answerId], ct)).GetValueOrDefault(answerId) ?? [];
}
