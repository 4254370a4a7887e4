using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Journeys.Domain;
using Cerchio.Service.Domain;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Journeys;

/// <summary>
/// The journeys API on both databases: the default journey made on first look, journeys made, changed and archived,
/// stages added, edited, reordered and removed (never the last), cards moved, heat thresholds checked against the metric's
/// direction, the map's live numbers for a period, bad input refused per field with nothing stored, and another
/// organization's journeys, stages and cards never found.
/// </summary>
public abstract class JourneysApiTests(AppFixture app)
{
    private const string Week = "from=2026-11-09&to=2026-11-15";

    private static readonly string[] DefaultStages = ["Scoperta", "Valutazione", "Acquisto", "Consegna", "Utilizzo", "Assistenza", "Fidelizzazione"];

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> request, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The fields a refusal names, after checking it is a 400 problem with a detail.</summary>
    private static async Task<List<string>> RefusedAsync(Task<HttpResponseMessage> request)
    {
        var problem = await OkAsync(request, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
    }

    private static async Task<JsonElement> DefaultJourneyAsync(HttpClient api)
    {
        var listed = await OkAsync(api.GetAsync("/api/v1/journeys"));
        var id = listed.EnumerateArray().Single(j => j.GetProperty("code").GetString() == "cliente-b2b").GetProperty("id").GetGuid();
        return await OkAsync(api.GetAsync($"/api/v1/journeys/{id}"));
    }

    private static JsonElement Stage(JsonElement journey, string name) =>
        journey.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    private static List<string> Touchpoints(JsonElement stage) =>
        stage.GetProperty("cards").EnumerateArray().Select(c => c.GetProperty("touchpoint").GetString()!).ToList();

    private static Guid CardId(JsonElement stage, string touchpoint) =>
        stage.GetProperty("cards").EnumerateArray().Single(c => c.GetProperty("touchpoint").GetString() == touchpoint).GetProperty("id").GetGuid();

    private Task<int> StoredAsync<T>(TestOrganization org) where T : class =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<T>().CountAsync());

    [Fact]
    public async Task List_MakesTheDefaultJourneyOnce_AndOneJourneyReadsWithItsStagesInMapOrderAndTheirCards()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Api Elenco S.r.l.");
        var api = org.Api();
        // Several first looks at once: one default journey.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => api.GetAsync("/api/v1/journeys")));
        var listed = Assert.Single((await OkAsync(api.GetAsync("/api/v1/journeys"))).EnumerateArray());
        Assert.Equal(("cliente-b2b", "Cliente B2B", false, 7), (listed.GetProperty("code").GetString(), listed.GetProperty("name").GetString(),
            listed.GetProperty("archived").GetBoolean(), listed.GetProperty("stages").GetInt32()));
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("persona_id").ValueKind);
        var heat = listed.GetProperty("heat");
        Assert.Equal(("complaints", 3.0, 5.0), (heat.GetProperty("metric").GetString(), heat.GetProperty("amber").GetDouble(), heat.GetProperty("red").GetDouble()));

        var journey = await OkAsync(api.GetAsync($"/api/v1/journeys/{listed.GetProperty("id").GetGuid()}"));
        Assert.Equal(listed.GetProperty("description").GetString(), journey.GetProperty("description").GetString());
        var stages = journey.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(DefaultStages, stages.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(["before", "before", "during", "during", "after", "after", "after"], stages.Select(s => s.GetProperty("phase").GetString()));
        Assert.Equal([0, 1, 0, 1, 0, 1, 2], stages.Select(s => s.GetProperty("position").GetInt32()));

        var delivery = Stage(journey, "Consegna");
        Assert.Equal(["consegna", "etichetta", "fattura"], Touchpoints(delivery));
        Assert.Equal([0, 1, 2], delivery.GetProperty("cards").EnumerateArray().Select(c => c.GetProperty("position").GetInt32()));
        Assert.Equal(-1, delivery.GetProperty("emotion").GetInt32());
        Assert.Equal("Ritardi non avvisati, colli danneggiati.", delivery.GetProperty("pain_points").GetString());
        Assert.StartsWith("Aspetta la merce", delivery.GetProperty("customer_actions").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(delivery.GetProperty("front_stage").GetString()));
        Assert.False(string.IsNullOrEmpty(delivery.GetProperty("back_stage").GetString()));
        var touchpoint = await OkAsync(api.GetAsync("/api/v1/touchpoints/consegna"));
        Assert.Equal(touchpoint.GetProperty("owner_department_id").GetGuid(), delivery.GetProperty("back_stage_department_id").GetGuid());

        // One stage alone, with its cards.
        var one = await OkAsync(api.GetAsync($"/api/v1/journeys/{journey.GetProperty("id").GetGuid()}/stages/{delivery.GetProperty("id").GetGuid()}"));
        Assert.Equal(Touchpoints(delivery), Touchpoints(one));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/journeys/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Journeys_AreMadeWithTheDefaultStages_ChangedAndArchived()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Api Nuovi S.r.l.");
        var api = org.Api();
        var persona = (await OkAsync(api.PostAsJsonAsync("/api/v1/personas", new { name = "Il geometra" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var response = await api.PostAsJsonAsync("/api/v1/journeys", new { name = "  Cliente privato ", description = "Chi arreda casa.", persona_id = persona });
        var created = await OkAsync(Task.FromResult(response), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/journeys/{id}", Html.LocationPath(response));
        Assert.Equal(("Cliente privato", "Chi arreda casa.", persona), (created.GetProperty("name").GetString(), created.GetProperty("description").GetString(), created.GetProperty("persona_id").GetGuid()));
        Assert.Equal(DefaultStages, created.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.All(created.GetProperty("stages").EnumerateArray(), s => Assert.Empty(s.GetProperty("cards").EnumerateArray()));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("heat").GetProperty("metric").ValueKind);

        // Every field replaced; the persona dropped.
        var updated = await OkAsync(api.PutAsJsonAsync($"/api/v1/journeys/{id}", new { name = "Cliente privato online" }));
        Assert.Equal(("Cliente privato online", "", JsonValueKind.Null), (updated.GetProperty("name").GetString(), updated.GetProperty("description").GetString(), updated.GetProperty("persona_id").ValueKind));
        Assert.Equal(7, updated.GetProperty("stages").GetArrayLength());

        // Archived: out of the list unless asked for; the default journey (made by this first look) stays.
        await OkAsync(api.PutAsJsonAsync($"/api/v1/journeys/{id}", new { name = "Cliente privato online", archived = true }));
        Assert.Equal(["cliente-b2b"], (await OkAsync(api.GetAsync("/api/v1/journeys"))).EnumerateArray().Select(j => j.GetProperty("code").GetString()));
        var all = (await OkAsync(api.GetAsync("/api/v1/journeys?archived=true"))).EnumerateArray().ToList();
        var archived = all.Single(j => j.GetProperty("id").GetGuid() == id);
        Assert.True(archived.GetProperty("archived").GetBoolean());
        Assert.Equal(7, archived.GetProperty("stages").GetInt32());
        Assert.Equal(2, all.Count);

        // A persona of no one's here, an unknown journey.
        Assert.Equal(["persona_id"], await RefusedAsync(api.PutAsJsonAsync($"/api/v1/journeys/{id}", new { name = "X", persona_id = Guid.NewGuid() })));
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync($"/api/v1/journeys/{Guid.NewGuid()}", new { name = "Nuovo?" })).StatusCode);
        Assert.Equal(2, await StoredAsync<Journey>(org));
    }

    [Fact]
    public async Task Stages_AreAddedEditedAndRemoved_ButNeverTheLast()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Api Fasi S.r.l.");
        var api = org.Api();
        var journey = await OkAsync(api.PostAsJsonAsync("/api/v1/journeys", new { name = "Rivenditore" }), HttpStatusCode.Created);
        var stages = $"/api/v1/journeys/{journey.GetProperty("id").GetGuid()}/stages";

        var response = await api.PostAsJsonAsync(stages, new { name = "Reso", phase = "during", pain_points = "Moduli lunghi.", emotion = -2, touchpoints = new[] { "sito", "consegna" } });
        var added = await OkAsync(Task.FromResult(response), HttpStatusCode.Created);
        var stageId = added.GetProperty("id").GetGuid();
        Assert.Equal($"{stages}/{stageId}", Html.LocationPath(response));
        Assert.Equal(("during", 2, -2), (added.GetProperty("phase").GetString(), added.GetProperty("position").GetInt32(), added.GetProperty("emotion").GetInt32()));
        Assert.Equal(["sito", "consegna"], Touchpoints(added));
        var consegna = CardId(added, "consegna");

        // Touchpoints replaced: sito leaves, consegna keeps its card, fattura joins at the end; to another phase: its end.
        var edited = await OkAsync(api.PutAsJsonAsync($"{stages}/{stageId}", new { name = "Reso merce", phase = "after", touchpoints = new[] { "consegna", "FATTURA" } }));
        Assert.Equal(["consegna", "fattura"], Touchpoints(edited));
        Assert.Equal(consegna, CardId(edited, "consegna"));
        Assert.Equal(("Reso merce", "after", 3, "", JsonValueKind.Null), (edited.GetProperty("name").GetString(), edited.GetProperty("phase").GetString(),
            edited.GetProperty("position").GetInt32(), edited.GetProperty("pain_points").GetString(), edited.GetProperty("emotion").ValueKind));

        // Refused per field, nothing changed.
        Assert.Equal(["touchpoints"], await RefusedAsync(api.PutAsJsonAsync($"{stages}/{stageId}", new { name = "Reso", phase = "after", touchpoints = new[] { "teletrasporto" } })));
        Assert.Equal(["phase"], await RefusedAsync(api.PutAsJsonAsync($"{stages}/{stageId}", new { name = "Reso", phase = "meanwhile" })));
        Assert.Equal(["phase"], await RefusedAsync(api.PostAsJsonAsync(stages, new { name = "Senza fase" })));
        Assert.Equal(["emotion"], await RefusedAsync(api.PutAsJsonAsync($"{stages}/{stageId}", new { name = "Reso", phase = "after", emotion = 3 })));
        Assert.Equal(["name", "back_stage", "back_stage_department_id"], await RefusedAsync(api.PutAsJsonAsync($"{stages}/{stageId}",
            new { name = new string('n', JourneyStage.MaxName + 1), phase = "after", back_stage = new string('b', JourneyStage.MaxLane + 1), back_stage_department_id = Guid.NewGuid() })));
        Assert.Equal(["consegna", "fattura"], Touchpoints(await OkAsync(api.GetAsync($"{stages}/{stageId}"))));
        Assert.Equal(8, await StoredAsync<JourneyStage>(org));

        // Removed with its cards; every other but one too; the last refused with a problem saying why.
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"{stages}/{stageId}")).StatusCode);
        Assert.Equal(0, await StoredAsync<JourneyCard>(org));
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"{stages}/{stageId}")).StatusCode);
        var left = (await OkAsync(api.GetAsync($"/api/v1/journeys/{journey.GetProperty("id").GetGuid()}"))).GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
        foreach (var stage in left.Skip(1))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"{stages}/{stage}")).StatusCode);
        }

        var last = await OkAsync(api.DeleteAsync($"{stages}/{left[0]}"), HttpStatusCode.BadRequest);
        Assert.Contains("almeno una fase", last.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["stage"], last.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, await StoredAsync<JourneyStage>(org));
    }

    [Fact]
    public async Task Cards_MoveBetweenAndWithinStages_ButNotWhereTheirTouchpointAlreadyIs()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Api Carte S.r.l.");
        var api = org.Api();
        var journey = await DefaultJourneyAsync(api);
        var id = journey.GetProperty("id").GetGuid();
        string Move(Guid card) => $"/api/v1/journeys/{id}/cards/{card}/move";
        var fattura = CardId(Stage(journey, "Consegna"), "fattura");
        var purchase = Stage(journey, "Acquisto").GetProperty("id").GetGuid();

        // To the top of Acquisto; then, without an index, to its end; then within it, to index 1.
        var moved = await OkAsync(api.PostAsJsonAsync(Move(fattura), new { stage_id = purchase, index = 0 }));
        Assert.Equal(["fattura", "commerciale", "punto-vendita", "email"], Touchpoints(Stage(moved, "Acquisto")));
        Assert.Equal(["consegna", "etichetta"], Touchpoints(Stage(moved, "Consegna")));
        Assert.Equal([0, 1], Stage(moved, "Consegna").GetProperty("cards").EnumerateArray().Select(c => c.GetProperty("position").GetInt32()));
        Assert.Equal(["commerciale", "punto-vendita", "email", "fattura"], Touchpoints(Stage(await OkAsync(api.PostAsJsonAsync(Move(fattura), new { stage_id = purchase })), "Acquisto")));
        Assert.Equal(["commerciale", "fattura", "punto-vendita", "email"], Touchpoints(Stage(await OkAsync(api.PostAsJsonAsync(Move(fattura), new { stage_id = purchase, index = 1 })), "Acquisto")));

        // Into Assistenza, which already shows the email; to a stage of another journey; with no stage: refused, nothing moved.
        var email = CardId(Stage(journey, "Acquisto"), "email");
        var support = Stage(journey, "Assistenza").GetProperty("id").GetGuid();
        Assert.Equal(["stage_id"], await RefusedAsync(api.PostAsJsonAsync(Move(email), new { stage_id = support, index = 0 })));
        var other = await OkAsync(api.PostAsJsonAsync("/api/v1/journeys", new { name = "Altro viaggio" }), HttpStatusCode.Created);
        var otherStage = other.GetProperty("stages")[0].GetProperty("id").GetGuid();
        Assert.Equal(["stage_id"], await RefusedAsync(api.PostAsJsonAsync(Move(email), new { stage_id = otherStage, index = 0 })));
        Assert.Equal(["stage_id"], await RefusedAsync(api.PostAsJsonAsync(Move(email), new { index = 0 })));
        var after = await OkAsync(api.GetAsync($"/api/v1/journeys/{id}"));
        Assert.Equal(["commerciale", "fattura", "punto-vendita", "email"], Touchpoints(Stage(after, "Acquisto")));
        Assert.Equal(["assistenza", "centralino", "email"], Touchpoints(Stage(after, "Assistenza")));
        Assert.Empty(Stage(await OkAsync(api.GetAsync($"/api/v1/journeys/{other.GetProperty("id").GetGuid()}")), "Scoperta").GetProperty("cards").EnumerateArray());

        // A card of this journey asked through the other journey's address is not found there.
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/journeys/{other.GetProperty("id").GetGuid()}/cards/{email}/move", new { stage_id = otherStage })).StatusCode);
    }

    [Fact]
    public async Task Stages_AreReorderedByTheWholeList_WhichMustBeExactlyTheJourneysStages_EachPhaseTogether()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Api Ordine S.r.l.");
        var api = org.Api();
        var journey = await DefaultJourneyAsync(api);
        var order = $"/api/v1/journeys/{journey.GetProperty("id").GetGuid()}/stages/order";
        Guid Id(string name) => Stage(journey, name).GetProperty("id").GetGuid();
        static List<string?> Names(JsonElement j) => j.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();

        // Every phase reversed; the cards go with their stage.
        string[] wanted = ["Valutazione", "Scoperta", "Consegna", "Acquisto", "Fidelizzazione", "Assistenza", "Utilizzo"];
        var reordered = await OkAsync(api.PutAsJsonAsync(order, new { stage_ids = wanted.Select(Id) }));
        Assert.Equal(wanted, Names(reordered));
        Assert.Equal([0, 1, 0, 1, 0, 1, 2], reordered.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("position").GetInt32()));
        Assert.Equal(["consegna", "etichetta", "fattura"], Touchpoints(Stage(reordered, "Consegna")));
        var stored = await DefaultJourneyAsync(api);
        Assert.Equal(wanted, Names(stored));

        // Refused, naming the field, and nothing moves: a stage left out, another journey's stage or an unknown id (a list
        // made from an old view of the map: 409); a stage twice, phases mixed up, no list (the request's own mistake: 400).
        var other = (await OkAsync(api.PostAsJsonAsync("/api/v1/journeys", new { name = "Altro viaggio" }), HttpStatusCode.Created)).GetProperty("stages")[0].GetProperty("id").GetGuid();
        foreach (var (what, ids) in new (string, IEnumerable<Guid>)[]
        {
            ("one left out", wanted.Skip(1).Select(Id)),
            ("another journey's stage too", wanted.Select(Id).Append(other)),
            ("an unknown id instead of one", wanted.Skip(1).Select(Id).Prepend(Guid.NewGuid())),
        })
        {
            var response = await api.PutAsJsonAsync(order, new { stage_ids = ids });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{what}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal("https://cerchio.dev/problems/conflict", problem.GetProperty("type").GetString());
            Assert.Equal(["stage_ids"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }

        Assert.Contains("Valutazione", (await OkAsync(api.PutAsJsonAsync(order, new { stage_ids = wanted.Skip(1).Select(Id) }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["stage_ids"], await RefusedAsync(api.PutAsJsonAsync(order, new { stage_ids = wanted.Select(Id).Append(Id("Scoperta")) })));
        Assert.Equal(["stage_ids"], await RefusedAsync(api.PutAsJsonAsync(order, new { stage_ids = wanted.Skip(1).Select(Id).Append(Id("Scoperta")) })));
        Assert.Equal(["stage_ids"], await RefusedAsync(api.PutAsJsonAsync(order, new { stage_ids = new[] { "Consegna", "Valutazione", "Scoperta", "Acquisto", "Fidelizzazione", "Assistenza", "Utilizzo" }.Select(Id) })));
        Assert.Equal(["stage_ids"], await RefusedAsync(api.PutAsJsonAsync(order, new { stage_ids = Array.Empty<Guid>() })));
        Assert.Equal(["stage_ids"], await RefusedAsync(api.PutAsJsonAsync(order, new { })));
        Assert.Equal(stored.GetRawText(), (await DefaultJourneyAsync(api)).GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync($"/api/v1/journeys/{Guid.NewGuid()}/stages/order", new { stage_ids = wanted.Select(Id) })).StatusCode);
    }

    [Fact]
    public async Task Heat_IsCheckedAgainstTheMetricsDirection_PerField_AndCleared()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Api Soglie S.r.l.");
        var api = org.Api();
        var heat = $"/api/v1/journeys/{(await DefaultJourneyAsync(api)).GetProperty("id").GetGuid()}/heat";

        Assert.Equal(["red"], await RefusedAsync(api.PutAsJsonAsync(heat, new { metric = "complaints", amber = 5, red = 2 })));
        Assert.Equal(["red"], await RefusedAsync(api.PutAsJsonAsync(heat, new { metric = "sla", amber = 80, red = 90 })));
        Assert.Equal(["metric"], await RefusedAsync(api.PutAsJsonAsync(heat, new { metric = "umore", amber = 1, red = 2 })));
        Assert.Equal(["amber"], await RefusedAsync(api.PutAsJsonAsync(heat, new { metric = "complaints", red = 2 })));
        Assert.Equal(["amber", "red"], await RefusedAsync(api.PutAsJsonAsync(heat, new { metric = "complaints" })));
        var problem = await OkAsync(api.PutAsJsonAsync(heat, new { metric = "complaints", amber = 5, red = 2 }), HttpStatusCode.BadRequest);
        Assert.Contains("sopra quella gialla", problem.GetProperty("errors").GetProperty("red")[0].GetString(), StringComparison.Ordinal);
        var kept = (await DefaultJourneyAsync(api)).GetProperty("heat");
        Assert.Equal((3.0, 5.0), (kept.GetProperty("amber").GetDouble(), kept.GetProperty("red").GetDouble()));

        var saved = (await OkAsync(api.PutAsJsonAsync(heat, new { metric = "sla", amber = 90, red = 80.5 }))).GetProperty("heat");
        Assert.Equal(("sla", 90.0, 80.5), (saved.GetProperty("metric").GetString(), saved.GetProperty("amber").GetDouble(), saved.GetProperty("red").GetDouble()));
        var cleared = (await OkAsync(api.PutAsJsonAsync(heat, new { metric = (string?)null, amber = 1, red = 2 }))).GetProperty("heat");
        Assert.All(new[] { "metric", "amber", "red" }, p => Assert.Equal(JsonValueKind.Null, cleared.GetProperty(p).ValueKind));
    }

    /// <summary>
    /// On consegna, in the week of 9–15 November 2026: two complaint cases, an information request flagged as a
    /// complaint and a plain one; the week before one complaint. On fattura one plain case in the week. The default
    /// heat (complaints, amber from 3, red from 5) makes consegna amber, fattura (0 complaints) green, etichetta none.
    /// </summary>
    [Fact]
    public async Task Map_ShowsEachCardsNumbersForThePeriod_ColouredByTheHeatMetric()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Api Numeri S.r.l.");
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        async Task Open(string touchpoint, string type, int day, bool flagged = false)
        {
            var number = (await OkAsync(api.PostAsJsonAsync("/api/v1/cases", new { subject = "Pratica", customer = new { external_id = "CLI-1" }, channel = "email", type, touchpoint, text = "Buongiorno" }), HttpStatusCode.Created))
                .GetProperty("number").GetInt32();
            await app.InOrganizationAsync(org.Id, async sp =>
            {
                var db = sp.GetRequiredService<CerchioDb>();
                var c = await db.Set<Case>().SingleAsync(x => x.Number == number);
                c.CreatedAt = new DateTimeOffset(2026, 11, day, 10, 0, 0, TimeSpan.FromHours(1)).ToUniversalTime();
                c.IsComplaint |= flagged;
                return await db.SaveChangesAsync();
            });
        }

        await Open("consegna", "complaint", 9);
        await Open("consegna", "complaint", 12);
        await Open("consegna", "information", 13, flagged: true);
        await Open("consegna", "information", 14);
        await Open("consegna", "complaint", 4);
        await Open("fattura", "information", 10);

        var journey = await DefaultJourneyAsync(api);
        var path = $"/api/v1/journeys/{journey.GetProperty("id").GetGuid()}/map";
        var map = await OkAsync(api.GetAsync($"{path}?{Week}"));
        Assert.Equal(("2026-11-09", "2026-11-15"), (map.GetProperty("from").GetString(), map.GetProperty("to").GetString()));
        Assert.Equal("complaints", map.GetProperty("heat").GetProperty("metric").GetString());
        Assert.Contains("complaints", map.GetProperty("definitions").EnumerateArray().Select(d => d.GetProperty("key").GetString()));
        Assert.Equal(DefaultStages, map.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var cards = Stage(map, "Consegna").GetProperty("cards").EnumerateArray().ToDictionary(c => c.GetProperty("touchpoint").GetString()!);
        Assert.Equal(["consegna", "etichetta", "fattura"], cards.Keys);
        Assert.Equal(CardId(Stage(journey, "Consegna"), "consegna"), cards["consegna"].GetProperty("id").GetGuid());
        Assert.Equal("Consegna", cards["consegna"].GetProperty("name").GetString());

        var complaints = cards["consegna"].GetProperty("numbers").EnumerateArray().Single(n => n.GetProperty("key").GetString() == "complaints");
        Assert.Equal((3.0, 1.0, 4), (complaints.GetProperty("value").GetDouble(), complaints.GetProperty("previous").GetDouble(), complaints.GetProperty("basis").GetInt32()));
        Assert.StartsWith("/assistenza?", complaints.GetProperty("rows_path").GetString(), StringComparison.Ordinal);
        var cases = cards["consegna"].GetProperty("numbers").EnumerateArray().Single(n => n.GetProperty("key").GetString() == "cases");
        Assert.Equal(4.0, cases.GetProperty("value").GetDouble());
        Assert.Equal(["amber", "none", "green"], new[] { "consegna", "etichetta", "fattura" }.Select(t => cards[t].GetProperty("heat").GetString()));
        Assert.Empty(cards["etichetta"].GetProperty("numbers").EnumerateArray());

        // Lower thresholds: consegna red; no heat metric: no colour, the numbers stay.
        await OkAsync(api.PutAsJsonAsync(path[..^"/map".Length] + "/heat", new { metric = "complaints", amber = 1, red = 3 }));
        Assert.Equal("red", Stage(await OkAsync(api.GetAsync($"{path}?{Week}")), "Consegna").GetProperty("cards")[0].GetProperty("heat").GetString());
        await OkAsync(api.PutAsJsonAsync(path[..^"/map".Length] + "/heat", new { metric = (string?)null }));
        var plain = Stage(await OkAsync(api.GetAsync($"{path}?{Week}")), "Consegna").GetProperty("cards")[0];
        Assert.Equal("none", plain.GetProperty("heat").GetString());
        Assert.NotEmpty(plain.GetProperty("numbers").EnumerateArray());

        // The week before: the one complaint, compared with nothing.
        var before = Stage(await OkAsync(api.GetAsync($"{path}?from=2026-11-02&to=2026-11-08")), "Consegna").GetProperty("cards")[0];
        var earlier = before.GetProperty("numbers").EnumerateArray().Single(n => n.GetProperty("key").GetString() == "complaints");
        Assert.Equal((1.0, 0.0), (earlier.GetProperty("value").GetDouble(), earlier.GetProperty("previous").GetDouble()));

        // The metrics API's period rules, field by field; an unknown journey is not found whatever the period.
        Assert.Equal(["to"], await RefusedAsync(api.GetAsync($"{path}?from=2026-11-15&to=2026-11-09")));
        Assert.Equal(["from"], await RefusedAsync(api.GetAsync($"{path}?from=09/11/2026")));
        Assert.Equal(["to"], await RefusedAsync(api.GetAsync($"{path}?from=2025-01-01&to=2026-01-02")));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/journeys/{Guid.NewGuid()}/map?from=bad")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task AnotherOrganizationsJourneyStageAndCard_AreNotFound_OnEveryRoute_AndStayUnchanged()
    {
        var theirs = await app.CreateOrganizationAsync("Viaggi Api Altrui S.r.l.");
        var their = await DefaultJourneyAsync(theirs.Api());
        var journey = their.GetProperty("id").GetGuid();
        var stage = Stage(their, "Consegna").GetProperty("id").GetGuid();
        var card = CardId(Stage(their, "Consegna"), "fattura");

        var org = await app.CreateOrganizationAsync("Viaggi Api Nostri S.r.l.");
        var api = org.Api();
        var mine = await DefaultJourneyAsync(api);
        var myJourney = mine.GetProperty("id").GetGuid();
        var myStage = Stage(mine, "Acquisto").GetProperty("id").GetGuid();
        var stageBody = new { name = "Presa", phase = "before" };
        var requests = new (string What, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("GET journey", () => api.GetAsync($"/api/v1/journeys/{journey}")),
            ("GET map", () => api.GetAsync($"/api/v1/journeys/{journey}/map")),
            ("PUT journey", () => api.PutAsJsonAsync($"/api/v1/journeys/{journey}", new { name = "Preso" })),
            ("PUT heat", () => api.PutAsJsonAsync($"/api/v1/journeys/{journey}/heat", new { metric = (string?)null })),
            ("GET stage", () => api.GetAsync($"/api/v1/journeys/{journey}/stages/{stage}")),
            ("POST stage", () => api.PostAsJsonAsync($"/api/v1/journeys/{journey}/stages", stageBody)),
            ("PUT stage", () => api.PutAsJsonAsync($"/api/v1/journeys/{journey}/stages/{stage}", stageBody)),
            ("DELETE stage", () => api.DeleteAsync($"/api/v1/journeys/{journey}/stages/{stage}")),
            ("POST move", () => api.PostAsJsonAsync($"/api/v1/journeys/{journey}/cards/{card}/move", new { stage_id = stage })),
            ("PUT stage order", () => api.PutAsJsonAsync($"/api/v1/journeys/{journey}/stages/order", new { stage_ids = their.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()) })),
            // Their stage or card under our journey's address.
            ("GET their stage in mine", () => api.GetAsync($"/api/v1/journeys/{myJourney}/stages/{stage}")),
            ("PUT their stage in mine", () => api.PutAsJsonAsync($"/api/v1/journeys/{myJourney}/stages/{stage}", stageBody)),
            ("DELETE their stage in mine", () => api.DeleteAsync($"/api/v1/journeys/{myJourney}/stages/{stage}")),
            ("POST their card in mine", () => api.PostAsJsonAsync($"/api/v1/journeys/{myJourney}/cards/{card}/move", new { stage_id = myStage })),
        };
        foreach (var (what, send) in requests)
        {
            var response = await send();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // Their stage in our journey's order: a list that is not this journey's stages, as for any unknown id.
        var withTheirs = mine.GetProperty("stages").EnumerateArray().Skip(1).Select(s => s.GetProperty("id").GetGuid()).Prepend(stage);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PutAsJsonAsync($"/api/v1/journeys/{myJourney}/stages/order", new { stage_ids = withTheirs })).StatusCode);

        // Our own card to their stage: a stage not of this journey.
        Assert.Equal(["stage_id"], await RefusedAsync(api.PostAsJsonAsync($"/api/v1/journeys/{myJourney}/cards/{CardId(Stage(mine, "Acquisto"), "email")}/move", new { stage_id = stage })));
        Assert.DoesNotContain(journey, (await OkAsync(api.GetAsync("/api/v1/journeys?archived=true"))).EnumerateArray().Select(j => j.GetProperty("id").GetGuid()));
        Assert.Equal(their.GetRawText(), (await DefaultJourneyAsync(theirs.Api())).GetRawText());
        Assert.Equal(7, await StoredAsync<JourneyStage>(org));
    }

    [Fact]
    public async Task BadInput_IsRefused_NothingIsStored_AndScriptInANameStaysText()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Api Errori S.r.l.");
        var api = org.Api();
        var journey = await DefaultJourneyAsync(api);
        var id = journey.GetProperty("id").GetGuid();
        var stage = Stage(journey, "Consegna").GetProperty("id").GetGuid();
        StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

        foreach (var (method, url) in new[]
        {
            (HttpMethod.Post, "/api/v1/journeys"), (HttpMethod.Put, $"/api/v1/journeys/{id}"), (HttpMethod.Put, $"/api/v1/journeys/{id}/heat"),
            (HttpMethod.Post, $"/api/v1/journeys/{id}/stages"), (HttpMethod.Put, $"/api/v1/journeys/{id}/stages/{stage}"),
            (HttpMethod.Post, $"/api/v1/journeys/{id}/cards/{CardId(Stage(journey, "Consegna"), "fattura")}/move"), (HttpMethod.Put, $"/api/v1/journeys/{id}/stages/order"),
        })
        {
            // Cut short, empty, not an object, and every field a body may carry of the wrong type.
            foreach (var body in new[] { "{\"name\": \"x\",", "", "[1,2]", "{\"name\": 5, \"metric\": 5, \"stage_id\": 5}" })
            {
                var response = await api.SendAsync(new HttpRequestMessage(method, url) { Content = Json(body) });
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url} «{body}»: {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(["name"], await RefusedAsync(api.PostAsJsonAsync("/api/v1/journeys", new { name = " " })));
        Assert.Equal(["name"], await RefusedAsync(api.PostAsJsonAsync("/api/v1/journeys", new { name = new string('n', Journey.MaxName + 1) })));
        Assert.Equal(["description"], await RefusedAsync(api.PostAsJsonAsync("/api/v1/journeys", new { name = "Lungo", description = new string('d', Journey.MaxText + 1) })));
        Assert.Equal(["customer_actions", "pain_points"], await RefusedAsync(api.PostAsJsonAsync($"/api/v1/journeys/{id}/stages",
            new { name = "Lunga", phase = "after", customer_actions = new string('c', JourneyStage.MaxLane + 1), pain_points = new string('p', JourneyStage.MaxLane + 1) })));
        Assert.Equal(1, await StoredAsync<Journey>(org));
        Assert.Equal(7, await StoredAsync<JourneyStage>(org));
        Assert.Equal(journey.GetRawText(), (await DefaultJourneyAsync(api)).GetRawText());

        // Script in a name is stored and answered as the text it is, in a JSON string: data, never markup.
        const string script = "<script>alert(1)</script>";
        var created = await OkAsync(api.PostAsJsonAsync("/api/v1/journeys", new { name = script, description = "<img src=x onerror=alert(1)>" }), HttpStatusCode.Created);
        Assert.Equal(script, created.GetProperty("name").GetString());
        var read = await api.GetAsync($"/api/v1/journeys/{created.GetProperty("id").GetGuid()}");
        Assert.Equal("application/json", read.Content.Headers.ContentType?.MediaType);
        var stored = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((script, "<img src=x onerror=alert(1)>"), (stored.GetProperty("name").GetString(), stored.GetProperty("description").GetString()));
        Assert.Contains(script, (await OkAsync(api.GetAsync("/api/v1/journeys"))).EnumerateArray().Select(j => j.GetProperty("name").GetString()));
        var stageWithScript = await OkAsync(api.PostAsJsonAsync($"/api/v1/journeys/{id}/stages", new { name = script, phase = "before" }), HttpStatusCode.Created);
        Assert.Equal(script, stageWithScript.GetProperty("name").GetString());
    }
}

public sealed class JourneysApiTestsOnSqlite(SqliteApp app) : JourneysApiTests(app), IClassFixture<SqliteApp>;

public sealed class JourneysApiTestsOnPostgres(PostgresApp app) : JourneysApiTests(app), IClassFixture<PostgresApp>;
