using Cerchio.Data;
using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.OpenCase;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.CaseDetail;

internal static class CaseDetailApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/cases/{number:int}", GetAsync).WithName("GetCase").WithSummary("A case by its number.");
        api.MapGet("/cases/{number:int}/entries", EntriesAsync).WithName("GetCaseEntries")
            .WithSummary("The case's conversation, oldest first: messages, notes, status changes, hand-offs.");
        api.MapPost("/cases/{number:int}/status", MoveAsync).WithName("ChangeCaseStatus")
            .WithSummary("Moves the case: open, waiting_on_customer, resolved, closed. Waiting on a department begins and ends with a hand-off.");
        api.MapPost("/cases/{number:int}/notes", NoteAsync).WithName("AddCaseNote")
            .WithSummary("Adds an internal note, seen only by the organization's people.");
        api.MapPost("/cases/{number:int}/replies", ReplyAsync).WithName("ReplyToCase")
            .WithSummary("Answers the customer by email from the case's mailbox, threaded under their last message; sent through the outbox.");
    }

    private static async Task<Results<Ok<CaseDto>, ProblemHttpResult>> GetAsync(int number, CaseDesk desk, CancellationToken ct) =>
        await desk.FindAsync(number, ct) is { } found ? TypedResults.Ok(CaseDto.From(found)) : ApiResults.NotFound("case");

    private static async Task<Results<Ok<List<CaseEntryDto>>, ProblemHttpResult>> EntriesAsync(int number, CaseDesk desk, CerchioDb db, CancellationToken ct)
    {
        if (await desk.FindAsync(number, ct) is not { } found)
        {
            return ApiResults.NotFound("case");
        }

        var entries = await db.Set<CaseEntry>().AsNoTracking().Where(e => e.CaseId == found.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(CaseEntryDto.From).ToList());
    }

    private static async Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>> MoveAsync(
        int number, StatusInput input, CaseDesk desk, Loc l, CancellationToken ct)
    {
        if (await desk.FindAsync(number, ct) is not { } found)
        {
            return ApiResults.NotFound("case");
        }

        var errors = new Errors();
        var status = OpenCaseApi.Pick("status", input.Status, CaseNames.Statuses, null, errors);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors, l);
        }

        return await desk.MoveAsync(found, status!.Value, ct) is { } refused
            ? ApiResults.Invalid("status", refused, l)
            : TypedResults.Ok(CaseDto.From(found));
    }

    private static async Task<Results<Created<CaseEntryDto>, ProblemHttpResult, ValidationProblem>> ReplyAsync(
        int number, ReplyInput input, CaseDesk desk, Loc l, CancellationToken ct)
    {
        if (await desk.FindAsync(number, ct) is not { } found)
        {
            return ApiResults.NotFound("case");
        }

        var text = input.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > Data.Limits.Text)
        {
            return ApiResults.Invalid("text", "'text' è obbligatorio, al massimo {0} caratteri.", l, Data.Limits.Text);
        }

        var (entry, refused) = await desk.ReplyAsync(found, text, input.Cc ?? [], [], ct);
        return refused is not null
            ? ApiResults.Invalid("text", refused.Text, l, refused.Args)
            : TypedResults.Created($"/api/v1/cases/{number}/entries", CaseEntryDto.From(entry!));
    }

    private static async Task<Results<Created<CaseEntryDto>, ProblemHttpResult, ValidationProblem>> NoteAsync(
        int number, NoteInput input, CaseDesk desk, Loc l, CancellationToken ct)
    {
        if (await desk.FindAsync(number, ct) is not { } found)
        {
            return ApiResults.NotFound("case");
        }

        var text = input.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > Data.Limits.Text)
        {
            return ApiResults.Invalid("text", "'text' è obbligatorio, al massimo {0} caratteri.", l, Data.Limits.Text);
        }

        var entry = await desk.AddNoteAsync(found, text, ct);
        return TypedResults.Created($"/api/v1/cases/{number}/entries", CaseEntryDto.From(entry));
    }
}
