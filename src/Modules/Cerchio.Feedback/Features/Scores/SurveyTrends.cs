using Cerchio.Feedback.Contracts;
using Cerchio.Feedback.Domain;
using Cerchio.Text;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Feedback.Features.Scores;

/// <summary>
/// Scores and topics over time, by week or by month in the organization's time zone: each series is one GROUP BY on
/// the database (step × score; step × topic × sentiment over the topic rows), never the answers read one by one.
/// </summary>
internal sealed class SurveyTrends(SurveyResults results, IOrganizationTimeZone zone)
{
    /// <summary>Up to this many days a period is drawn by week; longer ones by month.</summary>
    public const int WeeklyUpToDays = 120;

    public static bool MonthlyByDefault(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber + 1 > WeeklyUpToDays;

    /// <summary>The step asked for, "week" or "month" (the page's and the API's word); null for the default; false when it is neither.</summary>
    public static bool TryInterval(string? interval, out bool? monthly)
    {
        (var known, monthly) = interval?.Trim().ToLowerInvariant() switch
        {
            null or "" => (true, (bool?)null),
            "week" => (true, false),
            "month" => (true, true),
            _ => (false, null),
        };
        return known;
    }

    private async Task<IReadOnlyList<PeriodStep>> StepsAsync(DateOnly from, DateOnly to, bool monthly, CancellationToken ct = default) =>
        PeriodSteps.Of(from, to, monthly, await zone.GetAsync(ct));

    public async Task<List<TrendPoint>> ScoresAsync(Survey survey, DateOnly from, DateOnly to, bool monthly, CancellationToken ct = default)
    {
        var steps = await StepsAsync(from, to, monthly, ct);
        var counts = await (await results.AnsweredAsync(from, to, ct)).Where(r => r.SurveyId == survey.Id)
            .GroupBy(PeriodSteps.Keyed(steps, (SurveyResponse r) => r.AnsweredAt, (r, step) => new { Step = step, Score = r.Score!.Value }))
            .Select(g => new { g.Key.Step, g.Key.Score, Count = g.Count() })
            .ToListAsync(ct);
        var tallies = steps.Select(_ => new ScoreTally(survey.Kind)).ToArray();
        foreach (var c in counts)
        {
            tallies[c.Step].Add(c.Score, c.Count);
        }

        return steps.Select((s, i) => new TrendPoint(s, tallies[i].Result())).ToList();
    }

    /// <summary>The topics of the period's analysed comments that pass the filter, the most mentioned first.</summary>
    public async Task<TopicTrends> TopicsAsync(DateOnly from, DateOnly to, AnswerFilter filter, bool monthly, CancellationToken ct = default)
    {
        var steps = await StepsAsync(from, to, monthly, ct);
        var analysed = (await results.FilteredAsync(from, to, filter, ct)).Where(r => r.Sentiment != null);
        var perStep = await analysed.GroupBy(PeriodSteps.IndexOf(steps, (SurveyResponse r) => r.AnsweredAt))
            .Select(g => new { Step = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var comments = new int[steps.Count];
        foreach (var s in perStep)
        {
            comments[s.Step] = s.Count;
        }

        // Their topics, counted by step, topic and sentiment from the topic rows.
        var groups = await (await results.TopicsAsync(from, to, filter, ct))
            .GroupBy(PeriodSteps.Keyed(steps, (SurveyResponseTopic t) => t.AnsweredAt, (t, step) => new { Step = step, t.Code, t.Sentiment }))
            .Select(g => new { g.Key.Step, g.Key.Code, g.Key.Sentiment, Count = g.Count() })
            .ToListAsync(ct);
        var mentions = new Dictionary<string, (int[] PerStep, int Negative)>();
        foreach (var g in groups)
        {
            var (counts, negative) = mentions.TryGetValue(g.Code, out var m) ? m : (new int[steps.Count], 0);
            counts[g.Step] += g.Count;
            mentions[g.Code] = (counts, negative + (g.Sentiment == "negative" ? g.Count : 0));
        }

        var topics = mentions
            .Select(m => new TopicTrend(m.Key, m.Value.PerStep, m.Value.Negative, DirectionOf(m.Value.PerStep, comments)))
            .OrderByDescending(t => t.Total).ThenBy(t => t.Code, StringComparer.Ordinal)
            .ToList();
        return new TopicTrends(steps, comments, topics);
    }

    /// <summary>
    /// The share of comments mentioning the topic in the last step against the earlier steps together, by a
    /// two-proportion z-test at 95%: a change the numbers cannot tell from chance stays steady. The test's normal
    /// approximation holds only with at least five expected comments with and without the topic on each side; with
    /// fewer, nothing is claimed.
    /// </summary>
    public static TrendDirection DirectionOf(IReadOnlyList<int> mentions, IReadOnlyList<int> comments)
    {
        if (mentions.Count < 2)
        {
            return TrendDirection.Steady;
        }

        var (lastMentions, lastComments) = (mentions[^1], comments[^1]);
        var (earlierMentions, earlierComments) = (mentions.Take(mentions.Count - 1).Sum(), comments.Take(comments.Count - 1).Sum());
        var pooled = lastComments + earlierComments == 0 ? 0 : (double)(lastMentions + earlierMentions) / (lastComments + earlierComments);
        const double expected = 5;
        if (Math.Min(lastComments, earlierComments) * Math.Min(pooled, 1 - pooled) < expected)
        {
            return TrendDirection.Steady;
        }

        var error = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / lastComments) + (1.0 / earlierComments)));
        if (error == 0)
        {
            return TrendDirection.Steady;
        }

        var z = (((double)lastMentions / lastComments) - ((double)earlierMentions / earlierComments)) / error;
        return z >= 1.96 ? TrendDirection.Rising : z <= -1.96 ? TrendDirection.Falling : TrendDirection.Steady;
    }
}
