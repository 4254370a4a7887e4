namespace Cerchio.Journeys.Contracts;

/// <summary>A metric a touchpoint card can show. unit: count, percent, hours (business hours), score.</summary>
public sealed record TouchpointMetricDefinitionDto(string Key, string Label, string Unit, bool HigherIsBetter);

/// <summary>
/// One number of a touchpoint: value over the period and previous over the one before (null when there was nothing to
/// measure it on, such as a median of no answered case), the rows each stands on (basis), and the pages listing them
/// (rows_path for the period, previous_rows_path for the one before; null when the source has no such page).
/// </summary>
public sealed record TouchpointMetricValueDto(
    string Key, double? Value, double? Previous, int Basis, int PreviousBasis, string? RowsPath, string? PreviousRowsPath);

/// <summary>A touchpoint's numbers; name is null for a code no longer in the catalog.</summary>
public sealed record TouchpointMetricsDto(string Code, string? Name, IReadOnlyList<TouchpointMetricValueDto> Metrics);

/// <summary>The customers the numbers count when cut by a persona: those whose custom attribute holds the value.</summary>
public sealed record TouchpointAudienceDto(Guid PersonaId, string Attribute, string Value);

/// <summary>GET /api/v1/touchpoints/metrics and /api/v1/touchpoints/{code}/metrics; audience is null when every customer counts.</summary>
public sealed record TouchpointMetricsReportDto(
    DateOnly From, DateOnly To, DateOnly PreviousFrom, DateOnly PreviousTo,
    IReadOnlyList<TouchpointMetricDefinitionDto> Definitions, IReadOnlyList<TouchpointMetricsDto> Touchpoints,
    TouchpointAudienceDto? Audience = null);
