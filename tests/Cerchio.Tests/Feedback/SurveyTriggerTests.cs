using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// A resolved case invites its customer by itself, through the real SMTP server: the email's one-click score answers it,
/// tied to the case and touchpoint; the rules across surveys skip (and say why) a person invited lately, one with a
/// complaint open, or one who unsubscribed in one click; a delayed invitation goes out when due, checked again.
/// </summary>
public abstract class SurveyTriggerTests(MailApp app)
{
    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(TestOrganization Org, HttpClient Api, Guid SurveyId)> SurveyWithTriggerAsync(string name, object trigger)
    {
        var org = await app.CreateOrganizationAsync(name, (Email("lead"), Role.CxLead));
        var api = org.Api();
        var survey = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Dopo la pratica", kind = "nps", brand = name }), HttpStatusCode.Created);
        var id = survey.GetProperty("id").GetGuid();
        await JsonAsync(await api.PostAsync($"/api/v1/surveys/{id}/publish", null));
        await JsonAsync(await api.PutAsJsonAsync($"/api/v1/surveys/{id}/trigger", trigger));
        return (org, api, id);
    }

    private static async Task<int> ResolvedCaseAsync(HttpClient api, string externalId, string type = "request", string touchpoint = "consegna")
    {
        var opened = await JsonAsync(await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Consegna in ritardo", customer = new { external_id = externalId }, channel = "email", type, touchpoint, text = "Dov'è il mio ordine?" }), HttpStatusCode.Created);
        var number = opened.GetProperty("number").GetInt32();
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{number}/status", new { status = "resolved" }));
        return number;
    }

    private Task<List<SurveyInvitation>> InvitationsAsync(TestOrganization org) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<SurveyInvitation>().AsNoTracking().OrderBy(i => i.CreatedAt).ToListAsync());

    private async Task<MimeMessage> EmailToAsync(string address, int count = 1)
    {
        await Wait.UntilAsync(() => app.Smtp.Messages().Count(m => m.To.Mailboxes.Any(t => t.Address == address)) >= count, $"the survey email to {address}");
        return app.Smtp.Messages().Where(m => m.To.Mailboxes.Any(t => t.Address == address)).Last();
    }

    [Fact]
    public async Task ResolvedCase_EmailsTheSurvey_ItsOneClickScoreAnswers_AndTheRulesSkipWithTheirReason()
    {
        var (org, api, surveyId) = await SurveyWithTriggerAsync("Trigger Rossi S.r.l.", new { enabled = true, touchpoint = "consegna" });
        var maria = Email("maria");
        await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi Costruzioni S.r.l.", email = maria, external_id = "BIANCHI" }), HttpStatusCode.Created);

        // A case on another touchpoint does not match the trigger.
        await ResolvedCaseAsync(api, "BIANCHI", touchpoint: "fattura");
        var number = await ResolvedCaseAsync(api, "BIANCHI");
        var email = await EmailToAsync(maria);
        Assert.Contains("Trigger Rossi S.r.l.", email.From.Mailboxes.Single().Name, StringComparison.Ordinal);
        Assert.Contains($"n. {number}", email.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("<http", email.Headers["List-Unsubscribe"]!, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        var invitation = Assert.Single(await InvitationsAsync(org));
        Assert.Equal(InvitationStatus.Sent, invitation.Status);

        // The 4 in the email answers: a partial answer tied to the case and its touchpoint.
        var four = email.TextBody!.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("4: ", StringComparison.Ordinal))[3..];
        var respondent = app.Browser();
        var page = await Html.GetAsync(respondent, new Uri(four).PathAndQuery);
        Assert.Equal("true", page.QuerySelector("[data-score='4']")!.GetAttribute("aria-pressed"));
        var answer = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<SurveyResponse>().SingleAsync());
        Assert.Equal((4, "consegna", invitation.CaseId), (answer.Score!.Value, answer.TouchpointCode!, answer.CaseId));

        // Resolved again within the fatigue days: skipped, with why; no second email.
        await ResolvedCaseAsync(api, "BIANCHI");
        await Wait.UntilAsync(async () => (await InvitationsAsync(org)).Count == 2, "the second invitation is recorded");
        var second = (await InvitationsAsync(org))[1];
        Assert.Equal((InvitationStatus.Skipped, SkipReasons.Fatigue), (second.Status, second.SkipReason));

        // With no fatigue limit, an open complaint still holds the survey back.
        await JsonAsync(await api.PutAsJsonAsync("/api/v1/survey-settings", new { fatigue_days = 0 }));
        await JsonAsync(await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Reclamo", customer = new { external_id = "BIANCHI" }, channel = "phone", type = "complaint", text = "Pessimo servizio" }), HttpStatusCode.Created);
        await ResolvedCaseAsync(api, "BIANCHI");
        await Wait.UntilAsync(async () => (await InvitationsAsync(org)).Count == 3, "the third invitation is recorded");
        Assert.Equal(SkipReasons.OpenComplaint, (await InvitationsAsync(org))[2].SkipReason);
        var lead = await org.SignInAsync(Role.CxLead);
        var surveyPage = await Html.GetAsync(lead, $"/ascolto/sondaggi/{surveyId}");
        Assert.Equal(2, surveyPage.QuerySelectorAll("#invitations tr[data-status=skipped]").Length);
        Assert.Contains("Ha un reclamo aperto", surveyPage.QuerySelector("#invitations")!.TextContent, StringComparison.Ordinal);

        // The unsubscribe link works in one click, and is honoured by every later invitation; the way back too.
        var unsubscribe = new Uri(email.Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery;
        var gone = await Html.GetAsync(app.Browser(), unsubscribe);
        Assert.NotNull(gone.QuerySelector("#opted-out"));
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().PostAsync(unsubscribe, new FormUrlEncodedContent([]))).StatusCode);   // RFC 8058 one-click, again: idempotent
        var refused = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { email = maria }), HttpStatusCode.Created);
        Assert.Equal(("skipped", "opted_out"), (refused.GetProperty("status").GetString(), refused.GetProperty("skip_reason").GetString()));
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("url").ValueKind);
        var back = await app.Browser().PostAsync(unsubscribe, new FormUrlEncodedContent([new("annulla", "1")]));
        Assert.NotNull((await Html.ParseAsync(back)).QuerySelector("#opted-in"));
        var again = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { email = maria }), HttpStatusCode.Created);
        Assert.Equal("sent", again.GetProperty("status").GetString());
        await EmailToAsync(maria, 2);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/r/" + new string('B', 43) + "/disiscrivi")).StatusCode);
    }

    [Fact]
    public async Task DelayedInvitation_WaitsForItsTime_ThenGoesOut_OrIsSkippedIfTheSurveyClosedMeanwhile()
    {
        var (org, api, surveyId) = await SurveyWithTriggerAsync("Trigger Ritardo S.r.l.", new { enabled = true, case_type = "request", delay_hours = 48 });
        var luca = Email("luca");
        await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { name = "Luca Verdi", email = luca, external_id = "VERDI" }), HttpStatusCode.Created);
        await ResolvedCaseAsync(api, "VERDI");
        await Wait.UntilAsync(async () => (await InvitationsAsync(org)).Count == 1, "the invitation is scheduled");
        var scheduled = Assert.Single(await InvitationsAsync(org));
        Assert.Equal(InvitationStatus.Scheduled, scheduled.Status);
        Assert.InRange(scheduled.SendAt!.Value, DateTimeOffset.UtcNow.AddHours(47), DateTimeOffset.UtcNow.AddHours(49));

        var pass = app.Services.GetRequiredService<Cerchio.Feedback.Features.Invitations.SendScheduledInvitations>();
        await pass.RunAsync(CancellationToken.None);
        Assert.Equal(InvitationStatus.Scheduled, Assert.Single(await InvitationsAsync(org)).Status);   // not due yet

        await MakeDueAsync(org);
        await pass.RunAsync(CancellationToken.None);
        Assert.Equal(InvitationStatus.Sent, Assert.Single(await InvitationsAsync(org)).Status);
        var email = await EmailToAsync(luca);
        Assert.Contains("?punteggio=10", email.TextBody, StringComparison.Ordinal);

        // Another one, due after the survey was closed: skipped, with why.
        await JsonAsync(await api.PutAsJsonAsync("/api/v1/survey-settings", new { fatigue_days = 0 }));
        await ResolvedCaseAsync(api, "VERDI");
        await Wait.UntilAsync(async () => (await InvitationsAsync(org)).Count == 2, "the second invitation is scheduled");
        await JsonAsync(await api.PostAsync($"/api/v1/surveys/{surveyId}/close", null));
        await MakeDueAsync(org);
        await pass.RunAsync(CancellationToken.None);
        Assert.Equal((InvitationStatus.Skipped, SkipReasons.SurveyClosed), ((await InvitationsAsync(org))[1].Status, (await InvitationsAsync(org))[1].SkipReason));
    }

    [Fact]
    public async Task Trigger_BadInput_IsRefused_AndTheSettingsToo()
    {
        var (_, api, surveyId) = await SurveyWithTriggerAsync("Trigger Errori S.r.l.", new { enabled = false });
        foreach (var (body, field) in new (object, string)[]
        {
            (new { enabled = true, case_type = "lamentela" }, "case_type"), (new { enabled = true, channel = "piccione" }, "channel"),
            (new { enabled = true, touchpoint = "nessuno" }, "touchpoint"), (new { enabled = true, delay_hours = -1 }, "delay_hours"),
        })
        {
            var refused = await JsonAsync(await api.PutAsJsonAsync($"/api/v1/surveys/{surveyId}/trigger", body), HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty(field, out _), field);
        }

        Assert.False((await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/trigger"))).GetProperty("enabled").GetBoolean());
        await JsonAsync(await api.PutAsJsonAsync("/api/v1/survey-settings", new { fatigue_days = 400 }), HttpStatusCode.BadRequest);
        Assert.Equal(30, (await JsonAsync(await api.GetAsync("/api/v1/survey-settings"))).GetProperty("fatigue_days").GetInt32());
    }

    private Task<int> MakeDueAsync(TestOrganization org) => app.InOrganizationAsync(org.Id, async services =>
    {
        var db = services.GetRequiredService<CerchioDb>();
        foreach (var i in await db.Set<SurveyInvitation>().Where(i => i.Status == InvitationStatus.Scheduled).ToListAsync())
        {
            i.SendAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        }

        return await db.SaveChangesAsync();
    });
}

public sealed class SurveyTriggerTestsOnSqlite(MailSqliteApp app) : SurveyTriggerTests(app), IClassFixture<MailSqliteApp>;

public sealed class SurveyTriggerTestsOnPostgres(MailPostgresApp app) : SurveyTriggerTests(app), IClassFixture<MailPostgresApp>;
