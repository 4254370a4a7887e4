using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Data.Sweeps;
using Cerchio.Events;
using Cerchio.Feedback.Contracts;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.TextAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cerchio.Feedback.Features.Loops;

/// <summary>
/// What follows an answer, off the respondent's request (the page stays fast): its comment is analysed (sentiment,
/// emotions, topics, with the organization's corrections and topics), the customer's timeline records it, and the
/// close-the-loop rules open its loop. It reads the answer as it is now: a repeated delivery analyses again and finds
/// the loop already there.
/// </summary>
internal sealed class AnswerFollowUp(CerchioDb db, TextKnowledge knowledge, TextAnalyzer analyzer, Loops loops, ICustomerDirectory customers)
    : IModuleEventHandler<SurveyAnswered>
{
    public async Task HandleAsync(SurveyAnswered answered, ModuleEventContext context, CancellationToken ct)
    {
        var answer = await db.Set<SurveyResponse>().FirstOrDefaultAsync(r => r.Id == answered.ResponseId, ct);
        var survey = answer is null ? null : await db.Set<Survey>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == answer.SurveyId, ct);
        if (answer is null || survey is null)
        {
            return;   // the survey was deleted meanwhile
        }

        await AnalyseAsync(answer, ct);
        if (answered.First && answer.CustomerId is { } customerId && answer.Score is { } score)
        {
            customers.RecordOnTimeline(customerId, new TimelineEntry("survey_answered", answer.AnsweredAt ?? answer.UpdatedAt,
                $"{survey.Name}: {survey.Kind.ToString().ToUpperInvariant()} {score}", answer.TouchpointCode, "Sondaggio", null, Surveys.SurveyBook.PathOf(answer.SurveyId)));
        }

        await loops.ApplyRulesAsync(answer, survey.Kind, await loops.SettingsAsync(ct), ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Reads the answer's comment again (after someone corrected how it reads) and applies the loop rules to what it
    /// says now: a comment found negative opens the loop it would have opened. A loop already opened stays.
    /// </summary>
    public async Task ReviewAsync(SurveyResponse answer, SurveyKind kind, CancellationToken ct)
    {
        await AnalyseAsync(answer, ct);
        await loops.ApplyRulesAsync(answer, kind, await loops.SettingsAsync(ct), ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Stores the analysis of the answer's comment (or clears it when the comment went).</summary>
    public async Task AnalyseAsync(SurveyResponse answer, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(answer.Comment))
        {
            (answer.Sentiment, answer.SentimentScore, answer.Emotions) = (null, null, null);
            await AnswerTopics.ReplaceAsync(db, answer, [], ct);
            return;
        }

        var organizationId = await knowledge.PrepareAsync(ct);
        var result = analyzer.Analyze(organizationId, answer.Comment, answer.Language);
        answer.Sentiment = result.Sentiment;
        answer.SentimentScore = result.Score;
        answer.Emotions = Codes(result.Emotions.Select(e => e.Code));
        await AnswerTopics.ReplaceAsync(db, answer, result.Topics.Select(t => t.Code), ct);
    }

    /// <summary>",a,b," (the emotions' stored form, for display); null for none.</summary>
    public static string? Codes(IEnumerable<string> codes)
    {
        var list = codes.ToList();
        return list.Count == 0 ? null : $",{string.Join(',', list)},";
    }

    public static IReadOnlyList<string> CodesOf(string? stored) => (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Escalates the loops left open past their due time, each in its organization and once (safe with several instances).</summary>
internal sealed class EscalateOverdueLoops(IServiceScopeFactory scopes, TimeProvider clock, ILogger<EscalateOverdueLoops> logger) : ISweepPass
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        List<(Guid, Guid)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
            due = (await db.Set<LoopTask>().IgnoreQueryFilters().AsNoTracking()
                    .Where(l => l.Status == LoopStatus.Open && l.EscalatedAt == null && l.DueAt < now)
                    .OrderBy(l => l.DueAt).Take(500).Select(l => new { l.Id, l.OrganizationId }).ToListAsync(ct))
                .Select(l => (l.Id, l.OrganizationId)).ToList();
        }

        return await SweepItems.EachAsync(scopes, due, "Cerchi scaduti",
            (services, id) => services.GetRequiredService<Loops>().EscalateAsync(id, ct), logger, ct);
    }
}
