using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.Respond;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QRCoder;

namespace Cerchio.Feedback.Features.Surveys;

/// <summary>The survey page's own files: the QR code of a tagged public link (to print for the shop or the fair stand) and the preview.</summary>
internal static class SurveyPageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup(SurveyBook.ListPath + "/{surveyId:guid}").RequireAuthorization(Permissions.ViewFeedback).ExcludeFromDescription();
        pages.MapGet("/qr.png", QrAsync);
        pages.MapGet("/anteprima", PreviewAsync);
    }

    private static async Task<IResult> QrAsync(Guid surveyId, string? canale, SurveyBook book, HttpContext http, CancellationToken ct)
    {
        if (await book.FindAsync(surveyId, ct) is not { } survey)
        {
            return Results.NotFound();
        }

        var url = $"{http.Request.Scheme}://{http.Request.Host}{Respondent.PublicPathOf(survey.PublicKey, SurveyChannels.Tag(canale ?? "qr"))}";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.Q);
        return Results.File(new PngByteQRCode(data).GetGraphic(12), "image/png");
    }

    /// <summary>The draft as a respondent would see it, in either language, with a score chosen (?punteggio=3) to see its follow-up; records nothing.</summary>
    private static async Task<IResult> PreviewAsync(Guid surveyId, string? lang, int? punteggio, SurveyBook book, HttpContext http, CancellationToken ct)
    {
        if (await book.FindAsync(surveyId, ct) is not { } survey)
        {
            return Results.NotFound();
        }

        var (min, max) = survey.Scale;
        var score = punteggio is { } p && p >= min && p <= max ? p : (int?)null;
        var language = lang == "en" ? "en" : "it";
        var session = new ResponseSession { Survey = survey, Language = language, Channel = SurveyChannels.Link };
        var html = await ResponseEndpoints.RenderAsync(http.RequestServices, language, new SurveyPageModel(
            score is null ? ResponseStep.Score : ResponseStep.Comment, session, $"{SurveyBook.PathOf(survey.Id)}/anteprima", new Errors(),
            Preview: true, DraftTexts: survey.Draft, PreviewScore: score));
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
