using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.Invitations;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Settings;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// A survey that follows the events API: an event of its type (on its touchpoint) stored through POST /api/v1/events
/// invites that customer through the real SMTP server, once however often it is sent, never for events of another
/// type or touchpoint nor for those stored before the trigger existed; a delay in working days follows the
/// organization's calendar; bad input is refused per field, and another organization's survey is not found.
/// </summary>
public abstract class EventTriggerTests(MailApp app)
{
    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(TestOrganization Org, HttpClient Api, Guid SurveyId)> SurveyAsync(string name)
    {
        var org = await app.CreateOrganizationAsync(name, (Email("lead"), Role.CxLead));
        var api = org.Api();
        var survey = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Dopo la consegna", kind = "nps", brand = name }), HttpStatusCode.Created);
        var id = survey.GetProperty("id").GetGuid();
        await JsonAsync(await api.PostAsync($"/api/v1/surveys/{id}/publish", null));
        return (org, api, id);
    }

    private static async Task<string> CustomerAsync(HttpClient api, string externalId)
    {
        var email = Email(externalId.ToLowerInvariant());
        await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { name = $"Cliente {externalId}", email, external_id = externalId }), HttpStatusCode.Created);
        return email;
    }

    /// <summary>Sends the events; returns each one's status and stored id.</summary>
    private static async Task<List<(string Status, Guid? EventId)>> IngestAsync(HttpClient api, params object[] events)
    {
        var result = await JsonAsync(await api.PostAsJsonAsync("/api/v1/events", new { events }));
        return result.GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("status").GetString()!, r.GetProperty("event_id").ValueKind == JsonValueKind.Null ? (Guid?)null : r.GetProperty("event_id").GetGuid()))
            .ToList();
    }

    private static object Event(string id, string type, string customer, string? touchpoint = "consegna", DateTimeOffset? at = null) =>
        new { id, type, customer = new { external_id = customer }, occurred_at = (at ?? DateTimeOffset.UtcNow.AddMinutes(-5)).ToString("O"), touchpoint };

    private Task<List<SurveyInvitation>> InvitationsAsync(TestOrganization org) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<SurveyInvitation>().AsNoTracking().OrderBy(i => i.CreatedAt).ToListAsync());

    /// <summary>The sweep's pass as it runs once the events have settled (or, with <paramref name="later"/> zero, at once).</summary>
    private Task<int> SweepAsync(TimeSpan? later = null) =>
        ActivatorUtilities.CreateInstance<InviteAfterEvents>(app.Services, new ManualClock(DateTimeOffset.UtcNow + (later ?? InviteAfterEvents.Settle + TimeSpan.FromMinutes(1))))
            .RunAsync(CancellationToken.None);

    [Fact]
    public async Task EventOfTheTriggersType_InvitesItsCustomerOnce_NotOtherTypesTouchpointsOrEarlierEvents()
    {
        var (org, api, surveyId) = await SurveyAsync("Eventi Rossi S.r.l.");
        var anna = await CustomerAsync(api, "ANNA");
        // Stored before the trigger exists: never surveyed.
        Assert.Equal("accepted", (await IngestAsync(api, Event("early-1", "delivered", "ANNA"))).Single().Status);

        var trigger = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/triggers", new { event_type = "delivered", touchpoint = "consegna" }), HttpStatusCode.Created);
        Assert.Equal(("event", "delivered", "consegna", 0, "hours"), (trigger.GetProperty("on").GetString(), trigger.GetProperty("event_type").GetString(),
            trigger.GetProperty("touchpoint").GetString(), trigger.GetProperty("delay").GetInt32(), trigger.GetProperty("delay_unit").GetString()));
        await JsonAsync(await api.PutAsJsonAsync("/api/v1/survey-settings", new { fatigue_days = 0 }));   // so any wrong match would be an invitation too

        var stored = await IngestAsync(api,
            Event("other-type", "invoice_issued", "ANNA"), Event("other-touchpoint", "delivered", "ANNA", touchpoint: "fattura"),
            Event("no-touchpoint", "delivered", "ANNA", touchpoint: null), Event("consegna-1", "delivered", "ANNA"));
        Assert.All(stored, s => Assert.Equal("accepted", s.Status));
        var delivered = stored[3].EventId!.Value;
        // The same event sent again (the sender retrying): a duplicate, stored once.
        Assert.Equal("duplicate", (await IngestAsync(api, Event("consegna-1", "delivered", "ANNA"))).Single().Status);

        // Just stored: left for a pass after they settle.
        await SweepAsync(TimeSpan.Zero);
        Assert.Empty(await InvitationsAsync(org));

        await SweepAsync();
        await Wait.UntilAsync(() => app.Smtp.Messages().Any(m => m.To.Mailboxes.Any(t => t.Address == anna)), $"the survey email to {anna}");
        var invitation = Assert.Single(await InvitationsAsync(org));
        Assert.Equal((InvitationStatus.Sent, delivered, "consegna", $"event:{delivered:N}"), (invitation.Status, invitation.EventId!.Value, invitation.TouchpointCode!, invitation.Cause!));
        Assert.Equal(anna, invitation.Email);

        // Later passes have nothing new: the trigger's place moved with the invitation.
        await SweepAsync();
        Assert.Single(await InvitationsAsync(org));
        Assert.Single(app.Smtp.Messages(), m => m.To.Mailboxes.Any(t => t.Address == anna));

        // Several instances sweeping at once invite each event's customer once.
        var bruno = await CustomerAsync(api, "BRUNO");
        await IngestAsync(api, Event("consegna-2", "delivered", "ANNA"), Event("consegna-3", "delivered", "BRUNO"));
        await Task.WhenAll(SweepAsync(), SweepAsync(), SweepAsync());
        var all = await InvitationsAsync(org);
        Assert.Equal(3, all.Count);
        Assert.Equal(3, all.Select(i => i.Cause).Distinct().Count());
        await Wait.UntilAsync(() => app.Smtp.Messages().Any(m => m.To.Mailboxes.Any(t => t.Address == bruno)), $"the survey email to {bruno}");
    }

    [Fact]
    public async Task Delay_InWorkingDays_SkipsWeekendHolidaysAndOwnClosures_InHours_IsScheduled()
    {
        var (org, api, surveyId) = await SurveyAsync("Eventi Ritardo S.r.l.");
        await CustomerAsync(api, "CARLA");
        // The organization closes on Monday 29 December 2025 as well as on the national holidays.
        var saved = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<ServiceSettings>()
            .SaveAsync(CalendarSettings.ItalianDefault with { Closures = [Closure.Day(new DateOnly(2025, 12, 29))] }, SlaPolicy.ItalianDefault, 7));
        Assert.False(saved.Any);
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/triggers", new { event_type = "delivered", delay = 2, delay_unit = "business_days" }), HttpStatusCode.Created);
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/triggers", new { event_type = "visit", delay = 48 }), HttpStatusCode.Created);
        await JsonAsync(await api.PutAsJsonAsync("/api/v1/survey-settings", new { fatigue_days = 0 }));

        // Delivered Wednesday 24 December 2025 at 10:00: Christmas, Santo Stefano, the weekend and the own closure pass;
        // Tuesday 30 is the first working day, Wednesday 31 the second, at the same 10:00. Long past: it goes at once.
        var delivered = (await IngestAsync(api, Event("vigilia", "delivered", "CARLA", at: DateTimeOffset.Parse("2025-12-24T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture)))).Single().EventId;
        // A visit an hour ago, 48 hours of delay: scheduled.
        var visitAt = DateTimeOffset.UtcNow.AddHours(-1);
        var visit = (await IngestAsync(api, Event("visita", "visit", "CARLA", touchpoint: null, at: visitAt))).Single().EventId;
        await SweepAsync();

        var invitations = await InvitationsAsync(org);
        var afterDelivery = Assert.Single(invitations, i => i.EventId == delivered);
        Assert.Equal(DateTimeOffset.Parse("2025-12-31T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture), afterDelivery.SendAt);
        Assert.Equal(InvitationStatus.Sent, afterDelivery.Status);
        var afterVisit = Assert.Single(invitations, i => i.EventId == visit);
        Assert.Equal(InvitationStatus.Scheduled, afterVisit.Status);
        Assert.Equal(visitAt.AddHours(48).ToUnixTimeSeconds(), afterVisit.SendAt!.Value.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task EventTriggers_BadInput_IsRefusedPerField_ChangesNothing_AndAnotherOrganizationsSurveyIsNotFound()
    {
        var (_, api, surveyId) = await SurveyAsync("Eventi Errori S.r.l.");
        var path = $"/api/v1/surveys/{surveyId}/triggers";
        var kept = await JsonAsync(await api.PostAsJsonAsync(path, new { event_type = "quote_sent", touchpoint = "consegna", delay = 3, delay_unit = "business_days" }), HttpStatusCode.Created);
        foreach (var (body, field) in new (object, string)[]
        {
            (new { event_type = "consegnato" }, "event_type"), (new { event_type = (string?)null }, "event_type"),
            (new { event_type = "delivered", touchpoint = "nessuno" }, "touchpoint"),
            (new { event_type = "delivered", delay = -1 }, "delay"), (new { event_type = "delivered", delay = 1441 }, "delay"),
            (new { event_type = "delivered", delay = 41, delay_unit = "business_days" }, "delay"),
            (new { event_type = "delivered", delay = 1, delay_unit = "weeks" }, "delay_unit"),
            (new { event_type = "quote_sent", touchpoint = "consegna" }, "event_type"),   // the same rule twice
        })
        {
            var refused = await JsonAsync(await api.PostAsJsonAsync(path, body), HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {refused}");
        }

        Assert.Equal(400, (int)(await api.PostAsync(path, new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        var listed = (await JsonAsync(await api.GetAsync(path))).EnumerateArray().ToList();
        Assert.Equal(kept.GetProperty("id").GetGuid(), Assert.Single(listed).GetProperty("id").GetGuid());

        // Another organization: its key finds neither the survey nor the trigger, and removes nothing.
        var (_, other, otherSurvey) = await SurveyAsync("Eventi Altri S.r.l.");
        var triggerId = kept.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync(path, new { event_type = "delivered" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"{path}/{triggerId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/surveys/{otherSurvey}/triggers/{triggerId}")).StatusCode);
        Assert.Single((await JsonAsync(await api.GetAsync(path))).EnumerateArray());

        await JsonAsync(await api.DeleteAsync($"{path}/{triggerId}"), HttpStatusCode.NoContent);
        Assert.Empty((await JsonAsync(await api.GetAsync(path))).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"{path}/{triggerId}")).StatusCode);
    }

    [Fact]
    public async Task SurveyPage_AddsAnEventTrigger_ShowsErrorsNextToTheField_KeepingTheInput_AndRemovesIt()
    {
        var (org, _, surveyId) = await SurveyAsync("Eventi Pagina S.r.l.");
        var lead = await org.SignInAsync(Role.CxLead);
        var page = $"/ascolto/sondaggi/{surveyId}";
        Assert.NotNull((await Html.GetAsync(lead, page)).QuerySelector("#no-event-triggers"));

        var refused = await Html.SubmitFormAsync(lead, page, "event-trigger", new()
        {
            ["EventTrigger.EventType"] = "", ["EventTrigger.Delay"] = "41", ["EventTrigger.DelayUnit"] = "business_days", ["EventTrigger.Touchpoint"] = "consegna",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var shown = await Html.ParseAsync(refused);
        Assert.NotNull(shown.QuerySelector("#event-EventType-error"));
        Assert.Contains("40", shown.QuerySelector("#event-Delay-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("41", shown.QuerySelector("#event-delay")!.GetAttribute("value"));
        Assert.NotNull(shown.QuerySelector("#event-delay-unit option[value=business_days][selected]"));
        Assert.NotNull(shown.QuerySelector("#event-touchpoint option[value=consegna][selected]"));
        Assert.Null(shown.QuerySelector("#event-triggers"));

        var added = await Html.SubmitFormAsync(lead, page, "event-trigger", new()
        {
            ["EventTrigger.EventType"] = "delivered", ["EventTrigger.Delay"] = "2", ["EventTrigger.DelayUnit"] = "business_days", ["EventTrigger.Touchpoint"] = "consegna",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var row = (await Html.GetAsync(lead, page)).QuerySelector("#event-triggers tr[data-event-type=delivered]");
        Assert.NotNull(row);
        Assert.Contains("Consegna", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Dopo 2 giorni lavorativi", row.TextContent, StringComparison.Ordinal);

        var id = Guid.Parse(row.GetAttribute("data-trigger")!);
        var removed = await Html.SubmitFormAsync(lead, page, $"remove-trigger-{id:N}", new());
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null((await Html.GetAsync(lead, page)).QuerySelector("#event-triggers"));
    }
}

public sealed class EventTriggerTestsOnSqlite(MailSqliteApp app) : EventTriggerTests(app), IClassFixture<MailSqliteApp>;

public sealed class EventTriggerTestsOnPostgres(MailPostgresApp app) : EventTriggerTests(app), IClassFixture<MailPostgresApp>;
