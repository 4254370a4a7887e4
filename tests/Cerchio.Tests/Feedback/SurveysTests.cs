using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// Surveys through HTTP on both databases: written and published (in versions), answered on the public page by a
/// personal link (one click from the email, then the comment) or the public link with its channel tag, counted in the
/// results and on the journey map; bad input refused with nothing recorded, one answer per invitation and per browser.
/// </summary>
public abstract class SurveysTests(AppFixture app)
{
    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(TestOrganization Org, HttpClient Api, Guid SurveyId, string PublicUrl)> PublishedAsync(string name, string kind = "nps", string? touchpoint = "consegna")
    {
        var org = await app.CreateOrganizationAsync(name, (Email("lead"), Role.CxLead));
        var api = org.Api();
        var survey = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Dopo la consegna", kind, touchpoint }), HttpStatusCode.Created);
        Assert.Equal("draft", survey.GetProperty("status").GetString());
        var id = survey.GetProperty("id").GetGuid();
        var published = await JsonAsync(await api.PostAsync($"/api/v1/surveys/{id}/publish", null), HttpStatusCode.OK);
        Assert.Equal("live", published.GetProperty("status").GetString());
        Assert.Equal(1, published.GetProperty("version").GetInt32());
        return (org, api, id, published.GetProperty("public_url").GetString()!);
    }

    private static async Task<Guid> CustomerAsync(HttpClient api, string name, string? email)
    {
        var customer = await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { name, email }), HttpStatusCode.Created);
        return customer.GetProperty("id").GetGuid();
    }

    private static async Task<string> InviteAsync(HttpClient api, Guid surveyId, object input)
    {
        var invitation = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", input), HttpStatusCode.Created);
        return new Uri(invitation.GetProperty("url").GetString()!).PathAndQuery;
    }

    private Task<List<SurveyResponse>> AnswersAsync(TestOrganization org) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<SurveyResponse>().AsNoTracking().OrderBy(r => r.StartedAt).ToListAsync());

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params (string Name, string Value)[] fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    [Fact]
    public async Task Invitation_OneClickScore_ThenTheComment_IsOneAnswer_TiedToTheCustomerAndTouchpoint_InTheResultsAndOnTheMap()
    {
        var (org, api, surveyId, _) = await PublishedAsync("Sondaggi Invito S.r.l.");
        var customer = await CustomerAsync(api, "Bianchi Costruzioni S.r.l.", "maria.bianchi@bianchi-costruzioni.example");
        // An unknown case is refused; the real one ties the answer to it.
        var unknown = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { customer_id = customer, case_number = 1234 }), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("case_number", out _));
        await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { name = "Caso S.r.l.", external_id = "CASO" }), HttpStatusCode.Created);
        var caseNumber = (await JsonAsync(await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Consegna", customer = new { external_id = "CASO" }, channel = "email", text = "Quando?" }), HttpStatusCode.Created))
            .GetProperty("number").GetInt32();
        var link = await InviteAsync(api, surveyId, new { customer_id = customer, case_number = caseNumber });
        var respondent = app.Browser();

        // The email's one-click score: recorded at once as a partial answer, the page asks the low score's question.
        var clicked = await respondent.GetAsync(link + "?punteggio=4");
        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        var page = await Html.ParseAsync(clicked);
        Assert.Equal("true", page.QuerySelector("[data-score='4']")!.GetAttribute("aria-pressed"));
        Assert.Contains("Cosa possiamo migliorare?", page.QuerySelector("label[for=comment]")!.TextContent, StringComparison.Ordinal);
        var partial = Assert.Single(await AnswersAsync(org));
        Assert.Equal(4, partial.Score);
        Assert.Null(partial.SubmittedAt);
        Assert.Equal(customer, partial.CustomerId);
        Assert.Equal("consegna", partial.TouchpointCode);
        Assert.Equal("email", partial.Channel);

        // The comment sends it: 303 to the thanks, so a reload never posts twice.
        var sent = await PostAsync(respondent, link, ("passo", "commento"), ("punteggio", "4"), ("commento", "Consegna in ritardo di due settimane e nessuno mi ha avvisato."));
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(link, sent.Headers.Location!.OriginalString);
        var thanks = await Html.GetAsync(respondent, link);
        Assert.NotNull(thanks.QuerySelector("#thanks"));
        var answer = Assert.Single(await AnswersAsync(org));
        Assert.Equal(partial.Id, answer.Id);
        Assert.NotNull(answer.SubmittedAt);
        Assert.Equal("Consegna in ritardo di due settimane e nessuno mi ha avvisato.", answer.Comment);

        // Within the window the answer can change; it stays one answer.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(respondent, link + "?modifica=1", ("passo", "punteggio"), ("punteggio", "6"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync(respondent, link, ("passo", "commento"), ("punteggio", "6"), ("commento", "Meglio dopo la telefonata."))).StatusCode);
        answer = Assert.Single(await AnswersAsync(org));
        Assert.Equal(6, answer.Score);
        Assert.Equal("Meglio dopo la telefonata.", answer.Comment);

        // Counted: NPS −100 from one detractor, the invitation answered; listed with its case and customer.
        var results = await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/results"), HttpStatusCode.OK);
        Assert.Equal(1, results.GetProperty("answers").GetInt32());
        Assert.Equal(-100, results.GetProperty("value").GetDouble());
        Assert.Equal(1, results.GetProperty("invitations_answered").GetInt32());
        Assert.Equal(100, results.GetProperty("response_rate").GetDouble());
        var listed = (await JsonAsync(await api.GetAsync("/api/v1/survey-answers"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(caseNumber, listed.GetProperty("case_number").GetInt32());
        Assert.Equal(customer, listed.GetProperty("customer_id").GetGuid());
        Assert.True(listed.GetProperty("complete").GetBoolean());

        // The journey map's numbers: NPS on Consegna, measured from this answer, linking to it.
        var metrics = await JsonAsync(await api.GetAsync("/api/v1/touchpoints/consegna/metrics"), HttpStatusCode.OK);
        var nps = metrics.GetProperty("touchpoints").EnumerateArray().Single().GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "nps");
        Assert.Equal(-100, nps.GetProperty("value").GetDouble());
        Assert.Equal(1, nps.GetProperty("basis").GetInt32());
        var lead = await org.SignInAsync(Role.CxLead);
        var behind = await Html.GetAsync(lead, $"/ascolto/risposte?touchpoint=consegna&metrica=nps");
        Assert.Contains("Meglio dopo la telefonata.", behind.QuerySelector("#answers")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bianchi Costruzioni", behind.QuerySelector("#answers")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicLink_TaggedQr_KeepsOneAnswerPerBrowser_AndCountsTheChannel()
    {
        var (org, api, surveyId, publicUrl) = await PublishedAsync("Sondaggi Pubblico S.r.l.", "csat", touchpoint: "punto-vendita");
        var path = new Uri(publicUrl).AbsolutePath + "?canale=qr";
        var shop = app.Browser();
        var first = await Html.GetAsync(shop, path);
        Assert.Equal(5, first.QuerySelectorAll("#score-form button[data-score]").Length);
        Assert.Empty(await AnswersAsync(org));   // looking records nothing
        Assert.Equal(HttpStatusCode.OK, (await shop.GetAsync(path + "&punteggio=5")).StatusCode);
        Assert.Empty(await AnswersAsync(org));   // nor does a score in a public link's address: only a post answers it

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(shop, path, ("passo", "punteggio"), ("punteggio", "5"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync(shop, path, ("passo", "commento"), ("punteggio", "5"), ("commento", "Commessa gentilissima."))).StatusCode);
        // The same browser finds its answer again; a score posted again changes it rather than adding one.
        Assert.NotNull((await Html.GetAsync(shop, path)).QuerySelector("#thanks"));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(shop, path, ("passo", "punteggio"), ("punteggio", "4"))).StatusCode);
        var mine = Assert.Single(await AnswersAsync(org));
        Assert.Equal(4, mine.Score);
        Assert.Equal("qr", mine.Channel);
        Assert.Equal("punto-vendita", mine.TouchpointCode);
        Assert.Null(mine.InvitationId);

        // Another browser is another respondent.
        var other = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(other, new Uri(publicUrl).AbsolutePath, ("passo", "punteggio"), ("punteggio", "2"))).StatusCode);
        var results = await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/results"), HttpStatusCode.OK);
        Assert.Equal(2, results.GetProperty("answers").GetInt32());
        Assert.Equal(50, results.GetProperty("value").GetDouble());
        Assert.Equal(1, results.GetProperty("by_channel").GetProperty("qr").GetInt32());
        Assert.Equal(1, results.GetProperty("by_channel").GetProperty("link").GetInt32());
        Assert.Equal([0L, 1, 0, 1, 0], results.GetProperty("distribution").EnumerateArray().Select(e => e.GetInt64()));

        // A link asking for English keeps it in its form: the next step is in English, and so is the answer.
        var english = app.Browser();
        var action = (await Html.GetAsync(english, path + "&lang=en")).QuerySelector("#score-form")!.GetAttribute("action")!;
        Assert.Contains("lang=en", action, StringComparison.Ordinal);
        var next = await PostAsync(english, action, ("passo", "punteggio"), ("punteggio", "3"));
        Assert.Equal("en", (await Html.ParseAsync(next)).DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", (await AnswersAsync(org)).Single(a => a.Score == 3).Language);
    }

    [Fact]
    public async Task BadAnswers_AreRefused_WithNothingRecorded_AndTheTypedCommentKept()
    {
        var (org, api, surveyId, publicUrl) = await PublishedAsync("Sondaggi Errori S.r.l.");
        var link = await InviteAsync(api, surveyId, new { email = Email("cliente"), language = "en" });
        var respondent = app.Browser();

        foreach (var bad in new[] { "11", "-1", "sette", "4.5", "" })
        {
            var refused = await PostAsync(respondent, link, ("passo", "punteggio"), ("punteggio", bad));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.NotNull((await Html.ParseAsync(refused)).QuerySelector("#score-error"));
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await respondent.GetAsync(link + "?punteggio=99")).StatusCode);
        Assert.Empty(await AnswersAsync(org));

        // The invitation's language: English texts.
        var page = await Html.GetAsync(respondent, link);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("How likely are you to recommend", page.QuerySelector("legend")!.TextContent, StringComparison.Ordinal);

        // A comment over the limit: refused, the score kept, the text shown again to shorten; script stays text.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(respondent, link, ("passo", "punteggio"), ("punteggio", "9"))).StatusCode);
        var huge = "<script>alert(1)</script>" + new string('è', 100_000);
        var tooLong = await PostAsync(respondent, link, ("passo", "commento"), ("punteggio", "9"), ("commento", huge));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var shown = await Html.ParseAsync(tooLong);
        Assert.NotNull(shown.QuerySelector("#comment-error"));
        Assert.Equal(huge, shown.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#comment")!.Value);
        Assert.Empty(shown.QuerySelectorAll("main script"));
        var kept = Assert.Single(await AnswersAsync(org));
        Assert.Equal(9, kept.Score);
        Assert.Null(kept.Comment);
        Assert.Null(kept.SubmittedAt);

        // Links that are not one: the wrong shape, unknown, another survey's key shape.
        Assert.Equal(HttpStatusCode.NotFound, (await respondent.GetAsync("/r/corto")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await respondent.GetAsync("/r/" + new string('A', 43))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await respondent.GetAsync("/s/" + new string('A', 22))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(respondent, "/r/" + new string('A', 43), ("passo", "punteggio"), ("punteggio", "5"))).StatusCode);

        // An expired invitation takes nothing; a closed survey takes nothing new.
        var late = await InviteAsync(api, surveyId, new { email = Email("tardi") });
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var expiring = await db.Set<SurveyInvitation>().OrderByDescending(i => i.CreatedAt).FirstAsync();
            expiring.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Gone, (await PostAsync(app.Browser(), late, ("passo", "punteggio"), ("punteggio", "5"))).StatusCode);
        await JsonAsync(await api.PostAsync($"/api/v1/surveys/{surveyId}/close", null), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Gone, (await PostAsync(app.Browser(), new Uri(publicUrl).AbsolutePath, ("passo", "punteggio"), ("punteggio", "5"))).StatusCode);
        Assert.Single(await AnswersAsync(org));
    }

    [Fact]
    public async Task Surveys_BadInputThroughTheApi_IsRefused_WithNothingStored()
    {
        var (org, api, surveyId, _) = await PublishedAsync("Sondaggi API S.r.l.");
        async Task<JsonElement> RefusedAsync(HttpResponseMessage response) => (await JsonAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.True((await RefusedAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "", kind = "nps" }))).TryGetProperty("name", out _));
        Assert.True((await RefusedAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "X", kind = "star" }))).TryGetProperty("kind", out _));
        Assert.True((await RefusedAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "X", touchpoint = "inesistente" }))).TryGetProperty("touchpoint", out _));
        Assert.True((await RefusedAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "X", color = "red" }))).TryGetProperty("color", out _));
        Assert.True((await RefusedAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "X", kind = "csat", low_up_to = 5 }))).TryGetProperty("low_up_to", out _));
        Assert.True((await RefusedAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "X", question_it = new string('a', 501) }))).TryGetProperty("question_it", out _));
        // The kind never changes once answers may exist.
        Assert.True((await RefusedAsync(await api.PutAsJsonAsync($"/api/v1/surveys/{surveyId}", new { name = "Dopo la consegna", kind = "ces" }))).TryGetProperty("kind", out _));

        // Invitations: a customer without an address by email, a bad address, an unknown customer or touchpoint, a draft survey.
        var noEmail = await CustomerAsync(api, "Senza Email S.r.l.", null);
        Assert.True((await RefusedAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { customer_id = noEmail }))).TryGetProperty("email", out _));
        Assert.True((await RefusedAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { email = "non-un-indirizzo" }))).TryGetProperty("email", out _));
        Assert.True((await RefusedAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { customer_id = Guid.NewGuid(), channel = "api" }))).TryGetProperty("customer_id", out _));
        Assert.True((await RefusedAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { email = Email("x"), touchpoint = "nessuno" }))).TryGetProperty("touchpoint", out _));
        Assert.True((await RefusedAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { email = Email("x"), language = "fr" }))).TryGetProperty("language", out _));
        // With channel api the customer without an address still gets a link, for the caller to deliver.
        await InviteAsync(api, surveyId, new { customer_id = noEmail, channel = "api" });
        var draft = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Bozza", kind = "ces" }), HttpStatusCode.Created);
        Assert.True((await RefusedAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{draft.GetProperty("id").GetGuid()}/invitations", new { email = Email("y") }))).TryGetProperty("survey", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/api/v1/surveys/{surveyId}/results?from=2026-10-10&to=2026-10-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/surveys/{Guid.NewGuid()}")).StatusCode);

        var stored = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<Survey>().CountAsync());
        Assert.Equal(2, stored);
        var invitations = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<SurveyInvitation>().CountAsync());
        Assert.Equal(1, invitations);
    }

    [Fact]
    public async Task EditingALiveSurvey_MakesANewVersionOnPublish_AndOldAnswersStayOnTheirs()
    {
        var (org, api, surveyId, publicUrl) = await PublishedAsync("Sondaggi Versioni S.r.l.");
        var before = app.Browser();
        var path = new Uri(publicUrl).AbsolutePath;
        await PostAsync(before, path, ("passo", "punteggio"), ("punteggio", "10"));

        await JsonAsync(await api.PutAsJsonAsync($"/api/v1/surveys/{surveyId}", new { name = "Dopo la consegna", kind = "nps", touchpoint = "consegna", question_it = "Consiglieresti {azienda} a un collega?" }), HttpStatusCode.OK);
        var draft = await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}"), HttpStatusCode.OK);
        Assert.True(draft.GetProperty("unpublished_changes").GetBoolean());
        // Until published, respondents see the first version's question.
        Assert.Contains("Quanto è probabile", (await Html.GetAsync(app.Browser(), path)).QuerySelector("legend")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, (await JsonAsync(await api.PostAsync($"/api/v1/surveys/{surveyId}/publish", null), HttpStatusCode.OK)).GetProperty("version").GetInt32());
        var after = app.Browser();
        Assert.StartsWith("Consiglieresti", (await Html.GetAsync(after, path)).QuerySelector("legend")!.TextContent, StringComparison.Ordinal);
        await PostAsync(after, path, ("passo", "punteggio"), ("punteggio", "3"));

        var answers = await AnswersAsync(org);
        Assert.Equal(2, answers.Select(a => a.VersionId).Distinct().Count());
        // The first respondent, back, still sees the version they answered.
        Assert.Contains("Quanto è probabile", (await Html.GetAsync(before, path)).QuerySelector("legend")!.TextContent, StringComparison.Ordinal);
        // Publishing again without changes makes no new version.
        Assert.Equal(2, (await JsonAsync(await api.PostAsync($"/api/v1/surveys/{surveyId}/publish", null), HttpStatusCode.OK)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Pages_TheLeadWritesPublishesAndReads_TheAgentOnlyReads()
    {
        var org = await app.CreateOrganizationAsync("Sondaggi Pagine S.r.l.", (Email("lead"), Role.CxLead), (Email("agente"), Role.Agent));
        var lead = await org.SignInAsync(Role.CxLead);
        var empty = await Html.GetAsync(lead, "/ascolto/sondaggi");
        Assert.NotNull(empty.QuerySelector("#surveys-empty"));
        Assert.NotNull(empty.QuerySelector("[data-nav=surveys]"));

        // A new CES survey starts from its texts; empty English falls back to Italian.
        var form = await Html.GetAsync(lead, "/ascolto/sondaggi/nuovo?tipo=ces");
        Assert.Contains("mi ha reso facile", form.QuerySelector("#survey-QuestionIt")!.TextContent, StringComparison.Ordinal);
        var refused = await Html.SubmitFormAsync(lead, "/ascolto/sondaggi/nuovo?tipo=ces", "survey", new() { ["Input.Name"] = "", ["Input.Color"] = "#12345" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var again = await Html.ParseAsync(refused);
        Assert.NotNull(again.QuerySelector("#Name-error"));
        Assert.NotNull(again.QuerySelector("#Color-error"));
        var saved = await Html.SubmitFormAsync(lead, "/ascolto/sondaggi/nuovo?tipo=ces", "survey", new() { ["Input.Name"] = "Facilità <b>assistenza</b>", ["Input.Touchpoint"] = "assistenza" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var surveyPath = Html.LocationPath(saved)!;
        var page = await Html.GetAsync(lead, surveyPath);
        Assert.Equal("Facilità <b>assistenza</b>", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("draft", page.QuerySelector("[data-status]")!.GetAttribute("data-status"));

        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, surveyPath, "publish", [])).StatusCode);
        page = await Html.GetAsync(lead, surveyPath);
        Assert.Equal("live", page.QuerySelector("[data-status]")!.GetAttribute("data-status"));
        var qrLink = page.QuerySelector("#public-links [data-channel=fiera] a")!.GetAttribute("href")!;
        var qr = await lead.GetAsync(qrLink);
        Assert.Equal("image/png", qr.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await qr.Content.ReadAsByteArrayAsync())[..4]);

        // The preview shows the draft in English, with a low score's question; it records nothing.
        var preview = await Html.GetAsync(lead, surveyPath + "/anteprima?lang=en&punteggio=2");
        Assert.NotNull(preview.QuerySelector("#preview-note"));
        Assert.Contains("What was difficult?", preview.QuerySelector("label[for=comment]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<SurveyResponse>().CountAsync()));

        // The agent reads the surveys and their answers, and may not change them.
        var agent = await org.SignInAsync(Role.Agent);
        var list = await Html.GetAsync(agent, "/ascolto/sondaggi");
        Assert.Null(list.QuerySelector("#new-survey"));
        Assert.Null((await Html.GetAsync(agent, surveyPath)).QuerySelector("#publish-survey"));
        Assert.StartsWith("/accesso-negato", Html.LocationPath(await agent.GetAsync("/ascolto/sondaggi/nuovo")));
    }
}

public sealed class SurveysTestsOnSqlite(SqliteApp app) : SurveysTests(app), IClassFixture<SqliteApp>;

public sealed class SurveysTestsOnPostgres(PostgresApp app) : SurveysTests(app), IClassFixture<PostgresApp>;
