using Cerchio.Data;
using Cerchio.Service.Contracts;
using Cerchio.Service.Features.OpenCase;
using Cerchio.Tenancy;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Service.Features.Attachments;

/// <summary>
/// Downloads of a case's files, from the case page (signed-in people who may read cases) and from the API. A file is
/// found through its case, inside the organization: another organization's id is not found, whatever the case number.
/// </summary>
internal static class AttachmentEndpoints
{
    public static void MapPages(IEndpointRouteBuilder app) =>
        app.MapGet(CaseDesk.PagePath + "/{number:int}/allegati/{attachmentId:guid}", DownloadFromPageAsync)
            .RequireAuthorization(Permissions.ViewCases)
            .ExcludeFromDescription();

    public static void MapApi(IEndpointRouteBuilder api)
    {
        api.MapGet("/cases/{number:int}/attachments", ListAsync).WithName("ListCaseAttachments")
            .WithSummary("The files of the case's messages (received and sent), without their content; download each from its url.");
        api.MapGet("/cases/{number:int}/attachments/{attachmentId:guid}", DownloadFromApiAsync).WithName("GetCaseAttachment")
            .WithSummary("Downloads one file of the case. Served as an attachment with its name; types outside a safe list come as application/octet-stream.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
    }

    /// <param name="inline">The email view's embedded (cid:) images: shown in place when they are raster images.</param>
    private static async Task<IResult> DownloadFromPageAsync(int number, Guid attachmentId, bool? inline, CaseDesk desk, CerchioDb db, CancellationToken ct) =>
        await CaseFiles.FindAsync(desk, db, number, attachmentId, ct) is { } file ? CaseFiles.Serve(file, inline == true) : TypedResults.NotFound();

    private static async Task<IResult> DownloadFromApiAsync(int number, Guid attachmentId, CaseDesk desk, CerchioDb db, CancellationToken ct) =>
        await CaseFiles.FindAsync(desk, db, number, attachmentId, ct) is { } file ? CaseFiles.Serve(file, inline: false) : ApiResults.NotFound("attachment");

    private static async Task<Results<Ok<List<AttachmentDto>>, ProblemHttpResult>> ListAsync(int number, CaseDesk desk, CerchioDb db, CancellationToken ct)
    {
        if (await desk.FindAsync(number, ct) is not { } found)
        {
            return ApiResults.NotFound("case");
        }

        var files = await CaseFiles.ListAsync(db, found.Id, ct);
        return TypedResults.Ok(files.Select(f => AttachmentDto.From(f, number)).ToList());
    }
}
