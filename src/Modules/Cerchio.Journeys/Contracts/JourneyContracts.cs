namespace Cerchio.Journeys.Contracts;

/// <summary>
/// The metric that colours a journey's cards and the values at which a card turns amber and red; all null when none
/// does. For a metric where less is better red sits at or above amber, where more is better at or below it.
/// </summary>
public sealed record JourneyHeatDto(string? Metric, double? Amber, double? Red);

/// <summary>A journey in the list: its stages counted, not shown.</summary>
public sealed record JourneySummaryDto(
    Guid Id, string Code, string Name, string Description, Guid? PersonaId, bool Archived, JourneyHeatDto Heat, int Stages, DateTimeOffset UpdatedAt);

/// <summary>A touchpoint met in a stage, by its catalog code; position orders the cards of a stage from 0.</summary>
public sealed record JourneyCardDto(Guid Id, string Touchpoint, int Position);

/// <summary>
/// A column of the map. phase: "before", "during" or "after" the purchase; position orders the stages of a phase from 0.
/// emotion: the workshop's estimate from −2 to +2, or null.
/// </summary>
public sealed record JourneyStageDto(
    Guid Id, string Name, string Phase, int Position, string CustomerActions, string FrontStage, string BackStage, Guid? BackStageDepartmentId,
    string PainPoints, int? Emotion, IReadOnlyList<JourneyCardDto> Cards);

/// <summary>A journey with its stages in map order (phase, then position), each with its cards in order.</summary>
public sealed record JourneyDto(
    Guid Id, string Code, string Name, string Description, Guid? PersonaId, bool Archived, JourneyHeatDto Heat, DateTimeOffset UpdatedAt,
    IReadOnlyList<JourneyStageDto> Stages);

/// <summary>POST /api/v1/journeys (made with the default stages, empty) and PUT /api/v1/journeys/{id}: every field replaced.</summary>
public sealed record JourneyInputDto(string? Name, string? Description, Guid? PersonaId, bool Archived);

/// <summary>PUT /api/v1/journeys/{id}/heat: a metric key of /api/v1/touchpoints/metrics with both thresholds, or a null metric to clear it.</summary>
public sealed record JourneyHeatInputDto(string? Metric, double? Amber, double? Red);

/// <summary>
/// POST and PUT of a stage: every field replaced. phase: "before", "during" or "after" (a stage moved to another phase
/// joins its end). touchpoints: the codes met in the stage, in order; new ones join at the end, those left out leave.
/// </summary>
public sealed record JourneyStageInputDto(
    string? Name, string? Phase, string? CustomerActions, string? FrontStage, string? BackStage, Guid? BackStageDepartmentId, string? PainPoints,
    int? Emotion, IReadOnlyList<string>? Touchpoints);

/// <summary>PUT /api/v1/journeys/{id}/stages/order: every stage id of the journey once, in the order wanted.</summary>
public sealed record JourneyStageOrderDto(IReadOnlyList<Guid>? StageIds);

/// <summary>POST /api/v1/journeys/{id}/cards/{cardId}/move: to a stage of the same journey at index (from 0; null or past the end: last).</summary>
public sealed record JourneyCardMoveDto(Guid? StageId, int? Index);

/// <summary>A card on the map for the period: heat "none", "green", "amber" or "red"; name is null for a code no longer in the catalog.</summary>
public sealed record JourneyMapCardDto(Guid Id, string Touchpoint, string? Name, string Heat, IReadOnlyList<TouchpointMetricValueDto> Numbers);

public sealed record JourneyMapStageDto(Guid Id, string Name, string Phase, IReadOnlyList<JourneyMapCardDto> Cards);

/// <summary>GET /api/v1/journeys/{id}/map: the stages and cards with each card's numbers for the period and the one before.</summary>
public sealed record JourneyMapDto(
    Guid JourneyId, DateOnly From, DateOnly To, JourneyHeatDto Heat, IReadOnlyList<TouchpointMetricDefinitionDto> Definitions,
    IReadOnlyList<JourneyMapStageDto> Stages);
