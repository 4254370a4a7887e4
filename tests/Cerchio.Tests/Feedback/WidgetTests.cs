using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// The website's survey button on both databases: its script (the survey's settings as inert JSON, nothing for a
/// survey that takes no answers), the public page framed by any site while the rest of the app refuses it, and an
/// answer given inside the frame without cookies counted once with the channel "sito".
/// </summary>
public abstract class WidgetTests(AppFixture app)
{
    private const string Hostile = "</script><script>alert('x')</script> & \"Rossi\"";

    private async Task<(TestOrganization Org, HttpClient Api, Guid SurveyId, string Key)> SurveyAsync(string name, bool publish = true)
    {
        var org = await app.CreateOrganizationAsync(name, ($"lead.{Guid.NewGuid():N}@example.test", Role.CxLead));
        var api = org.Api();
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Sul sito", kind = "nps", brand = Hostile, color = "#7a3e00" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var survey = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = survey.GetProperty("id").GetGuid();
        if (publish)
        {
            (await api.PostAsync($"/api/v1/surveys/{id}/publish", null)).EnsureSuccessStatusCode();
        }

        var key = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<Survey>().Where(s => s.Id == id).Select(s => s.PublicKey).SingleAsync());
        return (org, api, id, key);
    }

    /// <summary>The settings the server wrote into the script, read back as the browser's JSON parser would.</summary>
    private static JsonElement SettingsOf(string script)
    {
        const string end = ", document.currentScript);";
        var close = script.LastIndexOf(end, StringComparison.Ordinal);
        var open = script.LastIndexOf("})(", close, StringComparison.Ordinal) + 3;
        return JsonDocument.Parse(script[open..close]).RootElement;
    }

    private Task<List<SurveyResponse>> AnswersAsync(TestOrganization org) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<SurveyResponse>().AsNoTracking().ToListAsync());

    /// <summary>A browser inside another site's iframe: no cookie of Cerchio's goes back.</summary>
    private HttpClient Cookieless() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task Script_OfALiveSurvey_IsJavaScript_WithTheEmbeddedPageAndColour_AsInertJson()
    {
        var (org, _, surveyId, key) = await SurveyAsync("Widget Script S.r.l.");
        var response = await app.CreateClient().GetAsync($"/s/{key}/widget.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge.TotalMinutes: > 0 and <= 10 }, $"Cache-Control: {response.Headers.CacheControl}");
        var script = await response.Content.ReadAsStringAsync();
        // The brand is in the texts, but no "<" at all: nothing can close the script tag or open another.
        Assert.DoesNotContain("<", script, StringComparison.Ordinal);
        var settings = SettingsOf(script);
        Assert.Equal($"/s/{key}?canale=sito&incorporato=1", settings.GetProperty("page").GetString());
        Assert.Equal("#7a3e00", settings.GetProperty("color").GetString());
        Assert.Equal("Dacci il tuo parere", settings.GetProperty("texts").GetProperty("it").GetProperty("open").GetString());
        Assert.Equal("Tell us what you think", settings.GetProperty("texts").GetProperty("en").GetProperty("open").GetString());
        Assert.Equal($"Il tuo parere per {Hostile}", settings.GetProperty("texts").GetProperty("it").GetProperty("title").GetString());

        // A colour that never passed the form's check (written straight into its 7-character column) stays a string too.
        const string badColour = "\"</x>'&";
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            await db.Set<Survey>().Where(s => s.Id == surveyId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Color, badColour));
            return 0;
        });
        script = await app.CreateClient().GetStringAsync($"/s/{key}/widget.js");
        Assert.DoesNotContain("<", script, StringComparison.Ordinal);
        Assert.Equal(badColour, SettingsOf(script).GetProperty("color").GetString());
    }

    [Fact]
    public async Task Script_OfAnUnknownDraftOrClosedSurvey_IsNotFound()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/s/AAAAAAAAAAAAAAAAAAAAAA/widget.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/s/not-a-key/widget.js")).StatusCode);
        var (_, _, _, draft) = await SurveyAsync("Widget Bozza S.r.l.", publish: false);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/s/{draft}/widget.js")).StatusCode);
        var (_, api, closedId, closed) = await SurveyAsync("Widget Chiuso S.r.l.");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/s/{closed}/widget.js")).StatusCode);
        (await api.PostAsync($"/api/v1/surveys/{closedId}/close", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/s/{closed}/widget.js")).StatusCode);
    }

    [Fact]
    public async Task EmbeddedPage_MayBeFramedByAnySite_WhileOtherPagesRefuse_AndIsCompact()
    {
        var (_, _, _, key) = await SurveyAsync("Widget Cornice S.r.l.");
        var client = Cookieless();
        var embedded = await client.GetAsync($"/s/{key}?canale=sito&incorporato=1");
        Assert.Equal(HttpStatusCode.OK, embedded.StatusCode);
        Assert.False(embedded.Headers.Contains("X-Frame-Options"));
        Assert.Equal("frame-ancestors *", string.Join(",", embedded.Headers.GetValues("Content-Security-Policy")));
        var page = await Html.ParseAsync(embedded);
        Assert.Null(page.QuerySelector("header"));
        Assert.Equal($"/s/{key}?canale=sito&incorporato=1", page.QuerySelector("#score-form")!.GetAttribute("action"));
        // Not embedded, the brand's header bar is there.
        Assert.NotNull((await Html.GetAsync(client, $"/s/{key}?canale=sito")).QuerySelector("header"));

        foreach (var path in new[] { "/accedi", $"/s/{key}/widget.js" })
        {
            var other = await client.GetAsync(path);
            Assert.Equal("DENY", string.Join(",", other.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("frame-ancestors 'none'", string.Join(",", other.Headers.GetValues("Content-Security-Policy")));
        }
    }

    [Fact]
    public async Task AnswerInTheFrame_WithoutCookies_IsOneAnswerTaggedSito_AndEveryStepKeepsTheFlag()
    {
        var (org, api, surveyId, key) = await SurveyAsync("Widget Risposta S.r.l.");
        var frame = Cookieless();
        var path = $"/s/{key}?canale=sito&incorporato=1&lang=en";
        var first = await Html.GetAsync(frame, path);
        Assert.Equal("en", first.DocumentElement.GetAttribute("lang"));
        var scored = await Html.PostFormAsync(frame, (IHtmlFormElement)first.QuerySelector("#score-form")!, new() { ["punteggio"] = "9" });
        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        var comment = await Html.ParseAsync(scored);
        var form = (IHtmlFormElement)comment.QuerySelector("#comment-form")!;
        Assert.Equal(path, form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name=chiave]"));

        // The comment post carries the browser's key: the score's answer is sent, not a second one started.
        var sent = await Html.PostFormAsync(frame, form, new() { ["commento"] = "Sito chiaro, risposta veloce." });
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        var thanksPath = Html.LocationPath(sent)!;
        Assert.StartsWith(path + "&", thanksPath, StringComparison.Ordinal);
        var thanks = await Html.GetAsync(frame, thanksPath);
        Assert.NotNull(thanks.QuerySelector("#thanks"));
        Assert.Null(thanks.QuerySelector("#change-answer"));   // nothing to find it again by
        Assert.Null(thanks.QuerySelector("header"));

        var answer = Assert.Single(await AnswersAsync(org));
        Assert.Equal(("sito", 9, "Sito chiaro, risposta veloce.", "en"), (answer.Channel, answer.Score, answer.Comment, answer.Language));
        Assert.NotNull(answer.SubmittedAt);
        var results = await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{surveyId}/results");
        Assert.Equal(1, results.GetProperty("answers").GetInt32());
        Assert.Equal(1, results.GetProperty("by_channel").GetProperty("sito").GetInt32());

        // Where the frame keeps cookies, the redirect is the page itself (still embedded), which shows the whole answer.
        var browser = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync(path, new FormUrlEncodedContent([new("passo", "punteggio"), new("punteggio", "3")]))).StatusCode);
        var again = await browser.PostAsync(path, new FormUrlEncodedContent([new("passo", "commento"), new("punteggio", "3"), new("commento", "")]));
        Assert.Equal(path, Html.LocationPath(again));
        Assert.NotNull((await Html.GetAsync(browser, path)).QuerySelector("#change-answer"));
        Assert.Equal(2, (await AnswersAsync(org)).Count);
    }

    [Fact]
    public async Task EmbeddedOverHttps_TheCookieIsSameSiteNoneAndSecure_OtherwiseLax()
    {
        var (_, _, _, key) = await SurveyAsync("Widget Cookie S.r.l.");
        var secure = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        static async Task<string> CookieOf(HttpClient client, string path)
        {
            var response = await client.PostAsync(path, new FormUrlEncodedContent([new("passo", "punteggio"), new("punteggio", "8")]));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cerchio_risposta=", StringComparison.Ordinal)).ToLowerInvariant();
        }

        var embedded = await CookieOf(secure, $"/s/{key}?canale=sito&incorporato=1");
        Assert.Contains("samesite=none", embedded, StringComparison.Ordinal);
        Assert.Contains("secure", embedded, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", await CookieOf(secure, $"/s/{key}?canale=sito"), StringComparison.Ordinal);
        Assert.Contains("samesite=lax", await CookieOf(Cookieless(), $"/s/{key}?canale=sito&incorporato=1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SurveyPage_ShowsTheScriptTag_OnlyWhenLive()
    {
        var (org, _, surveyId, key) = await SurveyAsync("Widget Pagina S.r.l.");
        var lead = await org.SignInAsync(Role.CxLead);
        var page = await Html.GetAsync(lead, $"/ascolto/sondaggi/{surveyId}");
        Assert.Equal($"<script src=\"http://localhost/s/{key}/widget.js\" async></script>", page.QuerySelector("#widget-snippet")!.TextContent);
        var (draftOrg, _, draftId, _) = await SurveyAsync("Widget Pagina Bozza S.r.l.", publish: false);
        var draftLead = await draftOrg.SignInAsync(Role.CxLead);
        Assert.Null((await Html.GetAsync(draftLead, $"/ascolto/sondaggi/{draftId}")).QuerySelector("#widget-snippet"));
    }
}

public sealed class WidgetTestsOnSqlite(SqliteApp app) : WidgetTests(app), IClassFixture<SqliteApp>;

public sealed class WidgetTestsOnPostgres(PostgresApp app) : WidgetTests(app), IClassFixture<PostgresApp>;
