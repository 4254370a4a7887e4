using Cerchio.Feedback.Contracts;
using Cerchio.Feedback.Features.Surveys;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Cerchio.Ui.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Feedback.Features.Import;

/// <summary>POST /api/v1/surveys/{id}/answers/import: past answers from a CSV or XLSX file, checked first with dry_run=true.</summary>
internal static class ImportAnswersApi
{
    /// <summary>The file's limit plus room for a multipart envelope; a bigger body is refused with 413 before it is read.</summary>
    public const long MaxRequestBytes = SheetReader.MaxBytes + 64 * 1024;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/surveys/{surveyId:guid}/answers/import", ImportAsync).WithName("ImportSurveyAnswers")
            .WithSummary("Imports past answers (a paper survey) from a CSV or XLSX file into the survey's current version; dry_run=true checks without storing.")
            .WithDescription("Multipart with the file in 'file', or the file as the body (text/csv, or the .xlsx bytes). Columns (Italian or English headers): data/date and "
                + "punteggio/score required; commento/comment, email (matched to a customer), cliente/customer, touchpoint (a catalog code; default the survey's), "
                + "canale/channel (default 'importato'), lingua/language (it, en). Dates dd/MM/yyyy [HH:mm] or ISO 8601. A row already imported is skipped, so a file "
                + "can be sent again. Imported answers are analysed and reach the timeline; answers older than 30 days open no loop.")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes));

    private static async Task<Results<Ok<AnswerImportResultDto>, ProblemHttpResult>> ImportAsync(
        Guid surveyId, [FromQuery(Name = "dry_run")] bool? dryRun, HttpRequest request, SurveyBook book, AnswerImporter importer, Loc l, CancellationToken ct)
    {
        if (await book.FindAsync(surveyId, ct) is not { } survey)
        {
            return ApiResults.NotFound("survey");
        }

        if (AnswerImporter.Refusal(survey) is { } refusal)
        {
            return Unreadable(l[refusal], l);
        }

        (string Name, byte[] Content)? upload;
        try
        {
            upload = await ReadUploadAsync(request, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(l);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
        {
            return Unreadable(l[SheetReader.NotSpreadsheet], l);
        }

        if (upload is not { } file)
        {
            return Unreadable(l[SheetReader.NoFile], l);
        }

        if (file.Content.Length > SheetReader.MaxBytes)
        {
            return TooLarge(l);
        }

        var (table, error) = SheetReader.Read(file.Name, file.Content, ct);
        if (table is null)
        {
            return Unreadable(l[error ?? SheetReader.NotSpreadsheet], l);
        }

        var (check, problem) = await importer.CheckAsync(survey, table, ct);
        if (check is null)
        {
            return Unreadable(l.Format(problem!), l);
        }

        var errors = check.Errors.Select(e => new AnswerImportRowErrorDto(e.Row, e.Column, l.Format(e.Message))).ToList();
        if (dryRun == true)
        {
            return TypedResults.Ok(new AnswerImportResultDto(true, check.Rows, check.Valid.Count, check.InvalidRows, check.New.Count, 0, check.AlreadyImported, errors));
        }

        var outcome = await importer.ImportAsync(survey, check, ct);
        return TypedResults.Ok(new AnswerImportResultDto(false, check.Rows, check.Valid.Count, check.InvalidRows, check.New.Count, outcome.Imported, outcome.Skipped, errors));
    }

    /// <summary>The file of a multipart form ('file', else the first), or the whole body; null when there is none.</summary>
    private static async Task<(string Name, byte[] Content)?> ReadUploadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if ((form.Files.GetFile("file") ?? form.Files.FirstOrDefault()) is not { } file)
            {
                return null;
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            // A file chosen with no name is still a file: its content decides what it is.
            return (string.IsNullOrWhiteSpace(file.FileName) ? "risposte.csv" : file.FileName, buffer.ToArray());
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        return body.Length == 0 ? null : ("risposte.csv", body.ToArray());
    }

    private static ProblemHttpResult Unreadable(string detail, Loc l) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: l["Il file non si può importare."], type: ApiResults.BadRequestType, detail: detail);

    private static ProblemHttpResult TooLarge(Loc l) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", type: "https://cerchio.dev/problems/payload-too-large",
            detail: l[SheetReader.TooLarge]);
}
