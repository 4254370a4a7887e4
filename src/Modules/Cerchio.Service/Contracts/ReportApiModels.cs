namespace Cerchio.Service.Contracts;

/// <summary>
/// GET /api/v1/reports/service: the desk's metrics over the cases opened from <c>From</c> to <c>To</c> (days included,
/// Italian time), overall, per group of <c>GroupBy</c>, per week or month (<c>Interval</c>), and the hand-offs asked
/// of each department. Durations are business minutes of the organization's calendar; shares are percentages, null
/// when no case qualifies.
/// </summary>
public sealed record ServiceReportDto(
    DateOnly From, DateOnly To, string GroupBy, string Interval, ServiceMetricsDto Overall, IReadOnlyList<ServiceReportGroupDto> Groups,
    IReadOnlyList<ServiceReportPointDto> Series, IReadOnlyList<DepartmentHandOffsDto> HandOffs);

/// <summary>
/// Cases: opened in the period. Responded/Resolved: with a first public answer / resolved now. Reopened: reopened at
/// least once, out of EverResolved. FirstContactResolved: resolved, never reopened, at most one public answer.
/// SlaMet/SlaMissed: both targets met / one missed; open cases still in time are in neither.
/// </summary>
public sealed record ServiceMetricsDto(
    int Cases, int Responded, int Resolved, int EverResolved, int Reopened, int FirstContactResolved, int SlaMet, int SlaMissed,
    DurationDto FirstResponse, DurationDto Resolution, double? FirstContactResolutionRate, double? ReopenRate, double? SlaCompliance);

/// <summary>Business minutes over <c>Count</c> cases; null without any.</summary>
public sealed record DurationDto(int Count, double? AverageMinutes, double? MedianMinutes);

/// <summary>Key: a person's or department's id, an API name (channel, type, priority), a touchpoint code; "none" for cases without one.</summary>
public sealed record ServiceReportGroupDto(string Key, string Name, ServiceMetricsDto Metrics);

public sealed record ServiceReportPointDto(DateOnly From, DateOnly To, ServiceMetricsDto Metrics);

/// <summary>Hand-offs asked in the period; Late: answered after the due time, or still open past it; AnswerTime: business minutes of the answered ones.</summary>
public sealed record DepartmentHandOffsDto(Guid DepartmentId, string Name, int Requested, int Answered, int Late, DurationDto AnswerTime);
