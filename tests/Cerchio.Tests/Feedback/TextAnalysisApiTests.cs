using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.TextAnalysis;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// The text analysis API on both databases: one text or a batch, in Italian or English; bad input refused per field
/// with nothing stored; corrections and own topics kept per organization, so another organization's never change
/// what this one reads.
/// </summary>
public abstract class TextAnalysisApiTests(AppFixture app)
{
    private const string Late = "Consegna in ritardo di due settimane e nessuno mi ha avvisato.";

    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(TestOrganization Org, HttpClient Api)> OrganizationAsync(string name)
    {
        var org = await app.CreateOrganizationAsync(name, (Email("lead"), Role.CxLead));
        return (org, org.Api());
    }

    private static Task<HttpResponseMessage> AnalyzeAsync(HttpClient api, object body) => api.PostAsJsonAsync("/api/v1/text/analyze", body);

    private static IEnumerable<string> Codes(JsonElement analysis, string list) =>
        analysis.GetProperty(list).EnumerateArray().Select(e => e.GetProperty("code").GetString()!);

    private Task<int> CountAsync<T>(Guid organizationId) where T : class =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<T>().CountAsync());

    [Fact]
    public async Task Analyze_OneComment_GivesSentimentScoreEmotionsAndTopics_WithTheWordsToHighlight()
    {
        var (_, api) = await OrganizationAsync("Analisi Testo S.r.l.");
        var analysis = await JsonAsync(await AnalyzeAsync(api, new { text = Late, language = "it" }), HttpStatusCode.OK);

        Assert.Equal("it", analysis.GetProperty("language").GetString());
        Assert.Equal("negative", analysis.GetProperty("sentiment").GetString());
        Assert.InRange(analysis.GetProperty("score").GetDouble(), -1, -0.05);
        Assert.False(analysis.GetProperty("corrected").GetBoolean());
        var probabilities = analysis.GetProperty("sentiment_probabilities");
        Assert.Equal(1, probabilities.GetProperty("negative").GetDouble() + probabilities.GetProperty("neutral").GetDouble() + probabilities.GetProperty("positive").GetDouble(), 2);

        var delivery = analysis.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "delivery_times");
        Assert.Equal("tempi di consegna", delivery.GetProperty("name_it").GetString());
        Assert.Equal("delivery times", delivery.GetProperty("name_en").GetString());
        var word = delivery.GetProperty("words").EnumerateArray().First();
        Assert.Equal("Consegna", Late.Substring(word.GetProperty("start").GetInt32(), word.GetProperty("length").GetInt32()));
        Assert.True(delivery.GetProperty("default").GetBoolean());

        var emotions = Codes(analysis, "emotions").ToList();
        Assert.NotEmpty(emotions);
        Assert.All(emotions, e => Assert.Contains(e, new[] { "anger", "frustration", "disappointment", "worry" }));
        var emotion = analysis.GetProperty("emotions").EnumerateArray().First();
        Assert.False(string.IsNullOrEmpty(emotion.GetProperty("name_it").GetString()));

        var polar = analysis.GetProperty("words").EnumerateArray().ToList();
        Assert.Contains(polar, w => w.GetProperty("counted").GetDouble() < 0
            && Late.Substring(w.GetProperty("start").GetInt32(), w.GetProperty("length").GetInt32()) == w.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Analyze_ABatch_InOrder_DetectsTheLanguage_AndTheRules()
    {
        var (_, api) = await OrganizationAsync("Analisi Lotti S.r.l.");
        var texts = new[]
        {
            "Per niente soddisfatto del montaggio.",
            "Grazie mille, tecnico gentilissimo e competente: caldaia sistemata in un'ora.",
            "The invoice was wrong twice and nobody answered our emails.",
            "Not bad at all, the team was quick and friendly.",
        };
        var batch = await JsonAsync(await AnalyzeAsync(api, new { texts }), HttpStatusCode.OK);
        var items = batch.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        Assert.Equal(["it", "it", "en", "en"], items.Select(i => i.GetProperty("language").GetString()));
        Assert.Equal(["negative", "positive", "negative", "positive"], items.Select(i => i.GetProperty("sentiment").GetString()));
        Assert.Contains("billing", Codes(items[2], "topics"));
        Assert.All(Codes(items[1], "emotions"), e => Assert.Contains(e, new[] { "satisfaction", "gratitude" }));

        // The language given wins over the detected one.
        var forced = await JsonAsync(await AnalyzeAsync(api, new { texts = new[] { texts[0] }, language = "EN" }), HttpStatusCode.OK);
        Assert.Equal("en", forced.GetProperty("items")[0].GetProperty("language").GetString());
    }

    [Fact]
    public async Task Analyze_BadInput_IsRefusedPerField_AndScriptStaysInert()
    {
        var (org, api) = await OrganizationAsync("Analisi Errori S.r.l.");
        async Task<JsonElement> RefusedAsync(object body)
        {
            var response = await AnalyzeAsync(api, body);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return (await JsonAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        }

        Assert.True((await RefusedAsync(new { text = "" })).TryGetProperty("text", out _));
        Assert.True((await RefusedAsync(new { text = "   \n " })).TryGetProperty("text", out _));
        Assert.True((await RefusedAsync(new { })).TryGetProperty("text", out _));
        Assert.True((await RefusedAsync(new { text = new string('a', 10_001) })).TryGetProperty("text", out _));
        Assert.True((await RefusedAsync(new { text = "Ottimo", language = "fr" })).TryGetProperty("language", out _));
        Assert.True((await RefusedAsync(new { text = "Ottimo", texts = new[] { "Pessimo" } })).TryGetProperty("texts", out _));
        Assert.True((await RefusedAsync(new { texts = Array.Empty<string>() })).TryGetProperty("texts", out _));
        Assert.True((await RefusedAsync(new { texts = Enumerable.Repeat("Ottimo servizio", 101).ToArray() })).TryGetProperty("texts", out _));
        var items = await RefusedAsync(new { texts = new[] { "Ottimo", "", new string('b', 10_001) } });
        Assert.True(items.TryGetProperty("texts[1]", out _));
        Assert.True(items.TryGetProperty("texts[2]", out _));
        Assert.False(items.TryGetProperty("texts[0]", out _));
        // 100 texts and 10,000 characters are still fine.
        Assert.Equal(100, (await JsonAsync(await AnalyzeAsync(api, new { texts = Enumerable.Repeat("Ottimo servizio", 100).ToArray() }), HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
        await JsonAsync(await AnalyzeAsync(api, new { text = string.Concat(Enumerable.Repeat("Servizio lento. ", 625)) }), HttpStatusCode.OK);

        // Script in the text is data: analysed, returned JSON-escaped, never as markup.
        var script = "<script>alert('x')</script> Servizio pessimo, mai più.";
        var response = await AnalyzeAsync(api, new { text = script });
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script>", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("negative", JsonDocument.Parse(raw).RootElement.GetProperty("sentiment").GetString());

        // Without an API key: nothing.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/text/analyze", new { text = "Ottimo" })).StatusCode);
        Assert.Equal(0, await CountAsync<TextCorrection>(org.Id));
    }

    [Fact]
    public async Task Corrections_ChangeWhatThisOrganizationReads_NeverAnotherOne()
    {
        var (mine, api) = await OrganizationAsync("Correzioni Mie S.r.l.");
        var (other, otherApi) = await OrganizationAsync("Correzioni Altrui S.r.l.");
        const string text = "Il geometra è passato ieri a vedere il cantiere.";
        var before = await JsonAsync(await AnalyzeAsync(api, new { text }), HttpStatusCode.OK);
        Assert.False(before.GetProperty("corrected").GetBoolean());

        var result = await JsonAsync(await api.PostAsJsonAsync("/api/v1/text/corrections", new
        {
            text, sentiment = "positive", add_topics = new[] { "quote", "competence" }, add_emotions = new[] { "satisfaction" }, remove_topics = new[] { "delivery_times" },
        }), HttpStatusCode.OK);
        var correction = result.GetProperty("correction");
        Assert.Equal("positive", correction.GetProperty("sentiment").GetString());
        Assert.Contains("quote", correction.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.DoesNotContain("delivery_times", correction.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.False(string.IsNullOrEmpty(correction.GetProperty("corrected_by").GetString()));
        Assert.True(result.GetProperty("analysis").GetProperty("corrected").GetBoolean());

        // The same comment, typed differently, reads as corrected here…
        var again = await JsonAsync(await AnalyzeAsync(api, new { text = "il GEOMETRA e' passato ieri a vedere il cantiere" }), HttpStatusCode.OK);
        Assert.True(again.GetProperty("corrected").GetBoolean());
        Assert.Equal("positive", again.GetProperty("sentiment").GetString());
        Assert.True(again.GetProperty("score").GetDouble() > 0);
        Assert.Equal(["competence", "quote"], Codes(again, "topics").Order());
        Assert.Equal(["satisfaction"], Codes(again, "emotions"));

        // …and not in the other organization, whose list of corrections stays empty.
        var elsewhere = await JsonAsync(await AnalyzeAsync(otherApi, new { text }), HttpStatusCode.OK);
        Assert.False(elsewhere.GetProperty("corrected").GetBoolean());
        Assert.Equal(before.GetProperty("sentiment").GetString(), elsewhere.GetProperty("sentiment").GetString());
        Assert.Equal(before.GetProperty("sentiment_probabilities").GetRawText(), elsewhere.GetProperty("sentiment_probabilities").GetRawText());
        Assert.Equal(0, (await JsonAsync(await otherApi.GetAsync("/api/v1/text/corrections"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
        Assert.Equal(0, await CountAsync<TextCorrection>(other.Id));

        // A second correction of the same comment changes the first.
        await JsonAsync(await api.PostAsJsonAsync("/api/v1/text/corrections", new { text = text.ToUpperInvariant(), remove_topics = new[] { "competence" } }), HttpStatusCode.OK);
        var list = await JsonAsync(await api.GetAsync("/api/v1/text/corrections"), HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var stored = list.GetProperty("items")[0];
        Assert.Equal(["quote"], stored.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("positive", stored.GetProperty("sentiment").GetString());

        // The organization's model retrains with it in the background; the other keeps the base model.
        var analyzer = app.Services.GetRequiredService<TextAnalyzer>();
        await analyzer.WhenTrainedAsync(mine.Id);
        Assert.True(analyzer.HasOwnModel(mine.Id));
        Assert.False(analyzer.HasOwnModel(other.Id));
        var otherAfter = await JsonAsync(await AnalyzeAsync(otherApi, new { text }), HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("sentiment_probabilities").GetRawText(), otherAfter.GetProperty("sentiment_probabilities").GetRawText());
    }

    [Fact]
    public async Task Corrections_BadInput_IsRefusedPerField_WithNothingStored()
    {
        var (org, api) = await OrganizationAsync("Correzioni Errori S.r.l.");
        async Task<JsonElement> RefusedAsync(object body) =>
            (await JsonAsync(await api.PostAsJsonAsync("/api/v1/text/corrections", body), HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.True((await RefusedAsync(new { text = "", sentiment = "positive" })).TryGetProperty("text", out _));
        Assert.True((await RefusedAsync(new { text = "Ottimo", sentiment = "felice" })).TryGetProperty("sentiment", out _));
        Assert.True((await RefusedAsync(new { text = "Ottimo" })).TryGetProperty("sentiment", out _));   // no change asked
        Assert.True((await RefusedAsync(new { text = "Ottimo", add_topics = new[] { "parcheggio" } })).TryGetProperty("add_topics", out _));
        Assert.True((await RefusedAsync(new { text = "Ottimo", add_emotions = new[] { "noia" } })).TryGetProperty("add_emotions", out _));
        Assert.True((await RefusedAsync(new { text = "Ottimo", add_topics = new[] { "price" }, remove_topics = new[] { "price" } })).TryGetProperty("remove_topics", out _));
        Assert.True((await RefusedAsync(new { text = "Ottimo", add_topics = new[] { "" } })).TryGetProperty("add_topics", out _));
        Assert.True((await RefusedAsync(new { text = "Ottimo", sentiment = "positive", language = "de" })).TryGetProperty("language", out _));
        Assert.Equal(0, await CountAsync<TextCorrection>(org.Id));
    }

    [Fact]
    public async Task OwnTopics_AreFoundByTheirWords_OnlyInTheirOrganization()
    {
        var (mine, api) = await OrganizationAsync("Temi Miei S.r.l.");
        var (_, otherApi) = await OrganizationAsync("Temi Altrui S.r.l.");
        var saved = await JsonAsync(await api.PostAsJsonAsync("/api/v1/text/topics", new
        {
            code = "parcheggio", name_it = "Parcheggio", name_en = "Parking", terms = new[] { "parcheggio", "posto auto", "Posteggio " },
        }), HttpStatusCode.OK);
        Assert.Equal(["parcheggio", "posto auto", "posteggio"], saved.GetProperty("terms").EnumerateArray().Select(t => t.GetString()));

        const string text = "Il posto auto davanti al negozio era sempre occupato.";
        var analysis = await JsonAsync(await AnalyzeAsync(api, new { text }), HttpStatusCode.OK);
        var parking = analysis.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "parcheggio");
        Assert.False(parking.GetProperty("default").GetBoolean());
        Assert.Equal("Parking", parking.GetProperty("name_en").GetString());
        Assert.Equal("posto auto", parking.GetProperty("words")[0].GetProperty("text").GetString());
        var topics = await JsonAsync(await api.GetAsync("/api/v1/text/topics"), HttpStatusCode.OK);
        Assert.Equal(12, topics.GetArrayLength());

        // A correction may use the organization's own topic; another organization knows neither.
        await JsonAsync(await api.PostAsJsonAsync("/api/v1/text/corrections", new { text = "Nessun posto libero.", add_topics = new[] { "parcheggio" } }), HttpStatusCode.OK);
        Assert.DoesNotContain("parcheggio", Codes(await JsonAsync(await AnalyzeAsync(otherApi, new { text }), HttpStatusCode.OK), "topics"));
        Assert.Equal(11, (await JsonAsync(await otherApi.GetAsync("/api/v1/text/topics"), HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await otherApi.PostAsJsonAsync("/api/v1/text/corrections", new { text = "Nessun posto libero.", add_topics = new[] { "parcheggio" } })).StatusCode);

        // Bad topics: a default's code, a bad code, no name, no words.
        async Task<JsonElement> RefusedAsync(object body) =>
            (await JsonAsync(await api.PostAsJsonAsync("/api/v1/text/topics", body), HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True((await RefusedAsync(new { code = "price", name_it = "Prezzo", terms = new[] { "costo" } })).TryGetProperty("code", out _));
        Assert.True((await RefusedAsync(new { code = "Con Spazi", name_it = "X", terms = new[] { "x" } })).TryGetProperty("code", out _));
        Assert.True((await RefusedAsync(new { code = "pulizia", terms = new[] { "sporco" } })).TryGetProperty("name_it", out _));
        Assert.True((await RefusedAsync(new { code = "pulizia", name_it = "Pulizia", terms = Array.Empty<string>() })).TryGetProperty("terms", out _));
        Assert.True((await RefusedAsync(new { code = "pulizia", name_it = "Pulizia", terms = new[] { "!!!" } })).TryGetProperty("terms", out _));
        Assert.Equal(1, await CountAsync<TextTopic>(mine.Id));
    }
}

public sealed class TextAnalysisApiTestsOnSqlite(SqliteApp app) : TextAnalysisApiTests(app), IClassFixture<SqliteApp>;

public sealed class TextAnalysisApiTestsOnPostgres(PostgresApp app) : TextAnalysisApiTests(app), IClassFixture<PostgresApp>;
