using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// Closing the loop: an unhappy answer (a detractor, a negative comment) is analysed and opens a loop for the department
/// that owns its touchpoint; its referente calls, writes (the email arrives at the real SMTP server) and closes it with
/// outcome and cause; the closure rate counts it; the customer's timeline shows it. Loops left open are escalated once;
/// the rules are the organization's; an answer nobody can be reached for opens none; another organization sees nothing.
/// </summary>
public abstract class LoopTests(MailApp app)
{
    private const string Delivery = "Consegna in ritardo di due settimane e nessuno mi ha avvisato.";

    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params (string Name, string Value)[] fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    private async Task<(TestOrganization Org, HttpClient Api, Guid SurveyId, string PublicUrl, string Referente)> SetUpAsync(string name)
    {
        var org = await app.CreateOrganizationAsync(name, (Email("lead"), Role.CxLead));
        var referente = Email("magazzino");
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var (_, errors) = await services.GetRequiredService<IOrganizationProvisioning>()
                .AddPersonAsync(new NewPerson("Paolo Magazzino", referente, TestOrganization.Password, Role.TeamMember, "Logistica e magazzino"));
            Assert.False(errors.Any);
            return 0;
        });
        var api = org.Api();
        var survey = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Dopo la consegna", kind = "nps", touchpoint = "consegna" }), HttpStatusCode.Created);
        var id = survey.GetProperty("id").GetGuid();
        var published = await JsonAsync(await api.PostAsync($"/api/v1/surveys/{id}/publish", null));
        return (org, api, id, published.GetProperty("public_url").GetString()!, referente);
    }

    /// <summary>A customer answers through their personal link: the score in one click, then the comment.</summary>
    /// <param name="caseNumber">The resolved case the survey follows, if any.</param>
    private async Task<Guid> AnswerAsync(HttpClient api, Guid surveyId, string customerEmail, int score, string? comment, int? caseNumber = null)
    {
        var customer = await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi Costruzioni S.r.l.", email = customerEmail }), HttpStatusCode.Created);
        var invitation = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { customer_id = customer.GetProperty("id").GetGuid(), channel = "api", case_number = caseNumber }), HttpStatusCode.Created);
        var link = new Uri(invitation.GetProperty("url").GetString()!).PathAndQuery;
        var respondent = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await respondent.GetAsync($"{link}?punteggio={score}")).StatusCode);
        if (comment is not null)
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync(respondent, link, ("passo", "commento"), ("punteggio", score.ToString()), ("commento", comment))).StatusCode);
        }

        return customer.GetProperty("id").GetGuid();
    }

    private Task<List<SurveyResponse>> AnswersAsync(TestOrganization org) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<SurveyResponse>().AsNoTracking().ToListAsync());

    private Task<List<LoopTask>> LoopsAsync(TestOrganization org) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<LoopTask>().AsNoTracking().OrderBy(l => l.Number).ToListAsync());

    [Fact]
    public async Task Detractor_WithANegativeComment_OpensALoopForTheTouchpointOwner_WhoCallsWritesAndClosesIt()
    {
        var (org, api, surveyId, _, referente) = await SetUpAsync("Cerchio Rossi S.r.l.");
        var maria = Email("maria");
        var customerId = await AnswerAsync(api, surveyId, maria, 4, Delivery);

        // The score opens the loop; the comment's analysis adds its reason: negative, about delivery times.
        await Wait.UntilAsync(async () => (await LoopsAsync(org)).SingleOrDefault()?.Reasons == "low_score,negative_comment", "the loop with both reasons");
        var answers = await JsonAsync(await api.GetAsync("/api/v1/survey-answers?sentiment=negative&topic=delivery_times"));
        var answer = Assert.Single(answers.GetProperty("items").EnumerateArray());
        Assert.Equal("negative", answer.GetProperty("sentiment").GetString());
        Assert.Equal(1, answer.GetProperty("loop").GetInt32());
        Assert.Equal(0, (await JsonAsync(await api.GetAsync("/api/v1/survey-answers?sentiment=positive"))).GetProperty("total").GetInt32());
        await JsonAsync(await api.GetAsync("/api/v1/survey-answers?sentiment=furioso"), HttpStatusCode.BadRequest);

        var loop = await JsonAsync(await api.GetAsync("/api/v1/loops/1"));
        Assert.Equal(("open", "Logistica e magazzino", maria, "consegna"),
            (loop.GetProperty("status").GetString(), loop.GetProperty("department").GetString(), loop.GetProperty("email").GetString(), loop.GetProperty("touchpoint").GetString()));
        Assert.True(loop.GetProperty("due_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(8), "48 working hours are at least a working day away");
        Assert.Contains("delivery_times", loop.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));

        // The warehouse's referente is told, finds it in the list and on its page, with the comment and its analysis.
        var paolo = await org.SignInAsync(referente);
        Assert.Contains("Cerchio da chiudere", (await Html.GetAsync(paolo, "/notifiche")).Body!.TextContent, StringComparison.Ordinal);
        var list = await Html.GetAsync(paolo, "/ascolto/cerchi");
        Assert.NotNull(list.QuerySelector("#loops tr[data-loop='1']"));
        Assert.NotNull((await Html.GetAsync(paolo, "/")).QuerySelector("#home-my-loops li[data-loop='1']"));
        var csv = await paolo.GetStringAsync("/ascolto/risposte/export.csv?sentiment=negative");
        Assert.Contains(Delivery, csv, StringComparison.Ordinal);
        Assert.Contains("delivery_times", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(Delivery, await paolo.GetStringAsync("/ascolto/risposte/export.csv?sentiment=positive"), StringComparison.Ordinal);
        var page = await Html.GetAsync(paolo, "/ascolto/cerchi/1");
        Assert.Equal(Delivery, page.QuerySelector("#loop-comment")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#loop-analysis [data-sentiment=negative]"));
        Assert.NotNull(page.QuerySelector("#loop-analysis [data-topic=delivery_times]"));

        // A call without saying whether she answered is refused, the text kept; then logged.
        var refused = await Html.SubmitFormAsync(paolo, "/ascolto/cerchi/1", "log", new() { ["Log.Kind"] = "call", ["Log.Text"] = "Chiamata alle 10" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Chiamata alle 10", (await Html.ParseAsync(refused)).QuerySelector("#log-text")!.TextContent, StringComparison.Ordinal);
        var logged = await Html.SubmitFormAsync(paolo, "/ascolto/cerchi/1", "log", new() { ["Log.Kind"] = "call", ["Log.Reached"] = "true", ["Log.Text"] = "Scuse; nuova data giovedì." });
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);

        // An email to her goes out through the outbox and arrives.
        await JsonAsync(await api.PostAsJsonAsync("/api/v1/loops/1/activities", new { kind = "email", subject = "La sua consegna", text = "Gentile Maria, la consegna arriva giovedì." }), HttpStatusCode.Created);
        await Wait.UntilAsync(() => app.Smtp.Messages().Any(m => m.To.Mailboxes.Any(t => t.Address == maria) && m.Subject == "La sua consegna"), "the loop's email to the customer");

        // Closing needs the outcome and a known cause; then it is closed once.
        var bad = await JsonAsync(await api.PostAsJsonAsync("/api/v1/loops/1/close", new { outcome = "boh", root_cause = "Cliente non avvisato di un ritardo" }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("outcome", out _));
        bad = await JsonAsync(await api.PostAsJsonAsync("/api/v1/loops/1/close", new { outcome = "solved", root_cause = "Colpa della luna" }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("root_cause", out _));
        var closed = await Html.SubmitFormAsync(paolo, "/ascolto/cerchi/1", "close", new() { ["Close.Outcome"] = "solved", ["Close.RootCause"] = await CauseIdAsync(api, "Cliente non avvisato di un ritardo") });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        loop = await JsonAsync(await api.GetAsync("/api/v1/loops/1"));
        Assert.Equal(("closed", "solved", "Cliente non avvisato di un ritardo"), (loop.GetProperty("status").GetString(), loop.GetProperty("outcome").GetString(), loop.GetProperty("root_cause").GetString()));
        Assert.Equal("call,email", string.Join(",", loop.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("kind").GetString())));
        await JsonAsync(await api.PostAsJsonAsync("/api/v1/loops/1/close", new { outcome = "solved", root_cause = "Altro" }), HttpStatusCode.Conflict);

        // Counted: one opened, closed within its SLA; on her timeline from opening to closing.
        var closure = await JsonAsync(await api.GetAsync("/api/v1/loop-closure"));
        Assert.Equal((1, 1, 100.0), (closure.GetProperty("whole").GetProperty("opened").GetInt32(), closure.GetProperty("whole").GetProperty("closed_in_time").GetInt32(), closure.GetProperty("whole").GetProperty("closure_rate").GetDouble()));
        Assert.Equal("Logistica e magazzino", Assert.Single(closure.GetProperty("by_department").EnumerateArray()).GetProperty("group").GetString());
        var timeline = await api.GetStringAsync($"/api/v1/customers/{customerId}/timeline");
        foreach (var type in new[] { "survey_answered", "loop_opened", "loop_contact", "loop_closed" })
        {
            Assert.Contains($"\"{type}\"", timeline, StringComparison.Ordinal);
        }

        // The customer came back: reopened, and open again in the list.
        Assert.Equal("open", (await JsonAsync(await api.PostAsync("/api/v1/loops/1/reopen", null))).GetProperty("status").GetString());
        await JsonAsync(await api.PostAsync("/api/v1/loops/1/reopen", null), HttpStatusCode.Conflict);
        await JsonAsync(await api.GetAsync("/api/v1/loops/2"), HttpStatusCode.NotFound);
    }

    private static async Task<string> CauseIdAsync(HttpClient api, string name) =>
        (await JsonAsync(await api.GetAsync("/api/v1/loop-root-causes"))).EnumerateArray().First(c => c.GetProperty("name").GetString() == name).GetProperty("id").GetString()!;

    [Fact]
    public async Task ClosingWithAResurvey_AsksTheSameSurveyAgainDespiteTheFatigueRule_AndTheNewScoreShowsOnTheLoop()
    {
        var (org, api, surveyId, _, referente) = await SetUpAsync("Cerchi Nuovo Parere S.r.l.");
        var maria = Email("maria");
        await AnswerAsync(api, surveyId, maria, 3, Delivery);
        await Wait.UntilAsync(async () => (await LoopsAsync(org)).Count == 1, "the 3's loop");
        var cause = await CauseIdAsync(api, "Cliente non avvisato di un ritardo");

        // Out of range: refused, the loop stays open and nobody is invited.
        var bad = await JsonAsync(await api.PostAsJsonAsync("/api/v1/loops/1/close", new { outcome = "solved", root_cause = cause, resurvey_in_days = 61 }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("resurvey", out _));
        Assert.Equal(LoopStatus.Open, Assert.Single(await LoopsAsync(org)).Status);

        // Closed on the page asking again at once: the invitation goes out although Maria was invited minutes ago.
        var paolo = await org.SignInAsync(referente);
        var closed = await Html.SubmitFormAsync(paolo, "/ascolto/cerchi/1", "close", new()
        {
            ["Close.Outcome"] = "solved", ["Close.RootCause"] = cause, ["Close.Resurvey"] = "true", ["Close.ResurveyInDays"] = "0",
        });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(LoopStatus.Closed, Assert.Single(await LoopsAsync(org)).Status);
        await Wait.UntilAsync(() => app.Smtp.Messages().Any(m => m.To.Mailboxes.Any(t => t.Address == maria)), "the survey email to Maria");
        var email = app.Smtp.Messages().Last(m => m.To.Mailboxes.Any(t => t.Address == maria));
        var nine = email.TextBody!.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("9: ", StringComparison.Ordinal))[3..];
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync(new Uri(nine).PathAndQuery)).StatusCode);
        var page = await Html.GetAsync(paolo, "/ascolto/cerchi/1");
        Assert.Equal("9", page.QuerySelector("#resurveys [data-resurvey]")!.GetAttribute("data-score"));
        // Its answer is a new one, the loop's stays as it was; a 9 opens no loop.
        var answers = await AnswersAsync(org);
        Assert.Equal([3, 9], answers.Select(a => a.Score!.Value).Order());
        Assert.Single(await LoopsAsync(org));

        // Every other invitation still keeps the rule.
        var again = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { email = maria }), HttpStatusCode.Created);
        Assert.Equal(("skipped", "fatigue"), (again.GetProperty("status").GetString(), again.GetProperty("skip_reason").GetString()));

        // Reopened and closed again later, with a delay: a second, scheduled invitation; a closed survey cannot ask.
        await JsonAsync(await api.PostAsync("/api/v1/loops/1/reopen", null));
        await JsonAsync(await api.PostAsJsonAsync("/api/v1/loops/1/close", new { outcome = "solved", root_cause = cause, resurvey_in_days = 7 }));
        page = await Html.GetAsync(paolo, "/ascolto/cerchi/1");
        Assert.Equal(["scheduled", "sent"], page.QuerySelectorAll("#resurveys [data-resurvey]").Select(r => r.GetAttribute("data-resurvey")));
        await JsonAsync(await api.PostAsync("/api/v1/loops/1/reopen", null));
        await JsonAsync(await api.PostAsync($"/api/v1/surveys/{surveyId}/close", null));
        bad = await JsonAsync(await api.PostAsJsonAsync("/api/v1/loops/1/close", new { outcome = "solved", root_cause = cause, resurvey_in_days = 7 }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("resurvey", out _));
        Assert.Equal(LoopStatus.Open, Assert.Single(await LoopsAsync(org)).Status);
    }

    [Fact]
    public async Task TheRules_DecideWhichAnswersOpenALoop_NobodyToReachOpensNone_AndAnOverdueLoopIsEscalatedOnce()
    {
        var (org, api, surveyId, publicUrl, _) = await SetUpAsync("Cerchio Regole S.r.l.");
        foreach (var (body, field) in new (object, string)[]
        {
            (new { nps_up_to = 11, negative_comment = true, sla_hours = 48 }, "nps_up_to"), (new { csat_up_to = 0, negative_comment = true, sla_hours = 48 }, "csat_up_to"),
            (new { nps_up_to = 6, negative_comment = true, sla_hours = 0 }, "sla_hours"),
        })
        {
            var refused = await JsonAsync(await api.PutAsJsonAsync("/api/v1/loop-rules", body), HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty(field, out _), field);
        }

        Assert.Equal(6, (await JsonAsync(await api.GetAsync("/api/v1/loop-rules"))).GetProperty("nps_up_to").GetInt32());
        await JsonAsync(await api.PutAsJsonAsync("/api/v1/loop-rules", new { nps_up_to = 3, csat_up_to = 2, ces_up_to = 3, negative_comment = false, sla_hours = 8, reopen_case = true }));

        // A 5 with a negative comment opens none now; a public link's 0 has nobody to call back; a 2 opens one.
        await AnswerAsync(api, surveyId, Email("cinque"), 5, Delivery);
        var stranger = app.Browser();
        var path = new Uri(publicUrl).AbsolutePath;
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(stranger, path, ("passo", "punteggio"), ("punteggio", "0"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync(stranger, path, ("passo", "commento"), ("punteggio", "0"), ("commento", Delivery))).StatusCode);
        await Wait.UntilAsync(async () => (await AnswersAsync(org)).Count(a => a.Sentiment == "negative") == 2, "both comments analysed");
        Assert.Empty(await LoopsAsync(org));
        await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { name = "Due S.r.l.", external_id = "DUE" }), HttpStatusCode.Created);
        var opened = await JsonAsync(await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Consegna", customer = new { external_id = "DUE" }, channel = "phone", touchpoint = "consegna", text = "Quando arriva?" }), HttpStatusCode.Created);
        var caseNumber = opened.GetProperty("number").GetInt32();
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseNumber}/status", new { status = "resolved" }));
        var due = await AnswerAsync(api, surveyId, Email("due"), 2, null, caseNumber);
        await Wait.UntilAsync(async () => (await LoopsAsync(org)).Count == 1, "the 2's loop");
        var loop = Assert.Single(await LoopsAsync(org));
        Assert.Equal((due, "low_score", caseNumber), (loop.CustomerId!.Value, loop.Reasons, loop.CaseNumber!.Value));

        // The rule reopens the case it followed, with a note for its agents.
        var reopened = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseNumber}"));
        Assert.Equal("open", reopened.GetProperty("status").GetString());
        Assert.Contains("cerchio n. 1", await (await org.SignInAsync(Role.CxLead)).GetStringAsync($"/assistenza/pratiche/{caseNumber}"), StringComparison.Ordinal);

        // Not yet due: nothing to escalate. Past due: the CX lead hears once, however often the sweep runs.
        var pass = app.Services.GetRequiredService<Cerchio.Feedback.Features.Loops.EscalateOverdueLoops>();
        await pass.RunAsync(CancellationToken.None);
        Assert.Null(Assert.Single(await LoopsAsync(org)).EscalatedAt);
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            (await db.Set<LoopTask>().SingleAsync()).DueAt = DateTimeOffset.UtcNow.AddMinutes(-5);
            return await db.SaveChangesAsync();
        });
        await pass.RunAsync(CancellationToken.None);
        await pass.RunAsync(CancellationToken.None);
        Assert.NotNull(Assert.Single(await LoopsAsync(org)).EscalatedAt);
        var lead = await org.SignInAsync(Role.CxLead);
        var bell = (await Html.GetAsync(lead, "/notifiche")).Body!.TextContent;
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(bell, "Cerchio n\\. 1 scaduto"));
        var overdue = await JsonAsync(await api.GetAsync("/api/v1/loops?state=overdue"));
        Assert.True(Assert.Single(overdue.GetProperty("items").EnumerateArray()).GetProperty("overdue").GetBoolean());
        await JsonAsync(await api.GetAsync("/api/v1/loops?state=boh"), HttpStatusCode.BadRequest);

        // Another organization sees none of it.
        var other = await app.CreateOrganizationAsync("Cerchio Altra S.r.l.");
        await JsonAsync(await other.Api().GetAsync("/api/v1/loops/1"), HttpStatusCode.NotFound);
        Assert.Equal(0, (await JsonAsync(await other.Api().GetAsync("/api/v1/loops?state=all"))).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await (await other.SignInAsync()).GetAsync("/ascolto/cerchi/1")).StatusCode);
    }
}

public sealed class LoopTestsOnSqlite(MailSqliteApp app) : LoopTests(app), IClassFixture<MailSqliteApp>;

public sealed class LoopTestsOnPostgres(MailPostgresApp app) : LoopTests(app), IClassFixture<MailPostgresApp>;
