using System.Text.Json;
using Cerchio.Journeys.Contracts;
using Cerchio.Journeys.Domain;
using Cerchio.Journeys.Features.Metrics;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Journeys.Features.Maps;

/// <summary>
/// Journeys, their stages and cards, and the map's live numbers. Every rule is <see cref="JourneyBook"/>'s (the
/// pages' too); this only checks that the ids in the address belong to the journey before asking it.
/// </summary>
internal static class JourneysApi
{
    private const string One = "/journeys/{journeyId:guid}";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/journeys", ListAsync).WithName("ListJourneys")
            .WithSummary("The organization's journeys, active ones first, with their stage counts; archived ones only with archived=true. "
                + "The first look makes the default journey (Cliente B2B, seven stages with the default touchpoints).");
        api.MapGet(One, GetAsync).WithName("GetJourney").WithSummary("One journey with its stages in map order and the cards of each.");
        api.MapGet(One + "/map", ReadMapAsync).WithName("GetJourneyMap")
            .WithSummary("The map's live numbers: per stage, per card, every number measured on its touchpoint (as /touchpoints/metrics) "
                + "and its heat level (none, green, amber, red) by the journey's heat metric. from/to: days (yyyy-MM-dd, the organization's "
                + "time zone), both included; default the last 30 days to today; at most 366 days.");
        api.MapPost("/journeys", CreateAsync).WithName("CreateJourney").WithSummary("Adds a journey with the default stages, empty.");
        // No DELETE: share links and exports point at journeys; archive one (archived: true) instead.
        api.MapPut(One, UpdateAsync).WithName("UpdateJourney")
            .WithSummary("Replaces the journey's name, description, persona and archived flag; stages and heat stay.");
        api.MapPut(One + "/heat", HeatAsync).WithName("UpdateJourneyHeat")
            .WithSummary("Sets the metric that colours the cards (a key of /touchpoints/metrics) with its amber and red thresholds; a null metric clears it.");
        api.MapGet(One + "/stages/{stageId:guid}", GetStageAsync).WithName("GetJourneyStage").WithSummary("One stage of the journey with its cards.");
        api.MapPost(One + "/stages", CreateStageAsync).WithName("CreateJourneyStage")
            .WithSummary("Adds a stage at the end of its phase, with the touchpoints met in it (codes of the catalog); 15 stages at most.");
        api.MapPut(One + "/stages/{stageId:guid}", UpdateStageAsync).WithName("UpdateJourneyStage")
            .WithSummary("Replaces the stage's fields; touchpoints: new codes join at the end, those left out leave, the others keep their place.");
        api.MapDelete(One + "/stages/{stageId:guid}", DeleteStageAsync).WithName("DeleteJourneyStage")
            .WithSummary("Removes the stage and its cards; the journey's last stage is refused (400).");
        api.MapPut(One + "/stages/order", ReorderStagesAsync).WithName("ReorderJourneyStages")
            .WithSummary("Puts the journey's stages in the order given: stage_ids lists every stage once, each phase's together (before, during, after). "
                + "A duplicate or a mixed-up phase is refused (400); a list that leaves out a stage or names one the journey does not have "
                + "(the map changed since it was read) is a conflict (409); both name the field.");
        api.MapPost(One + "/cards/{cardId:guid}/move", MoveCardAsync).WithName("MoveJourneyCard")
            .WithSummary("Moves a card to a stage of the same journey (or within its own) at index; refused (400) into a stage already holding that touchpoint.");
    }

    private static async Task<Ok<List<JourneySummaryDto>>> ListAsync(bool? archived, JourneyBook book, CancellationToken ct)
    {
        var journeys = await book.ListAsync(ct);
        var stages = await book.StageCountsAsync(ct);
        return TypedResults.Ok(journeys.Where(j => archived == true || !j.IsArchived)
            .Select(j => new JourneySummaryDto(j.Id, j.Code, j.Name, j.Description, j.PersonaId, j.IsArchived, Heat(j), stages.GetValueOrDefault(j.Id), j.UpdatedAt))
            .ToList());
    }

    private static async Task<Results<Ok<JourneyDto>, ProblemHttpResult>> GetAsync(Guid journeyId, JourneyBook book, CancellationToken ct) =>
        await book.MapAsync(journeyId, ct) is { } map ? TypedResults.Ok(Dto(map)) : ApiResults.NotFound("journey");

    private static async Task<Results<Ok<JourneyMapDto>, ProblemHttpResult, ValidationProblem>> ReadMapAsync(
        Guid journeyId, string? from, string? to, JourneyBook book, JourneyMapReader reader, TouchpointMetrics metrics, Loc l, CancellationToken ct)
    {
        var errors = new Errors();
        if (await TouchpointMetricsApi.PeriodAsync(from, to, metrics, errors, ct) is not { } days)
        {
            // An unknown journey is not found, whatever the period says.
            return await book.MapAsync(journeyId, ct) is null ? ApiResults.NotFound("journey") : ApiResults.Invalid(errors, l);
        }

        if (await reader.ReadAsync(journeyId, days.From, days.To, ct) is not { } view)
        {
            return ApiResults.NotFound("journey");
        }

        return TypedResults.Ok(new JourneyMapDto(
            view.Journey.Id, view.From, view.To, Heat(view.Journey), view.Metrics.Select(m => TouchpointMetricsApi.Definition(m, l)).ToList(),
            view.Stages.Select(s => new JourneyMapStageDto(s.Stage.Id, s.Stage.Name, PhaseName(s.Stage.Phase),
                s.Cards.Select(c => new JourneyMapCardDto(c.Card.Id, c.Card.TouchpointCode, c.Touchpoint?.Name, HeatName(c.Heat),
                    c.Numbers.Select(TouchpointMetricsApi.Value).ToList())).ToList())).ToList()));
    }

    private static async Task<Results<Created<JourneyDto>, ValidationProblem>> CreateAsync(JourneyInputDto input, JourneyBook book, Loc l, CancellationToken ct)
    {
        var (saved, errors) = await book.SaveAsync(null, Input(input), ct);
        return errors.Any
            ? ApiResults.Invalid(errors.Renamed(Field), l)
            : TypedResults.Created($"/api/v1/journeys/{saved!.Id}", Dto((await book.MapAsync(saved.Id, ct))!));
    }

    private static async Task<Results<Ok<JourneyDto>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        Guid journeyId, JourneyInputDto input, JourneyBook book, Loc l, CancellationToken ct)
    {
        if (await book.MapAsync(journeyId, ct) is null)
        {
            return ApiResults.NotFound("journey");
        }

        var (_, errors) = await book.SaveAsync(journeyId, Input(input), ct);
        return errors.Any ? ApiResults.Invalid(errors.Renamed(Field), l) : TypedResults.Ok(Dto((await book.MapAsync(journeyId, ct))!));
    }

    private static async Task<Results<Ok<JourneyDto>, ProblemHttpResult, ValidationProblem>> HeatAsync(
        Guid journeyId, JourneyHeatInputDto input, JourneyBook book, JourneyMapReader reader, Loc l, CancellationToken ct)
    {
        if (await book.MapAsync(journeyId, ct) is null)
        {
            return ApiResults.NotFound("journey");
        }

        var errors = await book.SaveHeatAsync(journeyId, new HeatInput { Metric = input.Metric, Amber = input.Amber, Red = input.Red }, reader.Metrics, ct);
        // The book names the fields as the map's form does (HeatMetric…); here they are the body's (metric, amber, red).
        return errors.Any
            ? ApiResults.Invalid(errors.Renamed(k => Field(k.StartsWith("Heat", StringComparison.Ordinal) ? k["Heat".Length..] : k)), l)
            : TypedResults.Ok(Dto((await book.MapAsync(journeyId, ct))!));
    }

    private static async Task<Results<Ok<JourneyStageDto>, ProblemHttpResult>> GetStageAsync(Guid journeyId, Guid stageId, JourneyBook book, CancellationToken ct) =>
        await book.MapAsync(journeyId, ct) is { } map && map.Stages.FirstOrDefault(s => s.Id == stageId) is { } stage
            ? TypedResults.Ok(StageDto(stage, map))
            : ApiResults.NotFound("stage");

    private static async Task<Results<Created<JourneyStageDto>, ProblemHttpResult, ValidationProblem>> CreateStageAsync(
        Guid journeyId, JourneyStageInputDto input, JourneyBook book, Loc l, CancellationToken ct)
    {
        if (await book.MapAsync(journeyId, ct) is null)
        {
            return ApiResults.NotFound("journey");
        }

        var (saved, errors) = await book.SaveStageAsync(journeyId, null, StageInputOf(input), ct);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors.Renamed(Field), l);
        }

        var map = (await book.MapAsync(journeyId, ct))!;
        return TypedResults.Created($"/api/v1/journeys/{journeyId}/stages/{saved!.Id}", StageDto(map.Stages.Single(s => s.Id == saved.Id), map));
    }

    private static async Task<Results<Ok<JourneyStageDto>, ProblemHttpResult, ValidationProblem>> UpdateStageAsync(
        Guid journeyId, Guid stageId, JourneyStageInputDto input, JourneyBook book, Loc l, CancellationToken ct)
    {
        // The book adds a stage for an id it does not find: an id of another journey must answer 404 first.
        if (await book.MapAsync(journeyId, ct) is not { } before || before.Stages.All(s => s.Id != stageId))
        {
            return ApiResults.NotFound("stage");
        }

        var (_, errors) = await book.SaveStageAsync(journeyId, stageId, StageInputOf(input), ct);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors.Renamed(Field), l);
        }

        var map = (await book.MapAsync(journeyId, ct))!;
        return TypedResults.Ok(StageDto(map.Stages.Single(s => s.Id == stageId), map));
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> DeleteStageAsync(
        Guid journeyId, Guid stageId, JourneyBook book, Loc l, CancellationToken ct)
    {
        if (await book.MapAsync(journeyId, ct) is not { } map || map.Stages.All(s => s.Id != stageId))
        {
            return ApiResults.NotFound("stage");
        }

        var errors = await book.RemoveStageAsync(journeyId, stageId, ct);
        return errors.Any ? ApiResults.Invalid(errors.Renamed(Field), l) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<JourneyDto>, ProblemHttpResult, ValidationProblem>> ReorderStagesAsync(
        Guid journeyId, JourneyStageOrderDto input, JourneyBook book, Loc l, CancellationToken ct)
    {
        if (await book.MapAsync(journeyId, ct) is null)
        {
            return ApiResults.NotFound("journey");
        }

        var (errors, stale) = await book.ReorderStagesAsync(journeyId, input.StageIds, ct);
        if (!errors.Any)
        {
            return TypedResults.Ok(Dto((await book.MapAsync(journeyId, ct))!));
        }

        return stale ? ApiResults.Conflict(errors.Renamed(Field), l) : ApiResults.Invalid(errors.Renamed(Field), l);
    }

    private static async Task<Results<Ok<JourneyDto>, ProblemHttpResult, ValidationProblem>> MoveCardAsync(
        Guid journeyId, Guid cardId, JourneyCardMoveDto input, JourneyBook book, Loc l, CancellationToken ct)
    {
        if (await book.MapAsync(journeyId, ct) is not { } map || map.Cards.All(c => c.Id != cardId))
        {
            return ApiResults.NotFound("card");
        }

        if (input.StageId is not { } stageId || map.Stages.All(s => s.Id != stageId))
        {
            return ApiResults.Invalid("stage_id", "Scegli una fase di questo viaggio.", l);
        }

        // Card and stage are there: what the book can still refuse is a stage that already holds the touchpoint.
        var errors = await book.MoveCardAsync(journeyId, cardId, stageId, input.Index ?? int.MaxValue, ct);
        return errors.Any
            ? ApiResults.Invalid(errors.Renamed(k => k == "Card" ? "stage_id" : Field(k)), l)
            : TypedResults.Ok(Dto((await book.MapAsync(journeyId, ct))!));
    }

    private static string Field(string key) => JsonNamingPolicy.SnakeCaseLower.ConvertName(key);

    private static JourneyInput Input(JourneyInputDto d) => new() { Name = d.Name, Description = d.Description, PersonaId = d.PersonaId, Archived = d.Archived };

    private static StageInput StageInputOf(JourneyStageInputDto d) => new()
    {
        // A phase the API does not know stays undefined, so the book refuses it on its field.
        Name = d.Name, Phase = PhaseOf(d.Phase) ?? default, CustomerActions = d.CustomerActions, FrontStage = d.FrontStage, BackStage = d.BackStage,
        BackStageDepartmentId = d.BackStageDepartmentId, PainPoints = d.PainPoints, Emotion = d.Emotion, Touchpoints = d.Touchpoints?.ToList() ?? [],
    };

    private static string PhaseName(JourneyPhase phase) => phase switch
    {
        JourneyPhase.Before => "before",
        JourneyPhase.During => "during",
        _ => "after",
    };

    private static JourneyPhase? PhaseOf(string? name) => Enum.GetValues<JourneyPhase>().Where(p => PhaseName(p) == name?.Trim()).Select(p => (JourneyPhase?)p).FirstOrDefault();

    private static string HeatName(HeatLevel level) => level switch
    {
        HeatLevel.Green => "green",
        HeatLevel.Amber => "amber",
        HeatLevel.Red => "red",
        _ => "none",
    };

    private static JourneyHeatDto Heat(Journey j) => new(j.HeatMetric, j.HeatAmber, j.HeatRed);

    private static JourneyDto Dto(JourneyMap map) => new(
        map.Journey.Id, map.Journey.Code, map.Journey.Name, map.Journey.Description, map.Journey.PersonaId, map.Journey.IsArchived, Heat(map.Journey),
        map.Journey.UpdatedAt, map.Stages.Select(s => StageDto(s, map)).ToList());

    private static JourneyStageDto StageDto(JourneyStage s, JourneyMap map) => new(
        s.Id, s.Name, PhaseName(s.Phase), s.Position, s.CustomerActions, s.FrontStage, s.BackStage, s.BackStageDepartmentId, s.PainPoints, s.Emotion,
        map.CardsOf(s).Select(c => new JourneyCardDto(c.Id, c.TouchpointCode, c.Position)).ToList());
}
