using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.Respond;
using Cerchio.Feedback.Features.TextAnalysis;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// Answers' topics as rows, on both databases: a topic's filter (page, API, export) lists exactly the answers with
/// that code, never one whose code merely contains it, nor another organization's; the trends count the rows; a
/// correction moves an answer between filters; an answer given again carries its topics to its new time; the migration
/// turns the old comma-separated strings into rows.
/// </summary>
public abstract class AnswerTopicsTests(AppFixture app)
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<Guid> PublishedAsync(HttpClient api, string name)
    {
        var survey = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name, kind = "nps" }), HttpStatusCode.Created);
        var id = survey.GetProperty("id").GetGuid();
        await JsonAsync(await api.PostAsync($"/api/v1/surveys/{id}/publish", null));
        return id;
    }

    private static async Task OwnTopicsAsync(HttpClient api, params string[] codes)
    {
        foreach (var code in codes)
        {
            await JsonAsync(await api.PostAsJsonAsync("/api/v1/text/topics", new { code, name_it = code, terms = new[] { code.Replace('_', ' ') } }));
        }
    }

    /// <summary>The answers the API lists with this topic, as a set.</summary>
    private static async Task<HashSet<Guid>> WithTopicAsync(HttpClient api, string topic) =>
        (await JsonAsync(await api.GetAsync($"/api/v1/survey-answers?topic={topic}&page_size=200"))).GetProperty("items").EnumerateArray()
            .Select(a => a.GetProperty("id").GetGuid()).ToHashSet();

    /// <summary>Each topic's mentions over the last 30 days, from the topics' trend: "code:total" in code order.</summary>
    private static async Task<string> MentionsAsync(HttpClient api) =>
        string.Join(' ', (await JsonAsync(await api.GetAsync("/api/v1/survey-topics"))).GetProperty("topics").EnumerateArray()
            .Select(t => $"{t.GetProperty("code").GetString()}:{t.GetProperty("total").GetInt32()}").Order(StringComparer.Ordinal));

    [Fact]
    public async Task TopicFilter_ListsExactlyTheAnswersWithThatCode_InItsOrganizationOnly()
    {
        var org = await app.CreateOrganizationAsync("Temi Esatti S.r.l.");
        var other = await app.CreateOrganizationAsync("Altri Temi S.r.l.");
        var (api, otherApi) = (org.Api(), other.Api());
        // Own topics whose codes hold one another (the answers page filters by the taxonomy's topics only).
        await OwnTopicsAsync(api, "prezzo", "prezzo_alto", "alto_prezzo");
        await OwnTopicsAsync(otherApi, "prezzo");
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        var ids = await AnalysedAnswers.AddAsync(app, org.Id, await PublishedAsync(api, "Dopo l'acquisto"),
            (yesterday, 3, "negative", "prezzo"), (yesterday, 4, "negative", "prezzo_alto"), (yesterday, 5, "neutral", "alto_prezzo"),
            (yesterday, 2, "negative", "delivery_times,prezzo"), (yesterday, 9, "positive", ""));
        var theirs = await AnalysedAnswers.AddAsync(app, other.Id, await PublishedAsync(otherApi, "Loro"),
            (yesterday, 1, "negative", "prezzo"), (yesterday, 1, "negative", "prezzo"), (yesterday, 1, "negative", "prezzo"));
        Guid[] withPrice = [ids[0], ids[3]];

        // The API, the answers page and its export list the same two answers: not the codes that only contain "prezzo".
        Assert.Equal(withPrice.ToHashSet(), await WithTopicAsync(api, "prezzo"));
        Assert.Equal(withPrice.ToHashSet(), await WithTopicAsync(api, "PREZZO"));
        Assert.Equal([ids[1]], await WithTopicAsync(api, "prezzo_alto"));
        Assert.Empty(await WithTopicAsync(api, "prezz"));
        var lead = await org.SignInAsync();
        var page = await Html.GetAsync(lead, "/ascolto/risposte?tema=prezzo");
        Assert.Equal(withPrice.ToHashSet(), page.QuerySelectorAll("#answers tbody tr").Select(r => Guid.Parse(r.GetAttribute("data-answer")!)).ToHashSet());
        Assert.All(page.QuerySelectorAll("#answers tbody tr"), r => Assert.NotNull(r.QuerySelector("[data-topic=prezzo]")));
        var csv = await lead.GetStringAsync("/ascolto/risposte/export.csv?tema=prezzo");
        Assert.All(ids, id => Assert.Equal(withPrice.Contains(id), csv.Contains(AnalysedAnswers.CommentOf(id), StringComparison.Ordinal)));
        Assert.Contains("delivery_times, prezzo", csv, StringComparison.Ordinal);

        // The trend counts each code's rows, in this organization alone.
        Assert.Equal("alto_prezzo:1 delivery_times:1 prezzo:2 prezzo_alto:1", await MentionsAsync(api));
        Assert.Equal("prezzo:3", await MentionsAsync(otherApi));

        // The other organization sees its own answers with the topic, never these.
        Assert.Equal(theirs.ToHashSet(), await WithTopicAsync(otherApi, "prezzo"));
        var theirPage = await Html.GetAsync(await other.SignInAsync(), "/ascolto/risposte?tema=prezzo");
        Assert.Equal(theirs.ToHashSet(), theirPage.QuerySelectorAll("#answers tbody tr").Select(r => Guid.Parse(r.GetAttribute("data-answer")!)).ToHashSet());
    }

    [Fact]
    public async Task CorrectedTopics_MoveTheAnswerBetweenFilters_AndTheTrend()
    {
        var org = await app.CreateOrganizationAsync("Temi Corretti S.r.l.");
        var api = org.Api();
        var surveyId = await PublishedAsync(api, "Dopo la consegna");
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        var ids = await AnalysedAnswers.AddAsync(app, org.Id, surveyId, (yesterday, 3, "negative", "delivery_times"), (yesterday, 2, "negative", "delivery_times"));
        Assert.Equal(ids.ToHashSet(), await WithTopicAsync(api, "delivery_times"));

        var reading = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/survey-answers/{ids[0]}/correction", new { sentiment = "negative", topics = new[] { "price", "billing" } }));
        Assert.Equal(["billing", "price"], reading.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));

        Assert.Equal([ids[1]], await WithTopicAsync(api, "delivery_times"));
        Assert.Equal([ids[0]], await WithTopicAsync(api, "price"));
        Assert.Equal("billing:1 delivery_times:1 price:1", await MentionsAsync(api));
        var page = await Html.GetAsync(await org.SignInAsync(), "/ascolto/risposte?tema=price");
        Assert.Equal(["billing", "price"], page.QuerySelectorAll($"tr[data-answer='{ids[0]}'] [data-topic]").Select(t => t.GetAttribute("data-topic")));
    }

    [Fact]
    public async Task AnsweringAgain_CarriesTheTopicsToTheAnswersNewTime_InTheSameSave()
    {
        var org = await app.CreateOrganizationAsync("Risposta Cambiata S.r.l.");
        var api = org.Api();
        var surveyId = await PublishedAsync(api, "Dopo la consegna");
        var customer = await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { name = "Neri S.r.l.", email = $"neri.{Guid.NewGuid():N}@example.test" }), HttpStatusCode.Created);
        var invitation = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { customer_id = customer.GetProperty("id").GetGuid(), channel = "api" }), HttpStatusCode.Created);
        var token = new Uri(invitation.GetProperty("url").GetString()!).Segments[^1];

        // Answered ten days ago, its comment read then (the analysis finds delivery times in it again, whenever it runs).
        var tenDaysAgo = DateTimeOffset.UtcNow.AddDays(-10);
        var answerId = await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var answer = new SurveyResponse
            {
                Id = Ids.New(), SurveyId = surveyId, VersionId = await db.Set<Survey>().Where(s => s.Id == surveyId).Select(s => s.CurrentVersionId!.Value).SingleAsync(),
                InvitationId = invitation.GetProperty("id").GetGuid(), CustomerId = customer.GetProperty("id").GetGuid(), Channel = "api", Score = 8,
                Comment = "Consegna in ritardo di due settimane e nessuno mi ha avvisato.", Sentiment = "negative",
                StartedAt = tenDaysAgo, AnsweredAt = tenDaysAgo, SubmittedAt = tenDaysAgo, UpdatedAt = tenDaysAgo,
            };
            db.Add(answer);
            await AnswerTopics.ReplaceAsync(db, answer, ["delivery_times"], default);
            await db.SaveChangesAsync();
            return answer.Id;
        });
        var today = $"from={DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)):yyyy-MM-dd}&to={DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)):yyyy-MM-dd}";
        Assert.Empty((await JsonAsync(await api.GetAsync($"/api/v1/survey-answers?topic=delivery_times&{today}"))).GetProperty("items").EnumerateArray());

        // A new score today: the answer and its topics move together in its save. Read inside that save's transaction,
        // before its commit lets the follow-up (which would read the comment again) see the answer.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var respondent = scope.ServiceProvider.GetRequiredService<Respondent>();
            var (_, session) = await respondent.OpenInvitationAsync(token);
            var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.False((await respondent.RecordAsync(session!, 3, null, send: false)).Any);
            var answeredAt = await db.Set<SurveyResponse>().AsNoTracking().Where(r => r.Id == answerId).Select(r => r.AnsweredAt).SingleAsync();
            Assert.True(answeredAt > tenDaysAgo.AddDays(9));
            Assert.Equal([answeredAt], await db.Set<SurveyResponseTopic>().AsNoTracking().Where(t => t.ResponseId == answerId).Select(t => t.AnsweredAt).ToListAsync());
            await transaction.CommitAsync();
        }

        var listed = (await JsonAsync(await api.GetAsync($"/api/v1/survey-answers?topic=delivery_times&{today}"))).GetProperty("items");
        Assert.Equal(answerId, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Migration_TurnsEachAnswersTopicString_IntoOneRowPerCode_AndDownJoinsThemBack()
    {
        var options = new DbContextOptionsBuilder<CerchioDb>();
        DataServices.Configure(options, app.Provider, await app.CreateDatabaseAsync());
        await using var db = new CerchioDb(options.Options, new OrganizationContext(), new CerchioModel(Cerchio.Web.Composition.CerchioApp.ModuleAssemblies));
        var migrations = db.Database.GetMigrations().ToList();
        var topicRows = migrations.FindIndex(m => m.EndsWith("_SurveyResponseTopics", StringComparison.Ordinal));
        var before = migrations[topicRows - 1];
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(before);

        // Answers as that schema kept them: written through today's model (every column but the string), the strings by SQL.
        var (org, at) = (Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-3));
        var survey = new Survey { Id = Ids.New(), OrganizationId = org, Name = "Prima dei temi", Kind = Cerchio.Feedback.Contracts.SurveyKind.Nps, PublicKey = Guid.NewGuid().ToString("N")[..Survey.PublicKeyLength], CreatedAt = at, UpdatedAt = at };
        var version = new SurveyVersion { Id = Ids.New(), OrganizationId = org, SurveyId = survey.Id, Number = 1, PublishedAt = at };
        string?[] strings = [",prezzo,delivery_times,", ",prezzo_alto,", null, ",,", "prezzo,prezzo"];
        var answers = strings.Select(_ => new SurveyResponse
        {
            Id = Ids.New(), OrganizationId = org, SurveyId = survey.Id, VersionId = version.Id, Channel = "link", Score = 5, Comment = "…", Sentiment = "neutral",
            StartedAt = at, AnsweredAt = at, UpdatedAt = at,
        }).ToList();
        db.AddRange(survey, version);
        db.AddRange(answers);
        await db.SaveChangesAsync();
        for (var i = 0; i < strings.Length; i++)
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "SurveyResponses" SET "Topics" = {strings[i]} WHERE "Id" = {answers[i].Id}""");
        }

        var answeredAt = await db.Set<SurveyResponse>().IgnoreQueryFilters().AsNoTracking().Select(r => r.AnsweredAt).FirstAsync();
        async Task RowsAreTheStringsCodesAsync()
        {
            var rows = await db.Set<SurveyResponseTopic>().IgnoreQueryFilters().AsNoTracking().ToListAsync();
            Assert.All(rows, r => Assert.Equal((org, survey.Id, answeredAt, "neutral"), (r.OrganizationId, r.SurveyId, r.AnsweredAt, r.Sentiment)));
            string Codes(int i) => string.Join(' ', rows.Where(r => r.ResponseId == answers[i].Id).Select(r => r.Code).Order(StringComparer.Ordinal));
            Assert.Equal(["delivery_times prezzo", "prezzo_alto", "", "", "prezzo"], Enumerable.Range(0, strings.Length).Select(Codes));
        }

        await migrator.MigrateAsync(migrations[topicRows]);
        await RowsAreTheStringsCodesAsync();

        // Down gives each answer its string again (in any order), then up again as a redeploy would.
        await migrator.MigrateAsync(before);
        var restored = new List<string?>();
        foreach (var answer in answers)
        {
            restored.Add(await db.Database.SqlQuery<string>($"""SELECT "Topics" AS "Value" FROM "SurveyResponses" WHERE "Id" = {answer.Id}""").SingleAsync());
        }

        Assert.Equal([",delivery_times,prezzo,", ",prezzo_alto,", null, null, ",prezzo,"],
            restored.Select(r => r is null ? null : $",{string.Join(',', r.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal))},"));
        await migrator.MigrateAsync(migrations[topicRows]);
        await RowsAreTheStringsCodesAsync();
    }
}

public sealed class AnswerTopicsTestsOnSqlite(SqliteApp app) : AnswerTopicsTests(app), IClassFixture<SqliteApp>;

public sealed class AnswerTopicsTestsOnPostgres(PostgresApp app) : AnswerTopicsTests(app), IClassFixture<PostgresApp>;
