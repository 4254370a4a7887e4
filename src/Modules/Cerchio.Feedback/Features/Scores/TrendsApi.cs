using Cerchio.Feedback.Contracts;
using Cerchio.Feedback.Features.Surveys;
using Cerchio.Feedback.Features.TextAnalysis;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Feedback.Features.Scores;

/// <summary>Scores and topics over time, for integrators and reports: the numbers the survey page draws.</summary>
internal static class TrendsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/surveys/{surveyId:guid}/trend", SurveyTrendAsync).WithName("GetSurveyTrend")
            .WithSummary("The survey's score per week or month (interval; default: by week up to 120 days) with its 95% margin, and the topics of its comments, over from…to (default: the last 30 days).");
        api.MapGet("/survey-topics", TopicsAsync).WithName("GetSurveyTopics")
            .WithSummary("The topics of all analysed comments per week or month, optionally of one survey or touchpoint: mentions, negatives, and whether each is rising (the last step against the earlier ones, at 95%).");
    }

    private static async Task<Results<Ok<SurveyTrendDto>, ProblemHttpResult, ValidationProblem>> SurveyTrendAsync(
        Guid surveyId, DateOnly? from, DateOnly? to, string? interval, SurveyBook book, SurveyResults results, SurveyTrends trends, TextKnowledge knowledge, Loc l, CancellationToken ct)
    {
        if (await book.FindAsync(surveyId, ct) is not { } survey)
        {
            return ApiResults.NotFound("survey");
        }

        if (await PeriodAsync(from, to, interval, results, ct) is not { } period)
        {
            return Invalid(interval, l);
        }

        var (f, t, monthly) = period;

        var points = await trends.ScoresAsync(survey, f, t, monthly, ct);
        var topics = await TopicsDtoAsync(f, t, new AnswerFilter(survey.Id), monthly, trends, knowledge, ct);
        return TypedResults.Ok(new SurveyTrendDto(
            survey.Id, survey.Kind.ToString().ToLowerInvariant(), f, t, IntervalName(monthly),
            points.Select(p => new TrendPointDto(p.Step.From, p.Step.To, p.Score.Answers, p.Score.Value, p.Score.Margin)).ToList(), topics));
    }

    private static async Task<Results<Ok<TopicTrendsDto>, ValidationProblem>> TopicsAsync(
        DateOnly? from, DateOnly? to, string? interval, Guid? survey, string? touchpoint, SurveyResults results, SurveyTrends trends, TextKnowledge knowledge, Loc l, CancellationToken ct)
    {
        if (await PeriodAsync(from, to, interval, results, ct) is not { } period)
        {
            return Invalid(interval, l);
        }

        var (f, t, monthly) = period;

        var filter = new AnswerFilter(survey, string.IsNullOrWhiteSpace(touchpoint) ? null : touchpoint.Trim());
        return TypedResults.Ok(await TopicsDtoAsync(f, t, filter, monthly, trends, knowledge, ct));
    }

    private static async Task<TopicTrendsDto> TopicsDtoAsync(DateOnly from, DateOnly to, AnswerFilter filter, bool monthly, SurveyTrends trends, TextKnowledge knowledge, CancellationToken ct)
    {
        var trend = await trends.TopicsAsync(from, to, filter, monthly, ct);
        var taxonomy = (await knowledge.TaxonomyAsync(ct)).Topics;
        return new TopicTrendsDto(from, to, IntervalName(monthly), trend.Steps.Select(s => s.From).ToList(), trend.Comments,
            trend.Topics.Select(x => new TopicTrendDto(x.Code, TopicDefinition.NameOf(taxonomy, x.Code), x.Mentions, x.Total, x.Negative, x.Direction.ToString().ToLowerInvariant())).ToList());
    }

    /// <summary>The days and the step, or null when the dates make no period or the interval is neither week nor month.</summary>
    private static async Task<(DateOnly From, DateOnly To, bool Monthly)?> PeriodAsync(DateOnly? from, DateOnly? to, string? interval, SurveyResults results, CancellationToken ct) =>
        SurveyTrends.TryInterval(interval, out var monthly) && await SurveysApi.PeriodAsync(from, to, results, ct) is { } period
            ? (period.From, period.To, monthly ?? SurveyTrends.MonthlyByDefault(period.From, period.To))
            : null;

    private static ValidationProblem Invalid(string? interval, Loc l) => SurveyTrends.TryInterval(interval, out _)
        ? ApiResults.Invalid("from", "Il periodo va da una data a una successiva, per al massimo {0} giorni.", l, SurveysApi.MaxPeriodDays)
        : ApiResults.Invalid("interval", "L'intervallo è week o month.", l);

    private static string IntervalName(bool monthly) => monthly ? "month" : "week";
}
