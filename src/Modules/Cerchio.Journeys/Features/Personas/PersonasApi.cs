using Cerchio.Journeys.Contracts;
using Cerchio.Journeys.Domain;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Journeys.Features.Personas;

internal static class PersonasApi
{
    /// <summary>The photo for the pages (cookie sign-in), at the address <see cref="Personas.PhotoPathOf"/> gives.</summary>
    public static void MapPages(IEndpointRouteBuilder app) =>
        app.MapGet(Personas.ListPath + "/{personaId:guid}/foto",
                async (Guid personaId, Personas personas, HttpContext context, CancellationToken ct) =>
                    await personas.PhotoAsync(personaId, ct) is { } photo ? Personas.Serve(context, photo, versioned: true) : Results.NotFound())
            .RequireAuthorization(Permissions.ViewJourneys).ExcludeFromDescription();

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/personas", ListAsync).WithName("ListPersonas")
            .WithSummary("The organization's personas by name, with how many customers each matches; archived ones only with archived=true.");
        api.MapGet("/personas/{personaId:guid}", GetAsync).WithName("GetPersona").WithSummary("One persona.");
        api.MapGet("/personas/{personaId:guid}/photo", PhotoAsync).WithName("GetPersonaPhoto")
            .WithSummary("The persona's photo (PNG, JPEG or WebP); 404 when it has none.")
            .Produces(StatusCodes.Status200OK, null, "image/png", "image/jpeg", "image/webp");
        api.MapPost("/personas", CreateAsync).WithName("CreatePersona")
            .WithSummary("Adds a persona. match_attribute and match_value tie it to the customers holding that attribute value (both or neither).");
        // No DELETE: journeys point at personas; archive one (archived: true) instead.
        api.MapPut("/personas/{personaId:guid}", UpdateAsync).WithName("UpdatePersona")
            .WithSummary("Replaces the persona's fields (the photo stays as it is); archived: true takes it out of the list.");
    }

    private static async Task<Ok<List<PersonaDto>>> ListAsync(bool? archived, Personas personas, CancellationToken ct)
    {
        var listed = (await personas.ListAsync(ct)).Where(p => archived == true || !p.IsArchived).ToList();
        var counts = await personas.CustomerCountsAsync(listed, ct);
        return TypedResults.Ok(listed.Select(p => Dto(p, counts.TryGetValue(p.Id, out var c) ? c : null)).ToList());
    }

    private static async Task<Results<Ok<PersonaDto>, ProblemHttpResult>> GetAsync(Guid personaId, Personas personas, CancellationToken ct) =>
        await personas.GetAsync(personaId, ct) is { } found ? TypedResults.Ok(Dto(found, await personas.CustomerCountAsync(found, ct))) : ApiResults.NotFound("persona");

    private static async Task<IResult> PhotoAsync(Guid personaId, Personas personas, HttpContext context, CancellationToken ct) =>
        await personas.PhotoAsync(personaId, ct) is { } photo ? Personas.Serve(context, photo, versioned: false) : ApiResults.NotFound("persona photo");

    private static async Task<Results<Created<PersonaDto>, ValidationProblem>> CreateAsync(PersonaInputDto input, Personas personas, Loc l, CancellationToken ct)
    {
        var (saved, errors) = await personas.SaveAsync(null, Input(input), photo: null, ct);
        return errors.Any
            ? ApiResults.Invalid(errors.Renamed(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName), l)
            : TypedResults.Created($"/api/v1/personas/{saved!.Id}", Dto(saved, await personas.CustomerCountAsync(saved, ct)));
    }

    private static async Task<Results<Ok<PersonaDto>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        Guid personaId, PersonaInputDto input, Personas personas, Loc l, CancellationToken ct)
    {
        if (await personas.GetAsync(personaId, ct) is null)
        {
            return ApiResults.NotFound("persona");
        }

        var (saved, errors) = await personas.SaveAsync(personaId, Input(input), photo: null, ct);
        return errors.Any
            ? ApiResults.Invalid(errors.Renamed(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName), l)
            : TypedResults.Ok(Dto(saved!, await personas.CustomerCountAsync(saved!, ct)));
    }

    private static PersonaInput Input(PersonaInputDto d) => new()
    {
        Name = d.Name, Kind = d.Kind, Segment = d.Segment, MatchAttribute = d.MatchAttribute, MatchValue = d.MatchValue, Goals = d.Goals,
        Needs = d.Needs, Frustrations = d.Frustrations, Quote = d.Quote, Archived = d.Archived,
    };

    private static PersonaDto Dto(Persona p, int? customers) => new(
        p.Id, p.Name, PersonaInput.KindOf(p.Kind), p.Segment, p.MatchAttribute, p.MatchValue, customers, p.Goals, p.Needs, p.Frustrations,
        p.Quote, p.PhotoContentType is not null, p.PhotoContentType is not null ? Personas.ApiPhotoPathOf(p.Id) : null, p.IsArchived, p.UpdatedAt);
}
