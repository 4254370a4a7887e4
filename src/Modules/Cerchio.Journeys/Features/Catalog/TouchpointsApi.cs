using Cerchio.Journeys.Contracts;
using Cerchio.Journeys.Domain;
using Cerchio.Organizations.Contracts;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Journeys.Features.Catalog;

internal static class TouchpointsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/touchpoints", ListAsync).WithName("ListTouchpoints")
            .WithSummary("The organization's touchpoint catalog in its order; archived ones only with archived=true.");
        api.MapGet("/touchpoints/{code}", GetAsync).WithName("GetTouchpoint")
            .WithSummary("One touchpoint by its code, with how many cases, events and map cards name it (references).");
        api.MapPost("/touchpoints", CreateAsync).WithName("CreateTouchpoint").WithSummary("Adds a touchpoint with a new code (lowercase letters, digits, hyphens).");
        // No DELETE: cases, events and answers point at the code; archive it (archived: true) instead.
        api.MapPut("/touchpoints/{code}", UpdateAsync).WithName("UpdateTouchpoint")
            .WithSummary("Replaces the touchpoint's fields; the code stays. archived: true takes it out of the lists cases and events choose from.");
    }

    private static async Task<Ok<List<TouchpointDto>>> ListAsync(bool? archived, TouchpointCatalog catalog, IOrganizationDirectory directory, CancellationToken ct)
    {
        var names = await NamesAsync(directory, ct);
        return TypedResults.Ok((await catalog.AllAsync(ct)).Where(t => archived == true || !t.IsArchived).Select(t => Dto(t, names)).ToList());
    }

    private static async Task<Results<Ok<TouchpointDto>, ProblemHttpResult>> GetAsync(
        string code, TouchpointCatalog catalog, IOrganizationDirectory directory, TouchpointReferenceCounts references, CancellationToken ct)
    {
        if (await catalog.GetAsync(code, ct) is not { } found)
        {
            return ApiResults.NotFound("touchpoint");
        }

        return TypedResults.Ok(Dto(found, await NamesAsync(directory, ct)) with
        {
            References = TouchpointReferenceCounts.ByKey(await references.CountAsync(found.Code, ct)),
        });
    }

    private static async Task<Results<Created<TouchpointDto>, ValidationProblem>> CreateAsync(
        TouchpointInputDto input, TouchpointCatalog catalog, IOrganizationDirectory directory, Loc l, CancellationToken ct)
    {
        var (saved, errors) = await catalog.SaveAsync(null, Input(input), ct);
        return errors.Any
            ? ApiResults.Invalid(errors.Renamed(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName), l)
            : TypedResults.Created($"/api/v1/touchpoints/{saved!.Code}", Dto(saved, await NamesAsync(directory, ct)));
    }

    private static async Task<Results<Ok<TouchpointDto>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        string code, TouchpointInputDto input, TouchpointCatalog catalog, IOrganizationDirectory directory, Loc l, CancellationToken ct)
    {
        if (await catalog.GetAsync(code, ct) is not { } found)
        {
            return ApiResults.NotFound("touchpoint");
        }

        var (saved, errors) = await catalog.SaveAsync(found.Code, Input(input), ct);
        return errors.Any
            ? ApiResults.Invalid(errors.Renamed(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName), l)
            : TypedResults.Ok(Dto(saved!, await NamesAsync(directory, ct)));
    }

    private static TouchpointInput Input(TouchpointInputDto d) => new()
    {
        Code = d.Code, Name = d.Name, Online = d.Online, OwnerDepartmentId = d.OwnerDepartmentId, Promise = d.Promise,
        MomentsOfTruth = d.MomentsOfTruth, PainPoints = d.PainPoints, Archived = d.Archived,
    };

    private static async Task<Dictionary<Guid, string>> NamesAsync(IOrganizationDirectory directory, CancellationToken ct) =>
        (await directory.DepartmentsAsync(ct)).ToDictionary(d => d.Id, d => d.Name);

    private static TouchpointDto Dto(Touchpoint t, Dictionary<Guid, string> departments) => new(
        t.Code, t.Name, t.Online, t.OwnerDepartmentId, t.OwnerDepartmentId is { } d ? departments.GetValueOrDefault(d) : null,
        t.Promise, t.MomentsOfTruth, t.PainPoints, t.IsArchived);
}
