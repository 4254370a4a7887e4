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
/// The organization teaches the analysis, on both databases: its own topic added on the topics page (bad input kept
/// with the error), an answer's reading corrected on its page and through the API (the answer read again at once, a
/// comment now negative opening its loop), the corrections listed, the own topic deleted while the defaults stay;
/// who may change what.
/// </summary>
public abstract class TopicsAndCorrectionsTests(AppFixture app)
{
    private const string Comment = "Montaggio perfetto, montatori gentilissimi e puntuali. Grazie!";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<SurveyResponse> AnswerAsync(TestOrganization org) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<SurveyResponse>().AsNoTracking().SingleAsync());

    /// <summary>The topics stored for the organization's one answer, in code order.</summary>
    private async Task<List<string>> TopicsAsync(TestOrganization org) =>
        (await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<SurveyResponseTopic>().Select(t => t.Code).ToListAsync()))
            .Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task OwnTopic_Correction_AndDeletion_ChangeHowCommentsRead()
    {
        var org = await app.CreateOrganizationAsync("Temi Propri S.r.l.",
            ($"lead.{Guid.NewGuid():N}@example.test", Role.CxLead), ($"agente.{Guid.NewGuid():N}@example.test", Role.Agent), ($"capo.{Guid.NewGuid():N}@example.test", Role.Executive));
        var api = org.Api();
        var survey = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Dopo il montaggio", kind = "nps" }), HttpStatusCode.Created);
        var surveyId = survey.GetProperty("id").GetGuid();
        await JsonAsync(await api.PostAsync($"/api/v1/surveys/{surveyId}/publish", null));
        var customer = await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { name = "Verdi Casa S.r.l.", email = $"verdi.{Guid.NewGuid():N}@example.test" }), HttpStatusCode.Created);

        // The lead adds the company's own topic; a missing name is refused with what was typed kept.
        var lead = await org.SignInAsync(Role.CxLead);
        var refused = await Html.SubmitFormAsync(lead, "/ascolto/temi", "topic", new() { ["Topic.Code"] = "montaggio", ["Topic.NameIt"] = "", ["Topic.Terms"] = "montaggio\nmontatori" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var again = await Html.ParseAsync(refused);
        Assert.NotNull(again.QuerySelector("#name_it-error"));
        Assert.Equal("montaggio", again.QuerySelector("#topic-code")!.GetAttribute("value"));
        var saved = await Html.SubmitFormAsync(lead, "/ascolto/temi", "topic", new() { ["Topic.Code"] = "montaggio", ["Topic.NameIt"] = "Montaggio", ["Topic.Terms"] = "montaggio\nmontatori" });
        Assert.Equal("/ascolto/temi?fatto=salvato", Html.LocationPath(saved));
        var topics = await Html.GetAsync(lead, "/ascolto/temi");
        Assert.Equal("false", topics.QuerySelector("#topics-table tr[data-topic=montaggio]")!.GetAttribute("data-default"));

        // An 8 with a happy comment: no loop; the own topic is found by its words.
        var invitation = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { customer_id = customer.GetProperty("id").GetGuid(), channel = "api" }), HttpStatusCode.Created);
        var link = new Uri(invitation.GetProperty("url").GetString()!).PathAndQuery;
        var respondent = app.Browser();
        await respondent.GetAsync(link + "?punteggio=8");
        await respondent.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["passo"] = "commento", ["punteggio"] = "8", ["commento"] = Comment }));
        await Wait.UntilAsync(async () => (await AnswerAsync(org)).Sentiment is not null, "the comment analysed");
        var answer = await AnswerAsync(org);
        Assert.Contains("montaggio", await TopicsAsync(org));
        Assert.NotEqual("negative", answer.Sentiment);

        // Corrected on its page, reached from the answers: positive, with courtesy too; the answer reads so at once.
        var answers = await Html.GetAsync(lead, "/ascolto/risposte");
        var correctPath = answers.QuerySelector($"tr[data-answer='{answer.Id}'] [data-correct]")!.GetAttribute("href")!;
        var corrected = await Html.SubmitFormWithAsync(lead, correctPath, "correct",
            [("Input.Sentiment", "positive"), ("Input.Topics", "montaggio"), ("Input.Topics", "courtesy")], "Input.Emotions");
        Assert.True(corrected.StatusCode == HttpStatusCode.Redirect, $"{corrected.StatusCode}: {(await Html.ParseAsync(corrected)).QuerySelector("main")?.TextContent}");
        Assert.Equal("/ascolto/risposte", Html.LocationPath(corrected));
        answer = await AnswerAsync(org);
        Assert.Equal("positive", answer.Sentiment);
        Assert.Equal(["courtesy", "montaggio"], await TopicsAsync(org));
        Assert.True(string.IsNullOrEmpty(answer.Emotions));

        // Corrected again through the API: negative now, so the rule opens the loop it would have opened.
        var bad = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/survey-answers/{answer.Id}/correction", new { sentiment = "furioso" }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("sentiment", out _));
        bad = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/survey-answers/{answer.Id}/correction", new { sentiment = "negative", topics = new[] { "non_esiste" } }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("topics", out _));
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/survey-answers/{Guid.NewGuid()}/correction", new { sentiment = "negative" }), HttpStatusCode.NotFound);
        var reading = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/survey-answers/{answer.Id}/correction", new { sentiment = "negative", topics = new[] { "montaggio" }, emotions = new[] { "disappointment" } }));
        Assert.Equal(("negative", "montaggio", "disappointment"),
            (reading.GetProperty("sentiment").GetString(), reading.GetProperty("topics")[0].GetString(), reading.GetProperty("emotions")[0].GetString()));
        var loop = Assert.Single(await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<LoopTask>().AsNoTracking().ToListAsync()));
        Assert.Equal(answer.Id, loop.ResponseId);
        Assert.Equal(1, (await Html.GetAsync(lead, "/ascolto/temi")).QuerySelectorAll("#corrections tbody tr").Length);

        // The agent reads the topics and corrects answers, without changing the topics; the executive only reads.
        var agent = await org.SignInAsync(Role.Agent);
        var agentTopics = await Html.GetAsync(agent, "/ascolto/temi");
        Assert.NotNull(agentTopics.QuerySelector("#topics-table"));
        Assert.Null(agentTopics.QuerySelector("#topic-form"));
        Assert.Null(agentTopics.QuerySelector("[data-delete]"));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync(correctPath)).StatusCode);
        var executive = await org.SignInAsync(Role.Executive);
        Assert.StartsWith("/accesso-negato", Html.LocationPath(await executive.GetAsync(correctPath)));
        Assert.Null((await Html.GetAsync(executive, "/ascolto/risposte")).QuerySelector("[data-correct]"));

        // Deleted after a confirmation that names it; a default cannot be deleted; the answer keeps its reading.
        var confirm = await Html.GetAsync(lead, "/ascolto/temi?elimina=montaggio");
        Assert.Contains("Montaggio", confirm.QuerySelector("#delete-topic")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/ascolto/temi?fatto=eliminato", Html.LocationPath(await Html.SubmitFormAsync(lead, "/ascolto/temi?elimina=montaggio", "delete", [])));
        Assert.Null((await Html.GetAsync(lead, "/ascolto/temi")).QuerySelector("#topics-table tr[data-topic=montaggio]"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync("/api/v1/text/topics/montaggio")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync("/api/v1/text/topics/courtesy")).StatusCode);
        Assert.Contains("montaggio", await TopicsAsync(org));
    }
}

public sealed class TopicsAndCorrectionsTestsOnSqlite(SqliteApp app) : TopicsAndCorrectionsTests(app), IClassFixture<SqliteApp>;

public sealed class TopicsAndCorrectionsTestsOnPostgres(PostgresApp app) : TopicsAndCorrectionsTests(app), IClassFixture<PostgresApp>;
