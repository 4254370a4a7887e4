namespace Cerchio.Journeys.Contracts;

/// <summary>A persona as the API shows it. The photo is not in it: has_photo says whether there is one, photo_url where to get it.</summary>
/// <param name="Kind">"b2b" (companies) or "b2c" (consumers).</param>
/// <param name="MatchAttribute">The customer attribute that marks a customer as this persona (with <paramref name="MatchValue"/>); null when none does.</param>
/// <param name="MatchedCustomers">How many customers hold that attribute value now; null without an attribute.</param>
public sealed record PersonaDto(
    Guid Id, string Name, string Kind, string Segment, string? MatchAttribute, string? MatchValue, int? MatchedCustomers,
    string Goals, string Needs, string Frustrations, string Quote, bool HasPhoto, string? PhotoUrl, bool Archived, DateTimeOffset UpdatedAt);

/// <summary>POST /api/v1/personas and PUT /api/v1/personas/{id}: every field replaced; the photo is kept as it is.</summary>
/// <param name="Kind">"b2b" (default) or "b2c".</param>
public sealed record PersonaInputDto(
    string? Name, string? Kind, string? Segment, string? MatchAttribute, string? MatchValue, string? Goals, string? Needs, string? Frustrations,
    string? Quote, bool Archived);
