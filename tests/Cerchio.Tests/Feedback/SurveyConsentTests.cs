using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// A person's language and survey consent, recorded on the customer or the contact: invitations go out in that
/// language, never to someone who refused, and only to those who agreed when the organization asks for explicit
/// consent; a contact's own record wins over their company's, which fills in what the contact leaves unrecorded.
/// </summary>
public abstract class SurveyConsentTests(AppFixture app)
{
    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Invitations_TakeTheContactsLanguage_AndSkipWhoeverHasNoConsent()
    {
        var org = await app.CreateOrganizationAsync("Consensi S.r.l.", (Email("lead"), Role.CxLead));
        var api = org.Api();
        var company = await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi Costruzioni", email = Email("info") }), HttpStatusCode.Created);
        var companyId = company.GetProperty("id").GetGuid();
        Assert.Equal(JsonValueKind.Null, company.GetProperty("survey_consent").ValueKind);

        async Task<string> ContactAsync(string name, object? extra = null)
        {
            var email = Email(name);
            var body = JsonSerializer.SerializeToElement(new { first_name = name, last_name = "Bianchi", email });
            var merged = body.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
            foreach (var p in extra is null ? [] : JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                merged[p.Name] = p.Value;
            }

            await JsonAsync(await api.PostAsJsonAsync($"/api/v1/customers/{companyId}/contacts", merged), HttpStatusCode.Created);
            return email;
        }

        var maria = await ContactAsync("maria", new { language = "en", survey_consent = true });
        var luca = await ContactAsync("luca", new { survey_consent = false });
        var anna = await ContactAsync("anna");
        var survey = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Dopo la consegna", kind = "nps" }), HttpStatusCode.Created);
        var surveyId = survey.GetProperty("id").GetGuid();
        await JsonAsync(await api.PostAsync($"/api/v1/surveys/{surveyId}/publish", null), HttpStatusCode.OK);

        async Task<JsonElement> InviteAsync(string email) =>
            await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { customer_id = companyId, email, channel = "api" }), HttpStatusCode.Created);

        var toMaria = await InviteAsync(maria);
        Assert.Equal(("sent", "en"), (toMaria.GetProperty("status").GetString(), toMaria.GetProperty("language").GetString()));
        // Her link speaks English.
        var page = await Html.GetAsync(app.Browser(), new Uri(toMaria.GetProperty("url").GetString()!).PathAndQuery);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        var toLuca = await InviteAsync(luca);
        Assert.Equal(("skipped", "no_consent"), (toLuca.GetProperty("status").GetString(), toLuca.GetProperty("skip_reason").GetString()));
        var toAnna = await InviteAsync(anna);
        Assert.Equal(("sent", "it"), (toAnna.GetProperty("status").GetString(), toAnna.GetProperty("language").GetString()));

        // Asking for explicit consent: someone with nothing recorded is skipped, until their company's record says yes.
        var settings = await JsonAsync(await api.PutAsJsonAsync("/api/v1/survey-settings", new { require_consent = true }), HttpStatusCode.OK);
        Assert.Equal((30, true), (settings.GetProperty("fatigue_days").GetInt32(), settings.GetProperty("require_consent").GetBoolean()));
        var paolo = await ContactAsync("paolo");
        Assert.Equal("no_consent", (await InviteAsync(paolo)).GetProperty("skip_reason").GetString());
        var agreed = await JsonAsync(await api.PutAsJsonAsync($"/api/v1/customers/{companyId}", new { name = "Bianchi Costruzioni", email = company.GetProperty("email").GetString(), survey_consent = true }), HttpStatusCode.OK);
        Assert.True(agreed.GetProperty("survey_consent").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, agreed.GetProperty("survey_consent_at").ValueKind);
        var carla = await ContactAsync("carla");
        Assert.Equal("sent", (await InviteAsync(carla)).GetProperty("status").GetString());
        // Luca's own "no" still wins over his company's "yes".
        Assert.Equal("no_consent", (await InviteAsync(luca)).GetProperty("skip_reason").GetString());

        // A replace that leaves consent and language out keeps them.
        var kept = await JsonAsync(await api.PutAsJsonAsync($"/api/v1/customers/{companyId}", new { name = "Bianchi Costruzioni S.p.A." }), HttpStatusCode.OK);
        Assert.True(kept.GetProperty("survey_consent").GetBoolean());

        // Bad input: refused, nothing changed.
        await JsonAsync(await api.PutAsJsonAsync($"/api/v1/customers/{companyId}", new { name = "Bianchi", language = "de" }), HttpStatusCode.BadRequest);
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/customers/{companyId}/contacts", new { first_name = "X", language = "fr" }), HttpStatusCode.BadRequest);
        await JsonAsync(await api.PutAsJsonAsync("/api/v1/survey-settings", new { fatigue_days = 400 }), HttpStatusCode.BadRequest);
        Assert.Equal("Bianchi Costruzioni S.p.A.", (await JsonAsync(await api.GetAsync($"/api/v1/customers/{companyId}"), HttpStatusCode.OK)).GetProperty("name").GetString());
        Assert.True((await JsonAsync(await api.GetAsync("/api/v1/survey-settings"), HttpStatusCode.OK)).GetProperty("require_consent").GetBoolean());
    }

    [Fact]
    public async Task Pages_RecordConsentAndLanguage_AndTheLeadSetsTheRules()
    {
        var org = await app.CreateOrganizationAsync("Consensi Pagine S.r.l.", (Email("lead"), Role.CxLead), (Email("agente"), Role.Agent));
        var api = org.Api();
        var customer = await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { kind = "person", first_name = "Maria", last_name = "Rossi", email = Email("maria") }), HttpStatusCode.Created);
        var id = customer.GetProperty("id").GetGuid();
        var lead = await org.SignInAsync(Role.CxLead);

        var bad = await Html.SubmitFormAsync(lead, $"/clienti/{id}/modifica", "edit-customer", new() { ["Input.Language"] = "de", ["Input.SurveyConsent"] = "no" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var shown = await Html.ParseAsync(bad);
        Assert.NotNull(shown.GetElementById("Language-error"));
        Assert.Equal("no", shown.QuerySelector<IHtmlSelectElement>("#consent")!.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, $"/clienti/{id}/modifica", "edit-customer", new() { ["Input.Language"] = "en", ["Input.SurveyConsent"] = "no" })).StatusCode);
        var saved = await JsonAsync(await api.GetAsync($"/api/v1/customers/{id}"), HttpStatusCode.OK);
        Assert.Equal(("en", false), (saved.GetProperty("language").GetString(), saved.GetProperty("survey_consent").GetBoolean()));
        // The form shows them again; "not recorded" clears the consent.
        var form = await Html.GetAsync(lead, $"/clienti/{id}/modifica");
        Assert.Equal("en", form.QuerySelector<IHtmlSelectElement>("#language")!.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, $"/clienti/{id}/modifica", "edit-customer", new() { ["Input.SurveyConsent"] = "" })).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await JsonAsync(await api.GetAsync($"/api/v1/customers/{id}"), HttpStatusCode.OK)).GetProperty("survey_consent").ValueKind);

        // The rules across all surveys: errors beside the field, then saved; an agent reads them only.
        var refused = await Html.SubmitFormAsync(lead, "/ascolto/sondaggi", "survey-rules", new() { ["Rules.FatigueDays"] = "-3" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await Html.ParseAsync(refused)).GetElementById("FatigueDays-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, "/ascolto/sondaggi", "survey-rules", new() { ["Rules.FatigueDays"] = "14", ["Rules.RequireConsent"] = "true" })).StatusCode);
        var rules = await JsonAsync(await api.GetAsync("/api/v1/survey-settings"), HttpStatusCode.OK);
        Assert.Equal((14, true), (rules.GetProperty("fatigue_days").GetInt32(), rules.GetProperty("require_consent").GetBoolean()));
        var agent = await org.SignInAsync(Role.Agent);
        var list = await Html.GetAsync(agent, "/ascolto/sondaggi");
        Assert.Null(list.QuerySelector("#save-rules"));
        Assert.Contains("14", list.QuerySelector("#rules-summary")!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class SurveyConsentTestsOnSqlite(SqliteApp app) : SurveyConsentTests(app), IClassFixture<SqliteApp>;

public sealed class SurveyConsentTestsOnPostgres(PostgresApp app) : SurveyConsentTests(app), IClassFixture<PostgresApp>;
