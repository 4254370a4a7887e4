using System.Text.Json;
using Cerchio.Feedback.Features.Respond;
using Cerchio.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Feedback.Features.Widget;

/// <summary>
/// GET /s/{key}/widget.js: the script a website includes with one tag to show a "tell us what you think" button that
/// opens the survey's public page (channel "sito", compact) in a dialog. The script is widget.js beside this file with
/// the survey's settings written in as JSON, whose encoder escapes &lt;, &gt;, &amp; and quotes, so no brand or colour
/// can close the script or add code. An unknown, draft or closed survey's script is 404: the site shows no button
/// rather than one opening "this survey is closed".
/// </summary>
internal static class WidgetScript
{
    public const string Channel = "sito";
    public const string FileName = "widget.js";
    private const string SettingsMarker = "/*settings*/null";

    // Read once: the file ships inside the module's assembly.
    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(WidgetScript).Assembly.GetManifestResourceStream("Cerchio.Feedback.Widget.widget.js")
            ?? throw new InvalidOperationException("widget.js is not embedded in the module.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd();
        return script.Contains(SettingsMarker, StringComparison.Ordinal) ? script : throw new InvalidOperationException("widget.js has lost its settings marker.");
    });

    public static string PathOf(string key) => $"{Respondent.PublicPrefix}/{key}/{FileName}";

    /// <summary>The script tag a site pastes in its pages (shown on the survey page).</summary>
    public static string TagOf(string baseUrl, string key) => $"<script src=\"{baseUrl.TrimEnd('/')}{PathOf(key)}\" async></script>";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(PathOf("{key}"), ScriptAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> ScriptAsync(string key, HttpContext http, Respondent respondent, Loc l)
    {
        var survey = await respondent.LiveSurveyAsync(key, http.RequestAborted);
        if (survey is null)
        {
            return Results.NotFound();
        }

        var settings = new
        {
            // Relative: the script makes it absolute against its own address, whatever name Cerchio is reached by.
            page = $"{Respondent.PublicPathOf(survey.PublicKey, Channel)}&{ResponseEndpoints.EmbeddedFlag}=1",
            color = survey.Color,
            texts = Loc.Languages.ToDictionary(language => language, language => Loc.In(language, () => new
            {
                open = l["Dacci il tuo parere"],
                title = survey.Brand.Length > 0 ? l.F("Il tuo parere per {0}", survey.Brand) : l["Il tuo parere"],
                close = l["Chiudi"],
                frame = l["Sondaggio: rispondi qui"],
            })),
        };
        // A few minutes' caching keeps a busy site's page views off the database; a changed colour shows soon enough.
        http.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Text(Template.Value.Replace(SettingsMarker, JsonSerializer.Serialize(settings), StringComparison.Ordinal), "text/javascript; charset=utf-8");
    }
}
