using Cerchio.Data;
using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Attachments;
using Cerchio.Service.Features.InboundEmail;
using Cerchio.Service.Features.OpenCase;
using Cerchio.Service.Features.Reply;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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
            .WithSummary("Answers the customer by email from the case's mailbox, threaded under their last message; sent through the outbox. "
                + "attachments: up to 10 files (filename, base64 content), together at most the mailbox message size (25 MB by default).")
            .WithMetadata(new RequestSizeLimitAttribute(ReplyAttachments.MaxRequestBytes));
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
        var files = (await CaseFiles.ListAsync(db, found.Id, ct)).ToLookup(f => f.EntryId, f => AttachmentDto.From(f, number));
        return TypedResults.Ok(entries.Select(e => CaseEntryDto.From(e, files[e.Id].ToList())).ToList());
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
        int number, ReplyInput input, CaseDesk desk, InboundLimits limits, CerchioDb db, Loc l, CancellationToken ct)
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

        var (attachments, errors) = DecodeAttachments(input.Attachments ?? [], limits);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors, l);
        }

        var (entry, refused) = await desk.ReplyAsync(found, text, input.Cc ?? [], attachments, ct);
        if (refused is not null)
        {
            return ApiResults.Invalid("text", refused.Text, l, refused.Args);
        }

        var files = (await CaseFiles.ListAsync(db, found.Id, ct)).Where(f => f.EntryId == entry!.Id).Select(f => AttachmentDto.From(f, number)).ToList();
        return TypedResults.Created($"/api/v1/cases/{number}/entries", CaseEntryDto.From(entry!, files));
    }

    /// <summary>The files as the webhook takes them (filename, base64 content), within the reply's limits.</summary>
    private static (List<NewAttachment> Files, Errors Errors) DecodeAttachments(List<InboundAttachmentInput> input, InboundLimits limits)
    {
        var errors = new Errors();
        var files = new List<NewAttachment>();
        // base64 is 4 characters for 3 bytes: the declared size is known before anything is decoded.
        if (ReplyAttachments.Refusal(input.Count, input.Sum(a => (a?.Content?.Length ?? 0) * 3L / 4), limits) is { } tooMuch)
        {
            errors.Add("attachments", tooMuch.Text, tooMuch.Args);
            return (files, errors);
        }

        foreach (var (attachment, index) in input.Select((a, i) => (a, i)))
        {
            if (attachment is null || string.IsNullOrWhiteSpace(attachment.Filename))
            {
                errors.Add($"attachments[{index}].filename", "Ogni allegato ha bisogno di 'filename'.");
                continue;
            }

            try
            {
                files.Add(ReplyAttachments.File(attachment.Filename, Convert.FromBase64String(attachment.Content ?? ""), index + 1));
            }
            catch (FormatException)
            {
                errors.Add($"attachments[{index}].content", "Il contenuto dell'allegato non è in base64.");
            }
        }

        return (files, errors);
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
