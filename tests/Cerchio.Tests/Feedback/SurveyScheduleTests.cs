using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.Invitations;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// A relationship survey on a calendar: a run invites every person of the segment once — person customers and the
/// contacts of companies — through the real SMTP server in each one's language, and skips with its reason whoever the
/// rules hold back; two sweeps racing, or a run cut short, still invite everyone once; bad input is refused per field;
/// another organization's survey is not found and its customers are never touched; the survey's page shows the next
/// run and the last run's outcome; a company's relationship NPS then counts the relationship survey's answers only.
/// </summary>
public abstract class SurveyScheduleTests(MailApp app)
{
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Rome).DateTime);

    /// <summary>The instant a local hour of a day is in Rome (for days without a clock change).</summary>
    private static DateTimeOffset InRome(DateOnly day, int hour)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, Rome.GetUtcOffset(local)).ToUniversalTime();
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(TestOrganization Org, HttpClient Api, Guid SurveyId)> SurveyAsync(string name)
    {
        var org = await app.CreateOrganizationAsync(name, (Email("lead"), Role.CxLead), (Email("agente"), Role.Agent));
        var api = org.Api();
        var survey = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Relazione annuale", kind = "nps", brand = name }), HttpStatusCode.Created);
        var id = survey.GetProperty("id").GetGuid();
        await JsonAsync(await api.PostAsync($"/api/v1/surveys/{id}/publish", null));
        return (org, api, id);
    }

    private static async Task<Guid> CustomerAsync(HttpClient api, object body) =>
        (await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", body), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static async Task<string> ContactAsync(HttpClient api, Guid company, string name, object? extra = null)
    {
        var email = Email(name);
        var fields = new Dictionary<string, object?> { ["first_name"] = name, ["last_name"] = "Bianchi", ["email"] = email };
        foreach (var p in extra is null ? [] : JsonSerializer.SerializeToElement(extra).EnumerateObject())
        {
            fields[p.Name] = p.Value;
        }

        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/customers/{company}/contacts", fields), HttpStatusCode.Created);
        return email;
    }

    private static Dictionary<string, string> Segment(string value) => new() { ["segmento"] = value };

    private Task<List<SurveyInvitation>> InvitationsAsync(TestOrganization org) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<SurveyInvitation>().AsNoTracking().OrderBy(i => i.CreatedAt).ToListAsync());

    /// <summary>The sweep's pass as an instance runs it at <paramref name="at"/>.</summary>
    private Task<int> SweepAtAsync(DateTimeOffset at) =>
        ActivatorUtilities.CreateInstance<RunSurveySchedules>(app.Services, new ManualClock(at)).RunAsync(CancellationToken.None);

    private async Task<MimeMessage> EmailToAsync(string address)
    {
        await Wait.UntilAsync(() => app.Smtp.Messages().Any(m => m.To.Mailboxes.Any(t => t.Address == address)), $"the survey email to {address}");
        return app.Smtp.Messages().Last(m => m.To.Mailboxes.Any(t => t.Address == address));
    }

    [Fact]
    public async Task Run_InvitesTheSegmentsPeopleOnce_CustomersAndContacts_InTheirLanguage_AndSkipsWithTheReason()
    {
        var (org, api, surveyId) = await SurveyAsync("Programma Rossi S.r.l.");
        var anna = Email("anna");
        await CustomerAsync(api, new { kind = "person", first_name = "Anna", last_name = "Neri", email = anna, attributes = Segment("A") });
        await CustomerAsync(api, new { kind = "person", first_name = "Bruno", last_name = "Senzamail", attributes = Segment("A") });
        var carla = Email("carla");
        await CustomerAsync(api, new { kind = "person", first_name = "Carla", last_name = "Rifiuta", email = carla, attributes = Segment("A"), survey_consent = false });
        var dario = Email("dario");
        await CustomerAsync(api, new { kind = "person", first_name = "Dario", last_name = "Altro", email = dario, attributes = Segment("B") });
        // The segment's value compares ignoring case: "a" is A.
        var bianchi = await CustomerAsync(api, new { kind = "company", name = "Bianchi Costruzioni S.r.l.", email = Email("info"), attributes = Segment("a") });
        var maria = await ContactAsync(api, bianchi, "maria", new { language = "en" });
        var luca = await ContactAsync(api, bianchi, "luca");
        var paolo = await ContactAsync(api, bianchi, "paolo");
        var verdi = await CustomerAsync(api, new { kind = "company", name = "Verdi Impianti S.p.A.", external_id = "VERDI", attributes = Segment("A") });
        var giulia = await ContactAsync(api, verdi, "giulia");
        await CustomerAsync(api, new { kind = "company", name = "Senza Contatti S.r.l.", attributes = Segment("A") });

        // Luca asked for no more surveys; Paolo was invited a moment ago; Verdi has a complaint open.
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            db.Add(new SurveyOptOut { Id = Ids.New(), Email = luca, At = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { customer_id = bianchi, email = paolo, channel = "api" }), HttpStatusCode.Created);
        await JsonAsync(await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Reclamo", customer = new { external_id = "VERDI" }, channel = "phone", type = "complaint", text = "Impianto fermo" }), HttpStatusCode.Created);

        // Another organization with a customer of the same segment and no schedule: never touched.
        var (other, otherApi, _) = await SurveyAsync("Programma Altri S.r.l.");
        await CustomerAsync(otherApi, new { kind = "person", first_name = "Estranea", last_name = "Altrui", email = Email("estranea"), attributes = Segment("A") });

        var first = Today.AddDays(1);
        var saved = await JsonAsync(await api.PutAsJsonAsync($"/api/v1/surveys/{surveyId}/schedule",
            new { enabled = true, attribute = " Segmento ", value = "a", every_months = 3, first_day = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), hour = 9 }));
        var due = InRome(first, 9);
        Assert.Equal(("Segmento", "A", 3, 9, "Europe/Rome"), (saved.GetProperty("attribute").GetString(), saved.GetProperty("value").GetString(),
            saved.GetProperty("every_months").GetInt32(), saved.GetProperty("hour").GetInt32(), saved.GetProperty("time_zone").GetString()));
        Assert.Equal(due, saved.GetProperty("next_run_at").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, saved.GetProperty("last_run").ValueKind);

        // Not yet due: nothing. Due: the run.
        await SweepAtAsync(due.AddMinutes(-1));
        Assert.Single(await InvitationsAsync(org));
        await SweepAtAsync(due.AddMinutes(1));
        var run = (await InvitationsAsync(org)).Where(i => i.Cause?.StartsWith(SurveySchedule.CausePrefix(due), StringComparison.Ordinal) == true).ToList();
        Assert.Equal(7, run.Count);
        Assert.Equal(run.Count, run.Select(i => i.Cause).Distinct().Count());
        var sent = run.Where(i => i.Status == InvitationStatus.Sent).ToDictionary(i => i.Email!, i => i.Language);
        Assert.Equal(new Dictionary<string, string> { [anna] = "it", [maria] = "en" }, sent);
        var skipped = run.Where(i => i.Status == InvitationStatus.Skipped).Select(i => (i.Email, i.SkipReason)).OrderBy(s => s.SkipReason).ToList();
        Assert.Equal(new (string?, string?)[]
        {
            (paolo, SkipReasons.Fatigue), (null, SkipReasons.NoEmail), (carla, SkipReasons.NoConsent), (giulia, SkipReasons.OpenComplaint), (luca, SkipReasons.OptedOut),
        }.OrderBy(s => s.Item2), skipped);
        Assert.DoesNotContain(run, i => i.Email == dario);
        Assert.Equal(bianchi, run.Single(i => i.Email == maria).CustomerId);

        // Each invited person gets the email, Maria in English; Bianchi's own address is not a person.
        Assert.Contains("Programma Rossi", (await EmailToAsync(anna)).Subject, StringComparison.Ordinal);
        Assert.Contains("How likely are you to recommend", (await EmailToAsync(maria)).TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Smtp.Messages(), m => m.To.Mailboxes.Any(t => t.Address == carla || t.Address == luca || t.Address == giulia));

        // The outcome, and the next run three months on; later passes make nothing new.
        var schedule = await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/schedule"));
        Assert.Equal(InRome(first.AddMonths(3), 9), schedule.GetProperty("next_run_at").GetDateTimeOffset());
        var last = schedule.GetProperty("last_run");
        Assert.Equal((due, true, 2, 5), (last.GetProperty("at").GetDateTimeOffset(), last.GetProperty("finished").GetBoolean(), last.GetProperty("invited").GetInt32(), last.GetProperty("skipped").GetInt32()));
        Assert.Equal(1, last.GetProperty("skipped_by").GetProperty("open_complaint").GetInt32());
        await SweepAtAsync(due.AddHours(2));
        Assert.Equal(8, (await InvitationsAsync(org)).Count);
        Assert.Empty(await InvitationsAsync(other));

        // The survey's page says the same.
        var lead = await org.SignInAsync(Role.CxLead);
        var page = await Html.GetAsync(lead, $"/ascolto/sondaggi/{surveyId}");
        var outcome = page.QuerySelector("#schedule-last-run")!;
        Assert.Equal(("2", "5"), (outcome.GetAttribute("data-invited"), outcome.GetAttribute("data-skipped")));
        Assert.Contains("Ha un reclamo aperto: 1", page.QuerySelector("#schedule-skipped li[data-reason=open_complaint]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(InRome(first.AddMonths(3), 9), DateTimeOffset.Parse(page.QuerySelector("#schedule-next time")!.GetAttribute("datetime")!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TwoSweepsRacing_OrARunCutShort_InviteEachPersonOncePerRun()
    {
        var (org, api, surveyId) = await SurveyAsync("Programma Gara S.r.l.");
        await JsonAsync(await api.PutAsJsonAsync("/api/v1/survey-settings", new { fatigue_days = 0 }));   // so a second invitation would be sent, not skipped
        var people = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            people.Add(Email($"persona{i}"));
            await CustomerAsync(api, new { kind = "person", first_name = $"Persona{i}", last_name = "Gara", email = people[^1] });
        }

        var first = Today.AddDays(2);
        await JsonAsync(await api.PutAsJsonAsync($"/api/v1/surveys/{surveyId}/schedule",
            new { enabled = true, every_months = 6, first_day = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), hour = 10 }));
        var due = InRome(first, 10);

        // An instance stops after the first batch (two customers): the run is under way, its next run already set.
        var read = await app.InOrganizationAsync(org.Id, async services =>
        {
            var schedule = (await services.GetRequiredService<SurveySchedules>().FindAsync(surveyId))!;
            return await services.GetRequiredService<SurveySchedules>().RunBatchAsync(schedule.Id, due.AddMinutes(5), batch: 2);
        });
        Assert.Equal(2, read);
        Assert.Equal(2, (await InvitationsAsync(org)).Count);
        var underWay = await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/schedule"));
        Assert.False(underWay.GetProperty("last_run").GetProperty("finished").GetBoolean());

        // Two instances carry on at once: the other three, once each.
        await Task.WhenAll(SweepAtAsync(due.AddMinutes(6)), SweepAtAsync(due.AddMinutes(6)));
        var once = await InvitationsAsync(org);
        Assert.Equal(people.Order(), once.Select(i => i.Email!).Order());
        Assert.All(once, i => Assert.Equal(InvitationStatus.Sent, i.Status));

        // The next run, six months on, started by two instances at once: everyone once more, under the new run's cause.
        var next = InRome(first.AddMonths(6), 10);
        var status = await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/schedule"));
        Assert.Equal(next, status.GetProperty("next_run_at").GetDateTimeOffset());
        Assert.Equal((true, 5), (status.GetProperty("last_run").GetProperty("finished").GetBoolean(), status.GetProperty("last_run").GetProperty("invited").GetInt32()));
        await Task.WhenAll(SweepAtAsync(next.AddMinutes(1)), SweepAtAsync(next.AddMinutes(1)), SweepAtAsync(next.AddMinutes(2)));
        var twice = await InvitationsAsync(org);
        Assert.Equal(10, twice.Count);
        Assert.All(twice.GroupBy(i => i.Email), g => Assert.Equal(2, g.Select(i => i.Cause).Distinct().Count()));
        Assert.Equal(5, twice.Count(i => i.Cause!.StartsWith(SurveySchedule.CausePrefix(next), StringComparison.Ordinal)));
        Assert.Equal(InRome(first.AddMonths(12), 10), (await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/schedule"))).GetProperty("next_run_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task ARunWhileTheSurveyIsClosed_InvitesNobodyAndSaysWhy_AndSwitchedOffNothingRuns()
    {
        var (org, api, surveyId) = await SurveyAsync("Programma Chiuso S.r.l.");
        await CustomerAsync(api, new { kind = "person", first_name = "Ugo", last_name = "Chiuso", email = Email("ugo") });
        var first = Today.AddDays(1);
        var path = $"/api/v1/surveys/{surveyId}/schedule";
        await JsonAsync(await api.PutAsJsonAsync(path, new { enabled = true, every_months = 12, first_day = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), hour = 8 }));
        await JsonAsync(await api.PostAsync($"/api/v1/surveys/{surveyId}/close", null));
        await SweepAtAsync(InRome(first, 8).AddMinutes(1));
        Assert.Empty(await InvitationsAsync(org));
        var last = (await JsonAsync(await api.GetAsync(path))).GetProperty("last_run");
        Assert.Equal(("survey_closed", 0, true), (last.GetProperty("note").GetString(), last.GetProperty("invited").GetInt32(), last.GetProperty("finished").GetBoolean()));

        // Switched off: no next run, its settings kept; a sweep long after makes nothing.
        var off = await JsonAsync(await api.PutAsJsonAsync(path, new { enabled = false }));
        Assert.Equal((false, JsonValueKind.Null, 12), (off.GetProperty("enabled").GetBoolean(), off.GetProperty("next_run_at").ValueKind, off.GetProperty("every_months").GetInt32()));
        await JsonAsync(await api.PostAsync($"/api/v1/surveys/{surveyId}/publish", null));
        await SweepAtAsync(InRome(first.AddMonths(12), 8).AddMinutes(1));
        Assert.Empty(await InvitationsAsync(org));
    }

    [Fact]
    public async Task Schedule_BadInput_IsRefusedPerField_ChangesNothing_AndAnotherOrganizationsSurveyIsNotFound()
    {
        var (org, api, surveyId) = await SurveyAsync("Programma Errori S.r.l.");
        await CustomerAsync(api, new { kind = "person", first_name = "Zeno", last_name = "Valori", email = Email("zeno"), attributes = Segment("A") });
        var path = $"/api/v1/surveys/{surveyId}/schedule";
        var tomorrow = Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var hourNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Rome).Hour;
        foreach (var (body, field) in new (object, string)[]
        {
            (new { enabled = true, every_months = 0, first_day = tomorrow, hour = 9 }, "every_months"),
            (new { enabled = true, every_months = 25, first_day = tomorrow, hour = 9 }, "every_months"),
            (new { enabled = true, first_day = tomorrow, hour = 9 }, "every_months"),
            (new { enabled = true, every_months = 3, first_day = tomorrow, hour = 24 }, "hour"),
            (new { enabled = true, every_months = 3, first_day = "domani", hour = 9 }, "first_day"),
            (new { enabled = true, every_months = 3, first_day = "2020-01-01", hour = 9 }, "first_day"),
            // Today, at the hour already begun: past.
            (new { enabled = true, every_months = 3, first_day = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), hour = hourNow }, "hour"),
            (new { enabled = true, attribute = "segmento", every_months = 3, first_day = tomorrow, hour = 9 }, "value"),
            (new { enabled = true, value = "A", every_months = 3, first_day = tomorrow, hour = 9 }, "attribute"),
            // A value no customer holds is refused: a typing mistake would otherwise invite nobody, run after run.
            (new { enabled = true, attribute = "segmento", value = "Z", every_months = 3, first_day = tomorrow, hour = 9 }, "value"),
        })
        {
            var refused = await JsonAsync(await api.PutAsJsonAsync(path, body), HttpStatusCode.BadRequest);
            Assert.Equal("https://cerchio.dev/problems/validation", refused.GetProperty("type").GetString());
            Assert.True(refused.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {refused}");
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await api.PutAsync(path, new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        var nothing = await JsonAsync(await api.GetAsync(path));
        Assert.Equal((false, JsonValueKind.Null), (nothing.GetProperty("enabled").GetBoolean(), nothing.GetProperty("every_months").ValueKind));

        // A first day long past is kept when the schedule already has it (it has run since): the next run is the next one due.
        await JsonAsync(await api.PutAsJsonAsync(path, new { enabled = true, every_months = 3, first_day = tomorrow, hour = 9 }));
        var longAgo = new DateOnly(2025, 1, 31);
        await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<SurveySchedule>().ExecuteUpdateAsync(u => u.SetProperty(s => s.FirstDay, longAgo)));
        var changed = await JsonAsync(await api.PutAsJsonAsync(path, new { enabled = true, every_months = 1, first_day = "2025-01-31", hour = 9 }));
        var nextRun = changed.GetProperty("next_run_at").GetDateTimeOffset();
        Assert.InRange(nextRun, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(32));
        Assert.Equal(9, TimeZoneInfo.ConvertTime(nextRun, Rome).Hour);

        // Another organization's key finds no survey; without a key, nothing at all.
        var (_, otherApi, _) = await SurveyAsync("Programma Altrove S.r.l.");
        Assert.Equal(HttpStatusCode.NotFound, (await otherApi.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherApi.PutAsJsonAsync(path, new { enabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsJsonAsync(path, new { enabled = false })).StatusCode);
        Assert.True((await JsonAsync(await api.GetAsync(path))).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task SurveyPage_ListsTheAttributesValues_ShowsErrorsBesideTheField_KeepingWhatWasTyped_ThenSaves()
    {
        var (org, api, surveyId) = await SurveyAsync("Programma Pagina S.r.l.");
        await CustomerAsync(api, new { kind = "person", first_name = "Ada", last_name = "Uno", email = Email("ada"), attributes = Segment("Oro") });
        await CustomerAsync(api, new { kind = "person", first_name = "Ugo", last_name = "Due", email = Email("ugo"), attributes = Segment("oro") });
        await CustomerAsync(api, new { kind = "person", first_name = "Ivo", last_name = "Tre", email = Email("ivo"), attributes = Segment("Argento") });
        var lead = await org.SignInAsync(Role.CxLead);
        var url = $"/ascolto/sondaggi/{surveyId}";
        var page = await Html.GetAsync(lead, url);
        Assert.NotNull(page.QuerySelector("#schedule-form"));
        Assert.Null(page.QuerySelector("#schedule-last-run"));

        // "Mostra i valori" lists the attribute's values with their customers, keeping the rest as typed; nothing is stored.
        var listed = await Html.SubmitFormAsync(lead, url, "schedule", new()
        {
            ["Schedule.Enabled"] = "true", ["Schedule.Attribute"] = "segmento", ["Schedule.EveryMonths"] = "6", ["Schedule.Action"] = ScheduleInput.ShowValues,
        });
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var shown = await Html.ParseAsync(listed);
        var options = shown.QuerySelectorAll("#schedule-value option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal(["Scegli il valore…", "Oro (2)", "Argento (1)"], options);
        Assert.Equal("6", shown.QuerySelector("#schedule-every")!.GetAttribute("value"));
        Assert.False((await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/schedule"))).GetProperty("enabled").GetBoolean());

        var refused = await Html.SubmitFormAsync(lead, url, "schedule", new()
        {
            ["Schedule.Enabled"] = "true", ["Schedule.Attribute"] = "segmento", ["Schedule.Value"] = "Oro", ["Schedule.EveryMonths"] = "0",
            ["Schedule.FirstDay"] = "2020-05-04", ["Schedule.Hour"] = "7",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        shown = await Html.ParseAsync(refused);
        Assert.Contains("24", shown.QuerySelector("#schedule-EveryMonths-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(shown.QuerySelector("#schedule-FirstDay-error"));
        Assert.Equal(("0", "2020-05-04"), (shown.QuerySelector("#schedule-every")!.GetAttribute("value"), shown.QuerySelector("#schedule-first")!.GetAttribute("value")));
        Assert.Equal("Oro", shown.QuerySelector<IHtmlSelectElement>("#schedule-value")!.Value);
        Assert.Equal("7", shown.QuerySelector<IHtmlSelectElement>("#schedule-hour")!.Value);
        Assert.True(shown.QuerySelector<IHtmlInputElement>("#schedule-enabled")!.IsChecked);

        var first = Today.AddDays(3);
        var saved = await Html.SubmitFormAsync(lead, url, "schedule", new()
        {
            ["Schedule.Enabled"] = "true", ["Schedule.Attribute"] = "segmento", ["Schedule.Value"] = "Oro", ["Schedule.EveryMonths"] = "12",
            ["Schedule.FirstDay"] = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Schedule.Hour"] = "11",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = await Html.GetAsync(lead, url);
        Assert.Equal(InRome(first, 11), DateTimeOffset.Parse(page.QuerySelector("#schedule-next time")!.GetAttribute("datetime")!, CultureInfo.InvariantCulture));
        Assert.Equal("Oro", page.QuerySelector<IHtmlSelectElement>("#schedule-value")!.Value);
        var api12 = await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/schedule"));
        Assert.Equal(("segmento", "Oro", 12), (api12.GetProperty("attribute").GetString(), api12.GetProperty("value").GetString(), api12.GetProperty("every_months").GetInt32()));

        // An agent reads the schedule but has no form.
        var agent = await org.SignInAsync(Role.Agent);
        var asAgent = await Html.GetAsync(agent, url);
        Assert.Null(asAgent.QuerySelector("#schedule-form"));
        Assert.NotNull(asAgent.QuerySelector("#schedule-next time"));
    }

    [Fact]
    public async Task RelationshipNps_CountsOnlyTheRelationshipSurvey_OnceTheCompanyAnsweredIt()
    {
        var (org, api, relationshipSurvey) = await SurveyAsync("Programma Voce S.r.l.");
        await JsonAsync(await api.PutAsJsonAsync("/api/v1/survey-settings", new { fatigue_days = 0 }));
        var company = await CustomerAsync(api, new { kind = "company", name = "Gialli Serramenti S.r.l." });
        var maria = await ContactAsync(api, company, "maria");
        var luca = await ContactAsync(api, company, "luca");
        var afterDelivery = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Dopo la consegna", kind = "nps" }), HttpStatusCode.Created);
        var transactional = afterDelivery.GetProperty("id").GetGuid();
        await JsonAsync(await api.PostAsync($"/api/v1/surveys/{transactional}/publish", null));

        // After a delivery both answer (Maria 2, Luca 3): the relationship NPS is made of every NPS survey's answers.
        foreach (var (email, score) in new[] { (maria, 2), (luca, 3) })
        {
            var invitation = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{transactional}/invitations", new { customer_id = company, email, channel = "api" }), HttpStatusCode.Created);
            Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync($"{new Uri(invitation.GetProperty("url").GetString()!).PathAndQuery}?punteggio={score}")).StatusCode);
        }

        var before = (await JsonAsync(await api.GetAsync($"/api/v1/customers/{company}/voice"))).GetProperty("relationship_nps");
        Assert.Equal((2, -100.0, false), (before.GetProperty("respondents").GetInt32(), before.GetProperty("value").GetDouble(), before.GetProperty("relationship_surveys_only").GetBoolean()));

        // The relationship survey reaches both contacts; Maria answers 10 from the email.
        var first = Today.AddDays(1);
        await JsonAsync(await api.PutAsJsonAsync($"/api/v1/surveys/{relationshipSurvey}/schedule",
            new { enabled = true, every_months = 12, first_day = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), hour = 9 }));
        await SweepAtAsync(InRome(first, 9).AddMinutes(1));
        var toMaria = await EmailToAsync(maria);
        await EmailToAsync(luca);
        var ten = toMaria.TextBody!.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("10: ", StringComparison.Ordinal))[4..];
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync(new Uri(ten).PathAndQuery)).StatusCode);

        var after = (await JsonAsync(await api.GetAsync($"/api/v1/customers/{company}/voice"))).GetProperty("relationship_nps");
        Assert.Equal((1, 100.0, true), (after.GetProperty("respondents").GetInt32(), after.GetProperty("value").GetDouble(), after.GetProperty("relationship_surveys_only").GetBoolean()));
        var lead = await org.SignInAsync(Role.CxLead);
        var basis = (await Html.GetAsync(lead, $"/clienti/{company}")).QuerySelector("#relationship-basis")!;
        Assert.Equal("true", basis.GetAttribute("data-relationship-surveys"));
        Assert.Contains("ai sondaggi relazionali", basis.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recipients_OfALargeSegment_AreListedInThreeQueriesAPage()
    {
        var (org, _, _) = await SurveyAsync("Programma Volume S.r.l.");
        // 300 companies with two contacts each and 300 people, straight into the tables.
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            for (var i = 0; i < 300; i++)
            {
                var company = new Cerchio.Customers.Domain.Customer { Id = Ids.New(), Kind = Cerchio.Customers.Domain.CustomerKind.Company, Name = $"Azienda {i}", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
                company.SetAttributes(Segment(i % 2 == 0 ? "pari" : "dispari"));
                company.Contacts.Add(new Cerchio.Customers.Domain.Contact { Id = Ids.New(), FirstName = "Primo", LastName = $"{i}", Email = $"primo.{i}@example.test", CreatedAt = DateTimeOffset.UtcNow });
                company.Contacts.Add(new Cerchio.Customers.Domain.Contact { Id = Ids.New(), FirstName = "Secondo", LastName = $"{i}", Language = "en", CreatedAt = DateTimeOffset.UtcNow.AddSeconds(1) });
                var person = new Cerchio.Customers.Domain.Customer { Id = Ids.New(), Kind = Cerchio.Customers.Domain.CustomerKind.Person, Name = $"Persona {i}", Email = $"persona.{i}@example.test", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
                person.SetAttributes(Segment("pari"));
                db.AddRange(company, person);
            }

            return await db.SaveChangesAsync();
        });

        using var commands = new RequestCommands();
        var (everyone, even) = await commands.RunAsync(() => app.InOrganizationAsync(org.Id, async services =>
        {
            var customers = services.GetRequiredService<ICustomerDirectory>();
            return (await customers.SurveyRecipientsAsync(CustomerSegment.Everyone, null, 1_000), await customers.SurveyRecipientsAsync(new CustomerSegment("SEGMENTO", "Pari"), null, 1_000));
        }));
        Assert.Equal((600, 900), (everyone.Customers, everyone.Recipients.Count));
        Assert.Equal((450, 600), (even.Customers, even.Recipients.Count));
        Assert.Equal(300, everyone.Recipients.Count(r => r.Email is null));
        Assert.All(everyone.Recipients.Where(r => r.Name.StartsWith("Secondo", StringComparison.Ordinal)), r => Assert.Equal("en", r.Language));
        // The contacts follow their company, the oldest first, and the customers come in the order of their ids.
        Assert.Equal(everyone.Recipients.Select(r => r.CustomerId).Distinct().ToList(), everyone.Recipients.Select(r => r.CustomerId).Distinct().Order().ToList());
        // Three queries each (the segment's ids, its customers, their contacts); the attribute's ids are read by raw SQL, which EF does not report.
        Assert.Equal(5, commands.Commands.Count);

        // Pages walk the segment after the place reached, each customer once.
        var walked = new List<Guid>();
        Guid? after = null;
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var customers = services.GetRequiredService<ICustomerDirectory>();
            for (SurveyRecipientPage page; (page = await customers.SurveyRecipientsAsync(CustomerSegment.Everyone, after, 250)).Customers > 0; after = page.Reached)
            {
                walked.AddRange(page.Recipients.Select(r => r.CustomerId).Distinct());
            }

            return walked.Count;
        });
        Assert.Equal(600, walked.Distinct().Count());
    }
}

/// <summary>The calendar alone: the n-th run counted from the first day, month ends, leap years and Rome's clock changes.</summary>
public sealed class SurveyScheduleCalendarTests
{
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static SurveySchedule Every(int months, string firstDay, int hour) =>
        new() { EveryMonths = months, FirstDay = DateOnly.Parse(firstDay, CultureInfo.InvariantCulture), Hour = hour };

    [Fact]
    public void Runs_CountFromTheFirstDay_TakingTheMonthsLastDay_WithoutDrifting()
    {
        var monthly = Every(1, "2027-01-31", 9);
        Assert.Equal(
            [Utc("2027-01-31T08:00Z"), Utc("2027-02-28T08:00Z"), Utc("2027-03-31T07:00Z"), Utc("2027-04-30T07:00Z")],
            Enumerable.Range(0, 4).Select(n => monthly.RunOf(n, Rome)));
        var quarterly = Every(3, "2026-11-30", 9);
        Assert.Equal([Utc("2026-11-30T08:00Z"), Utc("2027-02-28T08:00Z"), Utc("2027-05-30T07:00Z")], Enumerable.Range(0, 3).Select(n => quarterly.RunOf(n, Rome)));
        var leap = Every(12, "2028-02-29", 9);
        Assert.Equal([Utc("2029-02-28T08:00Z"), Utc("2032-02-29T08:00Z")], new[] { 1, 4 }.Select(n => leap.RunOf(n, Rome)));
    }

    [Fact]
    public void NextAfter_IsTheFirstRunStrictlyAfter_FromAnyDistance()
    {
        var monthly = Every(1, "2027-01-31", 9);
        Assert.Equal(Utc("2027-01-31T08:00Z"), monthly.NextAfter(Utc("2026-06-01T00:00Z"), Rome));
        Assert.Equal(Utc("2027-02-28T08:00Z"), monthly.NextAfter(Utc("2027-02-28T07:59Z"), Rome));
        Assert.Equal(Utc("2027-03-31T07:00Z"), monthly.NextAfter(Utc("2027-02-28T08:00Z"), Rome));
        Assert.Equal(Utc("2030-07-15T07:00Z"), Every(3, "2027-01-15", 9).NextAfter(Utc("2030-06-01T00:00Z"), Rome));
        Assert.Equal(Utc("2031-01-15T08:00Z"), Every(6, "2027-01-15", 9).NextAfter(Utc("2030-07-15T07:00Z"), Rome));
    }

    [Fact]
    public void AnHourTheClocksSkip_IsTheNextThatExists_AndOneTheyRepeat_ItsFirstTime()
    {
        // 28 March 2027: 02:00 does not exist in Rome (03:00 CEST); 31 October 2027: 02:00 comes twice (CEST, then CET).
        Assert.Equal(Utc("2027-03-28T01:00Z"), SurveySchedule.AtHour(new DateOnly(2027, 3, 28), 2, Rome));
        Assert.Equal(Utc("2027-10-31T00:00Z"), SurveySchedule.AtHour(new DateOnly(2027, 10, 31), 2, Rome));
        Assert.Equal(Utc("2027-10-31T02:00Z"), SurveySchedule.AtHour(new DateOnly(2027, 10, 31), 3, Rome));
        // A schedule at 02:00 on the last Sunday of March runs once there, and at 02:00 (winter time) a year after the autumn one.
        var spring = Every(12, "2027-03-28", 2);
        Assert.Equal(Utc("2027-03-28T01:00Z"), spring.NextAfter(Utc("2027-03-27T00:00Z"), Rome));
        Assert.Equal(Utc("2028-03-28T00:00Z"), spring.NextAfter(Utc("2027-03-28T01:00Z"), Rome));
        var autumn = Every(12, "2027-10-31", 2);
        Assert.Equal(Utc("2028-10-31T01:00Z"), autumn.NextAfter(Utc("2027-10-31T00:00Z"), Rome));
    }
}

public sealed class SurveyScheduleTestsOnSqlite(MailSqliteApp app) : SurveyScheduleTests(app), IClassFixture<MailSqliteApp>;

public sealed class SurveyScheduleTestsOnPostgres(MailPostgresApp app) : SurveyScheduleTests(app), IClassFixture<MailPostgresApp>;
