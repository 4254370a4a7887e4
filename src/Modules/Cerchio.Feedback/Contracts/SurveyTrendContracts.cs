using Cerchio.Text;

namespace Cerchio.Feedback.Contracts;

/// <summary>A survey's score in one step of the series, with its confidence margin.</summary>
public sealed record TrendPoint(PeriodStep Step, ScoreResult Score);

/// <summary>Whether a topic is mentioned more often lately: the last step against the earlier ones, at 95%.</summary>
public enum TrendDirection
{
    Steady = 0,
    Rising = 1,
    Falling = 2,
}

/// <summary>
/// How often analysed comments mention one topic, step by step.
/// </summary>
/// <param name="Mentions">Comments mentioning the topic, per step.</param>
/// <param name="Negative">Of those, the comments read as negative, in the whole period.</param>
public sealed record TopicTrend(string Code, IReadOnlyList<int> Mentions, int Negative, TrendDirection Direction)
{
    public int Total => Mentions.Sum();
}

/// <summary>The analysed comments per step, and the topics they mention.</summary>
public sealed record TopicTrends(IReadOnlyList<PeriodStep> Steps, IReadOnlyList<int> Comments, IReadOnlyList<TopicTrend> Topics);

/// <summary>One step of a survey's trend: its days, answers and score with the 95% margin.</summary>
public sealed record TrendPointDto(DateOnly From, DateOnly To, int Answers, double? Value, double? Margin);

/// <param name="Mentions">Comments mentioning the topic, per step (the steps of <see cref="TopicTrendsDto.Steps"/>).</param>
/// <param name="Direction">rising, falling or steady: the last step's share of comments against the earlier steps', at 95%.</param>
public sealed record TopicTrendDto(string Code, string Name, IReadOnlyList<int> Mentions, int Total, int Negative, string Direction);

/// <param name="Steps">The first day of each step.</param>
/// <param name="Comments">Analysed comments per step.</param>
public sealed record TopicTrendsDto(DateOnly From, DateOnly To, string Interval, IReadOnlyList<DateOnly> Steps, IReadOnlyList<int> Comments, IReadOnlyList<TopicTrendDto> Topics);

public sealed record SurveyTrendDto(Guid SurveyId, string Kind, DateOnly From, DateOnly To, string Interval, IReadOnlyList<TrendPointDto> Points, TopicTrendsDto Topics);
