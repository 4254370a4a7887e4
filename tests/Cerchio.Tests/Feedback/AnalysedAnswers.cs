using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.TextAnalysis;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Feedback;

/// <summary>Answers stored as the follow-up leaves them once their comments are read: a sentiment and topic rows.</summary>
internal static class AnalysedAnswers
{
    /// <summary>The answers' ids, in order; each comment is "Commento" and its id, to find it in exports.</summary>
    /// <param name="answers">Topics: codes separated by commas ("" for none).</param>
    public static Task<List<Guid>> AddAsync(AppFixture app, Guid organizationId, Guid surveyId, params (DateTimeOffset At, int Score, string Sentiment, string Topics)[] answers) =>
        app.InOrganizationAsync(organizationId, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var version = await db.Set<SurveyVersion>().Where(v => v.SurveyId == surveyId).Select(v => v.Id).SingleAsync();
            var ids = new List<Guid>();
            foreach (var a in answers)
            {
                var id = Ids.New();
                var answer = new SurveyResponse
                {
                    Id = id, OrganizationId = organizationId, SurveyId = surveyId, VersionId = version, Channel = "link", Score = a.Score, Comment = CommentOf(id),
                    Sentiment = a.Sentiment, StartedAt = a.At, AnsweredAt = a.At, SubmittedAt = a.At, UpdatedAt = a.At,
                };
                db.Add(answer);
                await AnswerTopics.ReplaceAsync(db, answer, a.Topics.Split(',', StringSplitOptions.RemoveEmptyEntries), default);
                ids.Add(id);
            }

            await db.SaveChangesAsync();
            return ids;
        });

    public static string CommentOf(Guid answerId) => $"Commento {answerId:N}";
}
