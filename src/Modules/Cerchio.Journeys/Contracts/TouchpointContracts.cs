namespace Cerchio.Journeys.Contracts;

/// <summary>A touchpoint of the catalog, as the API shows it.</summary>
public sealed record TouchpointDto(
    string Code, string Name, bool Online, Guid? OwnerDepartmentId, string? OwnerDepartment, string Promise, string MomentsOfTruth, string PainPoints, bool Archived);

/// <summary>POST /api/v1/touchpoints (with its code) and PUT /api/v1/touchpoints/{code} (the code never changes).</summary>
public sealed record TouchpointInputDto(
    string? Code, string? Name, bool Online, Guid? OwnerDepartmentId, string? Promise, string? MomentsOfTruth, string? PainPoints, bool Archived);

/// <summary>Gives the demo company its personas and its default journey, followed by the B2B persona.</summary>
public interface IJourneysDemoData
{
    Task SeedAsync(CancellationToken ct = default);
}
