using System.Text.Json.Serialization;

namespace Cerchio.Journeys.Contracts;

/// <summary>A touchpoint of the catalog, as the API shows it.</summary>
/// <param name="References">
/// GET /api/v1/touchpoints/{code} only: how many records name the code, by kind ("cases" not merged, "events" sent by
/// other systems, "cards" on journey maps). Archiving keeps them all; the list leaves it out (it would count every code).
/// </param>
public sealed record TouchpointDto(
    string Code, string Name, bool Online, Guid? OwnerDepartmentId, string? OwnerDepartment, string Promise, string MomentsOfTruth, string PainPoints, bool Archived,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, int>? References = null);

/// <summary>POST /api/v1/touchpoints (with its code) and PUT /api/v1/touchpoints/{code} (the code never changes).</summary>
public sealed record TouchpointInputDto(
    string? Code, string? Name, bool Online, Guid? OwnerDepartmentId, string? Promise, string? MomentsOfTruth, string? PainPoints, bool Archived);

/// <summary>Gives the demo company its personas and its default journey, followed by the B2B persona.</summary>
public interface IJourneysDemoData
{
    Task SeedAsync(CancellationToken ct = default);
}
