using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// A company's relationship NPS from several of its contacts, on both databases: each person counted once with their
/// latest NPS of the last twelve months, a CSAT never mixed in, an older year left out; the same on the customer's
/// page beside the record, with the latest answers and the open loop, and nothing there for a customer who never answered.
/// </summary>
public abstract class CustomerVoiceTests(AppFixture app)
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<Guid> PublishedAsync(HttpClient api, string kind)
    {
        var survey = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = $"Relazione {kind}", kind }), HttpStatusCode.Created);
        var id = survey.GetProperty("id").GetGuid();
        await JsonAsync(await api.PostAsync($"/api/v1/surveys/{id}/publish", null));
        return id;
    }

    /// <summary>Invites the contact by the API and answers through the personal link, as the contact would.</summary>
    private async Task AnswerAsync(HttpClient api, Guid surveyId, Guid customer, string email, string name, int score, string? comment = null)
    {
        var invitation = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { customer_id = customer, email, name }), HttpStatusCode.Created);
        var link = new Uri(invitation.GetProperty("url").GetString()!).PathAndQuery;
        var respondent = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await respondent.GetAsync($"{link}?punteggio={score}")).StatusCode);
        if (comment is not null)
        {
            var sent = await respondent.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["passo"] = "commento", ["punteggio"] = $"{score}", ["commento"] = comment }));
            Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        }
    }

    /// <summary>An answer of long ago, with the invitation it answered: the page cannot date an answer in the past.</summary>
    private Task PastAnswerAsync(Guid organizationId, Guid surveyId, Guid customer, string email, int score, DateTimeOffset at) =>
        app.InOrganizationAsync(organizationId, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var version = await db.Set<SurveyVersion>().Where(v => v.SurveyId == surveyId).Select(v => v.Id).SingleAsync();
            var invitation = new SurveyInvitation
            {
                Id = Ids.New(), OrganizationId = organizationId, SurveyId = surveyId, TokenHash = Guid.NewGuid().ToString("N"), CustomerId = customer, Email = email,
                CreatedAt = at, ExpiresAt = at.AddDays(30), SentAt = at,
            };
            db.Add(invitation);
            db.Add(new SurveyResponse
            {
                Id = Ids.New(), OrganizationId = organizationId, SurveyId = surveyId, VersionId = version, InvitationId = invitation.Id, CustomerId = customer,
                Score = score, StartedAt = at, AnsweredAt = at, SubmittedAt = at, UpdatedAt = at,
            });
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task RelationshipNps_CountsEachContactOnceWithTheirLatestScore_OnTheApiAndTheCompanyPage()
    {
        var org = await app.CreateOrganizationAsync("Voce S.r.l.", ($"lead.{Guid.NewGuid():N}@example.test", Role.CxLead));
        var api = org.Api();
        var company = (await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi Costruzioni S.r.l.", kind = "company" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var silent = (await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { name = "Silenzio S.p.A.", kind = "company" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var nps = await PublishedAsync(api, "nps");
        var csat = await PublishedAsync(api, "csat");
        // Luca answers both surveys today: no fatigue rule here.
        await JsonAsync(await api.PutAsJsonAsync("/api/v1/survey-settings", new { fatigue_days = 0 }));

        // Maria was a promoter two months ago and is a detractor now; Piero's answer is over a year old.
        await PastAnswerAsync(org.Id, nps, company, "maria@bianchi.example", 10, DateTimeOffset.UtcNow.AddMonths(-2));
        await PastAnswerAsync(org.Id, nps, company, "piero@bianchi.example", 0, DateTimeOffset.UtcNow.AddMonths(-13));
        await AnswerAsync(api, nps, company, "maria@bianchi.example", "Maria Bianchi", 4, "Consegna in ritardo di due settimane e nessuno mi ha avvisato.");
        await AnswerAsync(api, nps, company, "luca@bianchi.example", "Luca Verdi", 10);
        await AnswerAsync(api, nps, company, "anna@bianchi.example", "Anna Neri", 9);
        await AnswerAsync(api, csat, company, "luca@bianchi.example", "Luca Verdi", 1);

        // Three people: 2 promoters, 1 detractor → +33.3 ± 1.96·√((1 − 1/9)/3)·100.
        await Wait.UntilAsync(async () => (await JsonAsync(await api.GetAsync($"/api/v1/customers/{company}/voice"))).GetProperty("open_loops").GetArrayLength() == 2,
            "the loops of Maria's 4 and Luca's CSAT 1");
        var voice = await JsonAsync(await api.GetAsync($"/api/v1/customers/{company}/voice"));
        var relationship = voice.GetProperty("relationship_nps");
        Assert.Equal(3, relationship.GetProperty("respondents").GetInt32());
        Assert.Equal(100.0 / 3, relationship.GetProperty("value").GetDouble(), 6);
        Assert.Equal(1.96 * Math.Sqrt((8.0 / 9) / 3) * 100, relationship.GetProperty("margin").GetDouble(), 6);
        var people = voice.GetProperty("respondents").EnumerateArray().ToDictionary(r => r.GetProperty("email").GetString()!, r => r.GetProperty("score").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["maria@bianchi.example"] = 4, ["luca@bianchi.example"] = 10, ["anna@bianchi.example"] = 9 }, people);
        // The latest answers of every kind, newest first; the year-old one is not among them.
        var latest = voice.GetProperty("latest").EnumerateArray().ToList();
        Assert.Equal(5, latest.Count);
        Assert.Equal(("csat", 1), (latest[0].GetProperty("kind").GetString(), latest[0].GetProperty("score").GetInt32()));
        Assert.DoesNotContain(latest, a => a.GetProperty("score").GetInt32() == 0);

        // The company's page shows the same, beside the record; the answers behind it are a click away.
        var lead = await org.SignInAsync(Role.CxLead);
        var page = await Html.GetAsync(lead, $"/clienti/{company}");
        var panel = page.QuerySelector("#customer-voice")!;
        Assert.Equal(100.0 / 3, double.Parse(panel.QuerySelector("#relationship-nps")!.GetAttribute("data-value")!, System.Globalization.CultureInfo.InvariantCulture), 6);
        Assert.Equal([4, 9, 10], panel.QuerySelectorAll("[data-respondent]").Select(r => int.Parse(r.GetAttribute("data-score")!)).Order());
        Assert.Equal(2, panel.QuerySelectorAll("#customer-open-loops [data-loop]").Length);
        Assert.Contains("Consegna in ritardo", panel.QuerySelector("#customer-answers")!.TextContent, StringComparison.Ordinal);
        var all = await Html.GetAsync(lead, panel.QuerySelector("#customer-all-answers")!.GetAttribute("href")!);
        Assert.Equal(5, all.QuerySelectorAll("#answers tbody tr").Length);

        // A customer who never answered has no panel, and an unknown customer is not found.
        Assert.Null((await Html.GetAsync(lead, $"/clienti/{silent}")).QuerySelector("#customer-voice"));
        var none = await JsonAsync(await api.GetAsync($"/api/v1/customers/{silent}/voice"));
        Assert.Equal(0, none.GetProperty("relationship_nps").GetProperty("respondents").GetInt32());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("relationship_nps").GetProperty("value").ValueKind);
        await JsonAsync(await api.GetAsync($"/api/v1/customers/{Guid.NewGuid()}/voice"), HttpStatusCode.NotFound);
    }
}

public sealed class CustomerVoiceTestsOnSqlite(SqliteApp app) : CustomerVoiceTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerVoiceTestsOnPostgres(PostgresApp app) : CustomerVoiceTests(app), IClassFixture<PostgresApp>;
