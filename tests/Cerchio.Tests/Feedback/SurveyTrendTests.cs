using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Feedback.Contracts;
using Cerchio.Feedback.Features.Scores;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Text;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// Scores and topics over time on both databases: each week's NPS with its margin against hand-computed values
/// (an empty week, a single answer, all detractors), the topics' mentions per week and which are rising or falling,
/// one survey against all of them; the same numbers on the survey page and the answers page; bad intervals refused.
/// </summary>
public abstract class SurveyTrendTests(AppFixture app)
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<Guid> PublishedAsync(HttpClient api, string name)
    {
        var survey = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name, kind = "nps", touchpoint = "consegna" }), HttpStatusCode.Created);
        var id = survey.GetProperty("id").GetGuid();
        await JsonAsync(await api.PostAsync($"/api/v1/surveys/{id}/publish", null));
        return id;
    }

    /// <summary>Analysed answers written as the follow-up leaves them: the trends read what is stored, whenever it was answered.</summary>
    private Task AnswersAsync(Guid organizationId, Guid surveyId, params (DateTimeOffset At, int Score, string Sentiment, string Topics)[] answers) =>
        AnalysedAnswers.AddAsync(app, organizationId, surveyId, answers);

    [Fact]
    public async Task WeeklyScoresAndTopics_MatchHandComputedValues_AndTheRisingTopicIsFlagged()
    {
        var org = await app.CreateOrganizationAsync("Andamenti S.r.l.", ($"lead.{Guid.NewGuid():N}@example.test", Role.CxLead));
        var api = org.Api();
        var surveyId = await PublishedAsync(api, "Dopo la consegna");
        var otherId = await PublishedAsync(api, "Sul sito");

        // Four steps: three whole weeks from a Monday, and this week up to today (Italian days).
        var today = Times.DayInItaly(DateTimeOffset.UtcNow);
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var from = thisMonday.AddDays(-21);
        DateTimeOffset Noon(DateOnly day) => Times.StartOfDay(day).AddHours(12);
        var weeks = new[] { Noon(from.AddDays(1)), Noon(from.AddDays(15)), Times.StartOfDay(today) };
        await AnswersAsync(org.Id, surveyId,
            (weeks[0], 10, "positive", ",courtesy,"), (weeks[0], 10, "positive", ",courtesy,"), (weeks[0], 0, "negative", ",delivery_times,"),
            (weeks[1], 9, "positive", ",courtesy,"), (weeks[1], 9, "positive", ",courtesy,"), (weeks[1], 10, "positive", ",courtesy,"), (weeks[1], 9, "positive", ",courtesy,"));
        await AnswersAsync(org.Id, surveyId, Enumerable.Range(0, 13).Select(_ => (weeks[1], 9, "positive", ",courtesy,")).ToArray());
        await AnswersAsync(org.Id, surveyId, Enumerable.Range(0, 20).Select(_ => (weeks[2], 3, "negative", ",delivery_times,")).ToArray());
        await AnswersAsync(org.Id, otherId, (weeks[1], 8, "neutral", ",price,"));

        var trend = await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/trend?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}&interval=week"));
        Assert.Equal("week", trend.GetProperty("interval").GetString());
        var points = trend.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(4, points.Count);
        Assert.Equal([from, from.AddDays(7), from.AddDays(14), thisMonday], points.Select(p => DateOnly.Parse(p.GetProperty("from").GetString()!)));
        Assert.Equal([3, 0, 17, 20], points.Select(p => p.GetProperty("answers").GetInt32()));
        // Week one: 2 promoters, 1 detractor of 3 → 33.3 ± 1.96·√((1 − 1/9)/3)·100 = 106.7.
        Assert.Equal(100.0 / 3, points[0].GetProperty("value").GetDouble(), 6);
        Assert.Equal(1.96 * Math.Sqrt((8.0 / 9) / 3) * 100, points[0].GetProperty("margin").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, points[1].GetProperty("value").ValueKind);
        Assert.Equal(100, points[2].GetProperty("value").GetDouble());
        Assert.Equal(-100, points[3].GetProperty("value").GetDouble());
        Assert.Equal(0, points[3].GetProperty("margin").GetDouble());

        // Topics of this survey only: delivery in 1 of 20 earlier comments, then 20 of 20 → rising; courtesy the other way.
        var topics = trend.GetProperty("topics");
        Assert.Equal([3, 0, 17, 20], topics.GetProperty("comments").EnumerateArray().Select(e => e.GetInt32()));
        var byCode = topics.GetProperty("topics").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!);
        Assert.Equal(["delivery_times", "courtesy"], byCode.Keys);
        Assert.Equal([1, 0, 0, 20], byCode["delivery_times"].GetProperty("mentions").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(21, byCode["delivery_times"].GetProperty("negative").GetInt32());
        Assert.Equal("rising", byCode["delivery_times"].GetProperty("direction").GetString());
        Assert.Equal("tempi di consegna", byCode["delivery_times"].GetProperty("name").GetString());
        Assert.Equal([2, 0, 17, 0], byCode["courtesy"].GetProperty("mentions").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("falling", byCode["courtesy"].GetProperty("direction").GetString());

        // All surveys: the other survey's price comment counts too, and one comment cannot make a trend.
        var all = await JsonAsync(await api.GetAsync($"/api/v1/survey-topics?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}&interval=week"));
        Assert.Equal([3, 0, 18, 20], all.GetProperty("comments").EnumerateArray().Select(e => e.GetInt32()));
        var price = all.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "price");
        Assert.Equal("steady", price.GetProperty("direction").GetString());
        Assert.Equal(0, (await JsonAsync(await api.GetAsync($"/api/v1/survey-topics?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}&survey={otherId}&touchpoint=sito")))
            .GetProperty("topics").GetArrayLength());

        // By month the same answers fall in the months the four weeks touch.
        var monthly = await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/trend?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}&interval=month"));
        var months = monthly.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal((today.Year * 12) + today.Month - ((from.Year * 12) + from.Month) + 1, months.Count);
        Assert.Equal(40, months.Sum(m => m.GetProperty("answers").GetInt32()));

        // The page draws the same weeks, and the topics link to their answers.
        var lead = await org.SignInAsync(Role.CxLead);
        var page = await Html.GetAsync(lead, $"/ascolto/sondaggi/{surveyId}?dal={from:yyyy-MM-dd}&al={today:yyyy-MM-dd}&intervallo=week");
        Assert.Equal(["3", "0", "17", "20"], page.QuerySelectorAll("#trend-table tbody tr").Select(r => r.GetAttribute("data-answers")));
        Assert.Equal("—", page.QuerySelector("#trend-table tbody tr:nth-child(2) [data-value]")!.TextContent.Trim());
        var rising = page.QuerySelector("#topic-trends tr[data-topic=delivery_times]")!;
        Assert.Equal("rising", rising.GetAttribute("data-direction"));
        Assert.Equal("21", rising.QuerySelector("[data-total]")!.TextContent.Trim());
        var answers = await Html.GetAsync(lead, rising.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal(21, answers.QuerySelectorAll("#answers tbody tr").Length);
        Assert.All(answers.QuerySelectorAll("#answers tbody tr"), r => Assert.NotNull(r.QuerySelector("[data-topic=delivery_times]")));
        // The answers page counts the topics of what it lists: here, the other survey's answers alone.
        var other = await Html.GetAsync(lead, $"/ascolto/risposte?sondaggio={otherId}&dal={from:yyyy-MM-dd}&al={today:yyyy-MM-dd}");
        Assert.Equal(["price"], other.QuerySelectorAll("#topic-trends tbody tr").Select(r => r.GetAttribute("data-topic")));

        // Bad requests say what is wrong.
        var bad = await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/trend?interval=day"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("interval", out _));
        bad = await JsonAsync(await api.GetAsync($"/api/v1/survey-topics?from={today:yyyy-MM-dd}&to={from:yyyy-MM-dd}"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("from", out _));
        await JsonAsync(await api.GetAsync($"/api/v1/surveys/{Guid.NewGuid()}/trend"), HttpStatusCode.NotFound);
    }

    [Fact]
    public void TheDirection_NeedsAnEarlierStep_AndADifferenceBeyondChance()
    {
        Assert.Equal(TrendDirection.Steady, SurveyTrends.DirectionOf([5], [10]));
        Assert.Equal(TrendDirection.Steady, SurveyTrends.DirectionOf([0, 5], [0, 10]));
        // 2 of 10, then 4 of 10: too few comments for the test to say anything.
        Assert.Equal(TrendDirection.Steady, SurveyTrends.DirectionOf([2, 4], [10, 10]));
        // 10 of 100, then 30 of 100: z ≈ 3.54.
        Assert.Equal(TrendDirection.Rising, SurveyTrends.DirectionOf([4, 6, 30], [50, 50, 100]));
        Assert.Equal(TrendDirection.Falling, SurveyTrends.DirectionOf([30, 10], [100, 100]));
        Assert.Equal(TrendDirection.Steady, SurveyTrends.DirectionOf([10, 10], [10, 10]));
        // One mention, once: however the shares differ, too few to tell; so is a single comment in the last step.
        Assert.Equal(TrendDirection.Steady, SurveyTrends.DirectionOf([1, 0], [5, 20]));
        Assert.Equal(TrendDirection.Steady, SurveyTrends.DirectionOf([4, 1], [100, 1]));
        // 40 of 100, then 45 of 100: enough comments, a difference within chance (z ≈ 0.72).
        Assert.Equal(TrendDirection.Steady, SurveyTrends.DirectionOf([40, 45], [100, 100]));
    }
}

public sealed class SurveyTrendTestsOnSqlite(SqliteApp app) : SurveyTrendTests(app), IClassFixture<SqliteApp>;

public sealed class SurveyTrendTestsOnPostgres(PostgresApp app) : SurveyTrendTests(app), IClassFixture<PostgresApp>;
