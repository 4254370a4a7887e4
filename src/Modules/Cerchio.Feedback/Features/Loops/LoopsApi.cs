using Cerchio.Feedback.Contracts;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.Scores;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Feedback.Features.Loops;

internal static class LoopsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/loops", ListAsync).WithName("ListLoops")
            .WithSummary("Loops to close: state open (default, most urgent first), overdue, closed or all; optionally of one department, touchpoint or customer.");
        api.MapGet("/loops/{number:int}", GetAsync).WithName("GetLoop").WithSummary("One loop, with the answer behind it and what was done.");
        api.MapPost("/loops/{number:int}/activities", LogAsync).WithName("LogLoopActivity")
            .WithSummary("Logs a call (reached true or false) or a note, or writes to the customer: kind email sends text (and subject) through the outbox.");
        api.MapPost("/loops/{number:int}/close", CloseAsync).WithName("CloseLoop")
            .WithSummary("Closes the loop with its outcome (solved, not_solved, compensated, not_reachable) and root cause (id or name); resurvey_in_days (0–60) asks the customer the same survey again that many days later.");
        api.MapPost("/loops/{number:int}/reopen", ReopenAsync).WithName("ReopenLoop").WithSummary("Opens a closed loop again; its due time stays the first one.");
        api.MapGet("/loop-root-causes", RootCausesAsync).WithName("ListLoopRootCauses").WithSummary("The organization's root causes (the defaults until it adds its own).");
        api.MapPost("/loop-root-causes", AddRootCauseAsync).WithName("AddLoopRootCause").WithSummary("Adds a root cause, optionally tied to a touchpoint; an existing name returns that one.");
        api.MapGet("/loop-closure", ClosureAsync).WithName("GetLoopClosure")
            .WithSummary("Loops opened over from…to (default: the last 30 days): closure rate within the SLA and median hours to close, overall, per department and per touchpoint.");
        api.MapGet("/loop-rules", RulesAsync).WithName("GetLoopRules").WithSummary("Which answers open a loop, and the working hours to close it in.");
        api.MapPut("/loop-rules", SaveRulesAsync).WithName("SetLoopRules")
            .WithSummary("Sets which answers open a loop (scores at or below nps_up_to, csat_up_to, ces_up_to, null for never; negative_comment) and sla_hours (1–720 working hours); reopen_case opens a resolved case again when the answer to its survey opens a loop.");
    }

    public static LoopDto Dto(LoopView v, IReadOnlyList<LoopActivity>? activities, DateTimeOffset now) => new(
        v.Loop.Number, v.Loop.Id, v.Loop.Status.ToString().ToLowerInvariant(), v.Loop.Reasons.Split(',', StringSplitOptions.RemoveEmptyEntries), v.Loop.Score, v.Answer.Comment,
        v.Answer.Sentiment, v.Topics, v.Loop.SurveyId, v.Loop.ResponseId, v.Loop.CustomerId, v.Loop.Name, v.Loop.Email, v.Loop.CaseNumber,
        v.Loop.TouchpointCode, v.Loop.DepartmentId, v.Department, v.Loop.OpenedAt, v.Loop.DueAt, v.Loop.IsOverdue(now), v.Loop.EscalatedAt, v.Loop.Outcome, v.RootCause,
        v.Loop.Note, v.Loop.ClosedAt, v.Loop.ClosedByName,
        activities?.Select(a => new LoopActivityDto(a.Kind, a.Reached, a.Text, a.ByName, a.At)).ToList());

    private static async Task<Results<Ok<Cerchio.Paging.Page<LoopDto>>, ValidationProblem>> ListAsync(
        string? state, Guid? department, string? touchpoint, Guid? customer, int? page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page_size")] int? pageSize,
        Loops loops, TimeProvider clock, Loc l, CancellationToken ct)
    {
        if (state is not (null or "open" or "overdue" or "closed" or "all"))
        {
            return ApiResults.Invalid("state", "Lo stato è open, overdue, closed o all.", l);
        }

        var (number, size) = (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 50, 1, 200));
        var (rows, total) = await loops.ListAsync(new LoopFilter(state, department, touchpoint, customer), (number - 1) * size, size, ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new Cerchio.Paging.Page<LoopDto>(rows.Select(r => Dto(r, null, now)).ToList(), number, size, total));
    }

    private static async Task<Results<Ok<LoopDto>, ProblemHttpResult>> GetAsync(int number, Loops loops, TimeProvider clock, CancellationToken ct) =>
        await LoadAsync(number, loops, clock, ct) is { } dto ? TypedResults.Ok(dto) : ApiResults.NotFound("loop");

    private static async Task<LoopDto?> LoadAsync(int number, Loops loops, TimeProvider clock, CancellationToken ct) =>
        await loops.FindAsync(number, ct) is { } v ? Dto(v, await loops.ActivitiesAsync(v.Loop.Id, ct), clock.GetUtcNow()) : null;

    private static async Task<Results<Created<LoopActivityDto>, ProblemHttpResult, ValidationProblem>> LogAsync(int number, LoopActivityInputDto input, Loops loops, Loc l, CancellationToken ct)
    {
        var (activity, errors) = await loops.LogAsync(number, input.Kind, input.Reached, input.Text, input.Subject, ct);
        if (errors.For("Loop").Count > 0)
        {
            return ApiResults.NotFound("loop");
        }

        return errors.Any
            ? Invalid(errors, l)
            : TypedResults.Created($"/api/v1/loops/{number}", new LoopActivityDto(activity!.Kind, activity.Reached, activity.Text, activity.ByName, activity.At));
    }

    private static async Task<Results<Ok<LoopDto>, ProblemHttpResult, ValidationProblem>> CloseAsync(int number, LoopCloseDto input, Loops loops, TimeProvider clock, Loc l, CancellationToken ct)
    {
        var (loop, errors) = await loops.CloseAsync(number, input.Outcome, input.RootCause, input.Note, input.ResurveyInDays, ct);
        if (loop is null)
        {
            return ApiResults.NotFound("loop");
        }

        if (errors.For("Status").Count > 0)
        {
            return ApiResults.Conflict(errors, l);
        }

        return errors.Any ? Invalid(errors, l) : TypedResults.Ok((await LoadAsync(number, loops, clock, ct))!);
    }

    private static async Task<Results<Ok<LoopDto>, ProblemHttpResult>> ReopenAsync(int number, Loops loops, TimeProvider clock, Loc l, CancellationToken ct) =>
        await loops.ReopenAsync(number, ct) switch
        {
            null => ApiResults.NotFound("loop"),
            false => ApiResults.Conflict(new Errors().Add("Status", "Il cerchio è ancora aperto."), l),
            true => TypedResults.Ok((await LoadAsync(number, loops, clock, ct))!),
        };

    private static async Task<Ok<List<LoopRootCauseDto>>> RootCausesAsync(Loops loops, CancellationToken ct) =>
        TypedResults.Ok((await loops.RootCausesAsync(ct)).Select(c => new LoopRootCauseDto(c.Id, c.Name, c.TouchpointCode)).ToList());

    private static async Task<Results<Created<LoopRootCauseDto>, ValidationProblem>> AddRootCauseAsync(LoopRootCauseDto input, Loops loops, Loc l, CancellationToken ct)
    {
        var (cause, errors) = await loops.SaveRootCauseAsync(input.Name, input.Touchpoint, ct);
        return errors.Any ? Invalid(errors, l) : TypedResults.Created("/api/v1/loop-root-causes", new LoopRootCauseDto(cause!.Id, cause.Name, cause.TouchpointCode));
    }

    private static async Task<Results<Ok<LoopClosureReportDto>, ValidationProblem>> ClosureAsync(DateOnly? from, DateOnly? to, Loops loops, SurveyResults results, Loc l, CancellationToken ct)
    {
        if (await Surveys.SurveysApi.PeriodAsync(from, to, results, ct) is not { } period)
        {
            return ApiResults.Invalid("from", "Il periodo va da una data a una successiva, per al massimo {0} giorni.", l, Surveys.SurveysApi.MaxPeriodDays);
        }

        var (start, end) = await results.RangeAsync(period.From, period.To, ct);
        var (whole, byDepartment, byTouchpoint) = await loops.ClosureAsync(start, end, ct);
        return TypedResults.Ok(new LoopClosureReportDto(period.From, period.To, whole, byDepartment, byTouchpoint));
    }

    private static async Task<Ok<LoopRulesDto>> RulesAsync(Loops loops, CancellationToken ct) => TypedResults.Ok(Loops.RulesOf(await loops.SettingsAsync(ct)));

    private static async Task<Results<Ok<LoopRulesDto>, ValidationProblem>> SaveRulesAsync(LoopRulesDto input, Loops loops, Loc l, CancellationToken ct)
    {
        var errors = await loops.SaveRulesAsync(input, ct);
        return errors.Any ? Invalid(errors, l) : TypedResults.Ok(Loops.RulesOf(await loops.SettingsAsync(ct)));
    }

    private static ValidationProblem Invalid(Errors errors, Loc l) => ApiResults.Invalid(errors.Renamed(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName), l);
}
