using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using Cerchio.Data;
using Cerchio.Journeys.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Journeys;

/// <summary>
/// Journey maps through HTTP on both databases: the default journey made once on first look, stages edited with their
/// lanes and touchpoints, cards and stages moved by the buttons' and the drag's posts, heat thresholds checked against
/// the metric's direction, bad input refused with nothing lost, and only the CX lead and administrators changing a map.
/// </summary>
public abstract class JourneyMapTests(AppFixture app)
{
    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private Task<T> InOrgAsync<T>(TestOrganization org, Func<CerchioDb, Task<T>> read) =>
        app.InOrganizationAsync(org.Id, services => read(services.GetRequiredService<CerchioDb>()));

    private static async Task<string> DefaultMapPathAsync(HttpClient client)
    {
        var list = await Html.GetAsync(client, "/viaggi/mappe");
        return list.QuerySelector("[data-journey] a")!.GetAttribute("href")!;
    }

    private static List<string> CardsOf(AngleSharp.Dom.IDocument map, string stageName)
    {
        var stages = map.QuerySelectorAll("[data-stages] th[data-stage]").ToList();
        var stage = stages.Single(s => s.QuerySelector(".stage-name")!.TextContent == stageName).GetAttribute("data-stage");
        return map.QuerySelectorAll($"ul.journey-cards[data-stage='{stage}'] [data-touchpoint]").Select(c => c.GetAttribute("data-touchpoint")!).ToList();
    }

    [Fact]
    public async Task DefaultJourney_IsMadeOnceOnFirstLook_WithItsStagesUnderTheThreePhases_AndTheDefaultTouchpointsPlaced()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Predefiniti S.r.l.", (Email("agente"), Role.Agent));
        var agent = await org.SignInAsync(Role.Agent);
        // Several first looks at once: one default journey.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => agent.GetAsync("/viaggi/mappe")));
        Assert.Equal(1, await InOrgAsync(org, db => db.Set<Journey>().CountAsync()));
        Assert.Contains("7 fasi, 17 touchpoint", (await Html.GetAsync(agent, "/viaggi/mappe")).QuerySelector("[data-journey]")!.TextContent, StringComparison.Ordinal);

        var map = await Html.GetAsync(agent, await DefaultMapPathAsync(agent));
        Assert.Equal("Cliente B2B", map.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Scoperta", "Valutazione", "Acquisto", "Consegna", "Utilizzo", "Assistenza", "Fidelizzazione"],
            map.QuerySelectorAll("[data-stages] .stage-name").Select(s => s.TextContent));
        Assert.Equal([("Prima dell'acquisto", "2"), ("Durante l'acquisto", "2"), ("Dopo l'acquisto", "3")],
            map.QuerySelectorAll(".journey-phases th").Select(h => (h.TextContent, h.GetAttribute("colspan")!)));
        Assert.Equal(["consegna", "etichetta", "fattura"], CardsOf(map, "Consegna"));
        // The owner department of each card comes from the catalog; the back stage names the stage's department.
        Assert.Equal("Logistica e magazzino", map.QuerySelector("[data-touchpoint=consegna] .tp-owner")!.TextContent.Trim());
        Assert.Contains("Logistica e magazzino", map.QuerySelectorAll("[data-lane=back] td")[3].TextContent, StringComparison.Ordinal);
        // The emotion curve: one point per estimated stage, and the same in words for screen readers.
        Assert.Equal(7, map.QuerySelectorAll(".emotion-curve circle").Length);
        Assert.Contains("Consegna: negativa", map.QuerySelectorAll("[data-emotions] li").Select(l => l.TextContent));
        // An agent reads the map but has nothing to move.
        Assert.Empty(map.QuerySelectorAll(".map-controls"));
        Assert.Null(map.QuerySelector("#add-stage"));
    }

    [Fact]
    public async Task Stage_IsEditedWithItsLanesAndTouchpoints_AndBadInputKeepsWhatWasTyped()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Fasi S.r.l.", (Email("lead"), Role.CxLead));
        var lead = await org.SignInAsync(Role.CxLead);
        var mapPath = await DefaultMapPathAsync(lead);
        var map = await Html.GetAsync(lead, mapPath);
        var stagePath = map.QuerySelectorAll("[data-edit-stage]")[3].GetAttribute("href")!;   // Consegna

        // Too long a lane and an unknown touchpoint: refused next to their fields, the rest kept, nothing stored.
        var refused = await Html.ParseAsync(await Html.SubmitFormWithAsync(lead, stagePath, "stage",
            [("Input.Name", "Consegna e montaggio"), ("Input.PainPoints", new string('x', JourneyStage.MaxLane + 1)), ("Input.Touchpoints", "consegna"), ("Input.Touchpoints", "teletrasporto")],
            "Input.Touchpoints"));
        Assert.NotNull(refused.QuerySelector("#PainPoints-error"));
        Assert.NotNull(refused.QuerySelector("#Touchpoints-error"));
        Assert.Equal("Consegna e montaggio", refused.QuerySelector("#stage-name")!.GetAttribute("value"));
        Assert.Equal(0, await InOrgAsync(org, db => db.Set<JourneyStage>().CountAsync(s => s.Name == "Consegna e montaggio")));

        // Saved: a name with script, a new touchpoint joining at the end, one left out leaving, an emotion.
        var saved = await Html.SubmitFormWithAsync(lead, stagePath, "stage",
            [("Input.Name", "<script>alert(1)</script>"), ("Input.CustomerActions", "Riceve la merce e la monta."), ("Input.Emotion", "-2"),
             ("Input.Touchpoints", "consegna"), ("Input.Touchpoints", "fattura"), ("Input.Touchpoints", "centralino")],
            "Input.Touchpoints", "Input.Emotion");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        map = await Html.GetAsync(lead, mapPath);
        Assert.Equal("<script>alert(1)</script>", map.QuerySelectorAll("[data-stages] .stage-name")[3].TextContent);
        Assert.Empty(map.QuerySelectorAll("#journey-map script"));
        Assert.Equal(["consegna", "fattura", "centralino"], CardsOf(map, "<script>alert(1)</script>"));
        Assert.Equal("Riceve la merce e la monta.", map.QuerySelectorAll("[data-lane=actions] td")[3].TextContent);
        Assert.Contains(map.QuerySelectorAll("[data-emotions] li"), l => l.TextContent == "<script>alert(1)</script>: molto negativa");

        // A new stage joins the end of its phase; the journey keeps at least one stage.
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, $"{mapPath}/fasi/nuova", "stage",
            new() { ["Input.Name"] = "Montaggio", ["Input.Phase"] = "During" })).StatusCode);
        map = await Html.GetAsync(lead, mapPath);
        Assert.Equal("Montaggio", map.QuerySelectorAll("[data-stages] .stage-name")[4].TextContent);
        Assert.Equal("3", map.QuerySelectorAll(".journey-phases th")[1].GetAttribute("colspan"));
    }

    [Fact]
    public async Task LastStage_CannotBeRemoved_AndANewJourneyStartsFromTheDefaultStages()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Nuovi S.r.l.", (Email("lead"), Role.CxLead));
        var lead = await org.SignInAsync(Role.CxLead);
        Assert.NotNull((await Html.ParseAsync(await Html.SubmitFormAsync(lead, "/viaggi/mappe/nuova", "journey", new() { ["Input.Name"] = " " }))).QuerySelector("#Name-error"));
        var created = await Html.SubmitFormAsync(lead, "/viaggi/mappe/nuova", "journey", new() { ["Input.Name"] = "Cliente privato", ["Input.Description"] = "Chi arreda casa." });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var mapPath = Html.LocationPath(created)!;
        var map = await Html.GetAsync(lead, mapPath);
        Assert.Equal(7, map.QuerySelectorAll("[data-stages] th[data-stage]").Length);
        Assert.Empty(map.QuerySelectorAll("[data-card]"));

        var journeyId = Guid.Parse(mapPath.Split('/')[3]);
        var stages = await InOrgAsync(org, db => db.Set<JourneyStage>().Where(s => s.JourneyId == journeyId).Select(s => s.Id).ToListAsync());
        foreach (var stage in stages.Skip(1))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, $"{mapPath}/fasi/{stage}", "remove-stage", [])).StatusCode);
        }

        var last = await Html.ParseAsync(await Html.SubmitFormAsync(lead, $"{mapPath}/fasi/{stages[0]}", "remove-stage", []));
        Assert.Contains("almeno una fase", last.QuerySelector("#Stage-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await InOrgAsync(org, db => db.Set<JourneyStage>().CountAsync(s => s.JourneyId == journeyId)));
    }

    [Fact]
    public async Task Cards_AndStages_MoveByTheButtonsAndByTheDragsPost_AndAStaleMoveChangesNothing()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Spostamenti S.r.l.", (Email("lead"), Role.CxLead), (Email("agente"), Role.Agent));
        var lead = await org.SignInAsync(Role.CxLead);
        var mapPath = await DefaultMapPathAsync(lead);
        var map = await Html.GetAsync(lead, mapPath);
        var fattura = map.QuerySelectorAll("[data-touchpoint=fattura]").Single().GetAttribute("data-card")!;

        // ◀ takes the invoice from Consegna to the end of Acquisto; ▲ then puts it above the email.
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, mapPath, "card-move", new() { ["Move.Command"] = $"prev:{fattura}" })).StatusCode);
        map = await Html.GetAsync(lead, mapPath);
        Assert.Equal(["commerciale", "punto-vendita", "email", "fattura"], CardsOf(map, "Acquisto"));
        Assert.Equal(["consegna", "etichetta"], CardsOf(map, "Consegna"));
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, mapPath, "card-move", new() { ["Move.Command"] = $"up:{fattura}" })).StatusCode);
        Assert.Equal(["commerciale", "punto-vendita", "fattura", "email"], CardsOf(await Html.GetAsync(lead, mapPath), "Acquisto"));

        // A drop: the card, the stage it landed in and its index there (what js/journey-map.js posts).
        var utilizzo = map.QuerySelectorAll("[data-stages] th[data-stage]")[4].GetAttribute("data-stage")!;
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, mapPath, "card-move",
            new() { ["Move.Card"] = fattura, ["Move.Stage"] = utilizzo, ["Move.Index"] = "0" })).StatusCode);
        Assert.Equal(["fattura", "manuale", "youtube"], CardsOf(await Html.GetAsync(lead, mapPath), "Utilizzo"));

        // A card may not land where its touchpoint already is; a card gone meanwhile is reported; nothing changes.
        var consegna = map.QuerySelectorAll("[data-stages] th[data-stage]")[3].GetAttribute("data-stage")!;
        var email = map.QuerySelectorAll("[data-touchpoint=email]").First().GetAttribute("data-card")!;
        var assistenza = map.QuerySelectorAll("[data-stages] th[data-stage]")[5].GetAttribute("data-stage")!;
        var clash = await Html.SubmitFormAsync(lead, mapPath, "card-move", new() { ["Move.Card"] = email, ["Move.Stage"] = assistenza, ["Move.Index"] = "0" });
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.NotNull((await Html.ParseAsync(clash)).QuerySelector("#move-error"));
        var stale = await Html.SubmitFormAsync(lead, mapPath, "card-move", new() { ["Move.Command"] = $"next:{Guid.NewGuid()}" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(["consegna", "etichetta"], CardsOf(await Html.GetAsync(lead, mapPath), "Consegna"));

        // Stages move within their phase: Assistenza ◀ goes before Utilizzo; a drop index past the end lands last.
        var assistenzaMove = await Html.SubmitFormAsync(lead, mapPath, "stage-move", new() { ["StageMove.Command"] = $"prev:{assistenza}" });
        Assert.Equal(HttpStatusCode.Redirect, assistenzaMove.StatusCode);
        Assert.Equal(["Scoperta", "Valutazione", "Acquisto", "Consegna", "Assistenza", "Utilizzo", "Fidelizzazione"],
            (await Html.GetAsync(lead, mapPath)).QuerySelectorAll("[data-stages] .stage-name").Select(s => s.TextContent));
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, mapPath, "stage-move", new() { ["StageMove.Stage"] = consegna, ["StageMove.Index"] = "9" })).StatusCode);
        Assert.Equal(["Acquisto", "Consegna"], (await Html.GetAsync(lead, mapPath)).QuerySelectorAll("[data-stages] th[data-phase='2'] .stage-name").Select(s => s.TextContent));

        // An agent's post moves nothing.
        var agent = await org.SignInAsync(Role.Agent);
        var denied = await Html.SubmitFormAsync(agent, mapPath, "card-move", new() { ["Move.Card"] = fattura, ["Move.Stage"] = consegna, ["Move.Index"] = "0" });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(["fattura", "manuale", "youtube"], CardsOf(await Html.GetAsync(lead, mapPath), "Utilizzo"));
        Assert.NotEqual(HttpStatusCode.OK, (await agent.GetAsync($"{mapPath}/fasi/{consegna}")).StatusCode);
    }

    [Fact]
    public async Task HeatThresholds_AreCheckedAgainstTheMetricsDirection_AndABadPeriodFallsBackToTheLast30Days()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Soglie S.r.l.", (Email("lead"), Role.CxLead));
        var lead = await org.SignInAsync(Role.CxLead);
        var mapPath = await DefaultMapPathAsync(lead);
        var journeyId = Guid.Parse(mapPath.Split('/')[3]);
        var map = await Html.GetAsync(lead, mapPath);
        var metrics = map.QuerySelectorAll("#heat-metric option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();

        // Red below amber where less is better; a metric nobody measures; a threshold missing.
        var wrongWay = await Html.ParseAsync(await Html.SubmitFormAsync(lead, mapPath, "heat", new() { ["Heat.Metric"] = "complaints", ["Heat.Amber"] = "5", ["Heat.Red"] = "2" }));
        Assert.Contains("sopra quella gialla", wrongWay.QuerySelector("#HeatRed-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("5", wrongWay.QuerySelector("#heat-amber")!.GetAttribute("value"));
        Assert.NotNull((await Html.ParseAsync(await Html.SubmitFormAsync(lead, mapPath, "heat", new() { ["Heat.Metric"] = "umore", ["Heat.Amber"] = "1", ["Heat.Red"] = "2" }))).QuerySelector("#HeatMetric-error"));
        Assert.NotNull((await Html.ParseAsync(await Html.SubmitFormAsync(lead, mapPath, "heat", new() { ["Heat.Metric"] = "complaints", ["Heat.Amber"] = "", ["Heat.Red"] = "2" }))).QuerySelector("#HeatAmber-error"));
        var kept = await InOrgAsync(org, db => db.Set<Journey>().Where(j => j.Id == journeyId).Select(j => new { j.HeatMetric, j.HeatAmber, j.HeatRed }).SingleAsync());
        Assert.Equal(("complaints", 3.0, 5.0), (kept.HeatMetric, kept.HeatAmber!.Value, kept.HeatRed!.Value));   // the default, untouched

        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, mapPath, "heat", new() { ["Heat.Metric"] = "complaints", ["Heat.Amber"] = "2", ["Heat.Red"] = "4" })).StatusCode);
        var saved = await InOrgAsync(org, db => db.Set<Journey>().Where(j => j.Id == journeyId).Select(j => new { j.HeatAmber, j.HeatRed }).SingleAsync());
        Assert.Equal((2.0, 4.0), (saved.HeatAmber, saved.HeatRed));
        Assert.Contains("sla", metrics);
        {
            // Where more is better the red threshold goes below the amber one.
            Assert.NotNull((await Html.ParseAsync(await Html.SubmitFormAsync(lead, mapPath, "heat", new() { ["Heat.Metric"] = "sla", ["Heat.Amber"] = "80", ["Heat.Red"] = "90" }))).QuerySelector("#HeatRed-error"));
            Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, mapPath, "heat", new() { ["Heat.Metric"] = "sla", ["Heat.Amber"] = "90", ["Heat.Red"] = "80" })).StatusCode);
        }

        // Clearing the metric leaves the cards without colour.
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, mapPath, "heat", new() { ["Heat.Metric"] = "" })).StatusCode);
        Assert.Null(await InOrgAsync(org, db => db.Set<Journey>().Where(j => j.Id == journeyId).Select(j => j.HeatMetric).SingleAsync()));

        var badPeriod = await Html.GetAsync(lead, $"{mapPath}?dal=2026-05-01&al=2026-01-01");
        Assert.NotNull(badPeriod.QuerySelector("#period-error"));
        Assert.NotNull(badPeriod.QuerySelector("#journey-map"));
        Assert.NotNull((await Html.GetAsync(lead, $"{mapPath}?dal=ieri&al=oggi")).QuerySelector("#period-error"));
        Assert.Null((await Html.GetAsync(lead, $"{mapPath}?dal=2026-01-01&al=2026-03-31")).QuerySelector("#period-error"));
    }

    /// <summary>
    /// What Cerchio wrote (the default journey's name, stages and lanes) reads in the reader's language; what a person
    /// typed reads as typed in both. Saving Cerchio's text back unchanged from an English form keeps it Cerchio's.
    /// </summary>
    [Fact]
    public async Task DefaultJourney_ReadsInEnglishForAnEnglishReader_WhileWhatAPersonTypedReadsAsTyped()
    {
        var org = await app.CreateOrganizationAsync("Viaggi In Inglese S.r.l.", (Email("lead"), Role.CxLead));
        var lead = await org.SignInAsync(Role.CxLead);
        var mapPath = await DefaultMapPathAsync(lead);
        var token = (await Html.GetAsync(lead, mapPath)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        Assert.Equal(HttpStatusCode.Redirect, (await lead.PostAsync("/lingua", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = "en", ["returnUrl"] = mapPath, ["__RequestVerificationToken"] = token,
        }))).StatusCode);

        var map = await Html.GetAsync(lead, mapPath);
        Assert.Equal("B2B customer", map.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Discovery", "Evaluation", "Purchase", "Delivery", "Use", "Support", "Loyalty"], map.QuerySelectorAll("[data-stages] .stage-name").Select(s => s.TextContent));
        Assert.Equal("Waits for the goods and checks them on arrival.", map.QuerySelectorAll("[data-lane=actions] td")[3].TextContent.Trim());
        Assert.Equal("The courier, the label, the invoice.", map.QuerySelectorAll("[data-lane=front] td")[3].TextContent.Trim());
        Assert.Contains("The warehouse prepares and ships; Administration invoices.", map.QuerySelectorAll("[data-lane=back] td")[3].TextContent, StringComparison.Ordinal);
        Assert.Equal("Delays without notice, damaged parcels.", map.QuerySelectorAll("[data-lane=pains] td")[3].TextContent.Trim());
        Assert.Contains("Delivery: negative", map.QuerySelectorAll("[data-emotions] li").Select(l => l.TextContent));
        Assert.Contains("B2B customer", (await Html.GetAsync(lead, "/viaggi/mappe")).QuerySelector("[data-journey]")!.TextContent, StringComparison.Ordinal);

        // The stage's form shows the English; saved unchanged, Cerchio's Italian stays stored (and keeps following each reader).
        var stagePath = map.QuerySelectorAll("[data-edit-stage]")[3].GetAttribute("href")!;
        Assert.Equal("Delivery", (await Html.GetAsync(lead, stagePath)).QuerySelector("#stage-name")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormWithAsync(lead, stagePath, "stage", [])).StatusCode);
        var stageId = Guid.Parse(stagePath.Split('/')[^1]);
        var stored = await InOrgAsync(org, db => db.Set<JourneyStage>().SingleAsync(s => s.Id == stageId));
        Assert.Equal(("Consegna", "Ritardi non avvisati, colli danneggiati."), (stored.Name, stored.PainPoints));

        // A person's edit is theirs: stored and shown as typed, in English and in Italian alike.
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormWithAsync(lead, stagePath, "stage",
            [("Input.Name", "Consegna in cantiere"), ("Input.PainPoints", "Delays without notice. Screws missing.")])).StatusCode);
        map = await Html.GetAsync(lead, mapPath);
        Assert.Equal("Consegna in cantiere", map.QuerySelectorAll("[data-stages] .stage-name")[3].TextContent);
        Assert.Equal("Delays without notice. Screws missing.", map.QuerySelectorAll("[data-lane=pains] td")[3].TextContent.Trim());
        Assert.Equal("Waits for the goods and checks them on arrival.", map.QuerySelectorAll("[data-lane=actions] td")[3].TextContent.Trim());
        var italian = await Html.GetAsync(await org.SignInAsync(), mapPath);
        Assert.Equal(["Scoperta", "Valutazione", "Acquisto", "Consegna in cantiere", "Utilizzo", "Assistenza", "Fidelizzazione"],
            italian.QuerySelectorAll("[data-stages] .stage-name").Select(s => s.TextContent));
        Assert.Equal("Delays without notice. Screws missing.", italian.QuerySelectorAll("[data-lane=pains] td")[3].TextContent.Trim());
        Assert.Equal("Cliente B2B", italian.QuerySelector("h1")!.TextContent);

        // The API speaks the language asked for, and a stage sent back as read keeps Cerchio's text.
        var api = org.Api();
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var journey = await api.GetFromJsonAsync<System.Text.Json.JsonElement>(
            $"/api/v1/journeys/{mapPath.Split('/')[^1]}");
        var discovery = journey.GetProperty("stages")[0];
        Assert.Equal(("B2B customer", "Discovery"), (journey.GetProperty("name").GetString(), discovery.GetProperty("name").GetString()));
        (await api.PutAsJsonAsync($"/api/v1/journeys/{journey.GetProperty("id").GetGuid()}/stages/{discovery.GetProperty("id").GetGuid()}", new
        {
            name = "Discovery", phase = "before", customer_actions = discovery.GetProperty("customer_actions").GetString(), front_stage = "Stand and website.",
            touchpoints = new[] { "fiera", "sito" },
        })).EnsureSuccessStatusCode();
        var discoveryId = discovery.GetProperty("id").GetGuid();
        var first = await InOrgAsync(org, db => db.Set<JourneyStage>().SingleAsync(s => s.Id == discoveryId));
        Assert.Equal(("Scoperta", "Cerca fornitori, passa allo stand in fiera, guarda il sito.", "Stand and website."), (first.Name, first.CustomerActions, first.FrontStage));
    }

    [Fact]
    public async Task PreviousPeriodsNumbers_OnTheMap_OpenTheirRows()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Periodo Prima S.r.l.");
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Rossi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Collo rotto", customer = new { external_id = "CLI-1" }, channel = "email", type = "complaint", touchpoint = "consegna", text = "Rotto" }))
            .EnsureSuccessStatusCode();
        var admin = await org.SignInAsync();
        var map = await Html.GetAsync(admin, await DefaultMapPathAsync(admin));

        // This period: one complaint, linked; the one before: none, and that zero opens its own (empty) list of the days before.
        var complaints = map.QuerySelector("[data-touchpoint=consegna] [data-metric=complaints]")!;
        var now = complaints.QuerySelector("a.tp-number")!.GetAttribute("href")!;
        var before = complaints.QuerySelector("a[data-previous-rows]")!;
        Assert.Equal("0", before.GetAttribute("data-previous"));
        var previous = before.GetAttribute("href")!;
        Assert.NotEqual(now, previous);
        Assert.Single((await Html.GetAsync(admin, now)).QuerySelectorAll("#cases tbody tr[data-number]"));
        Assert.Empty((await Html.GetAsync(admin, previous)).QuerySelectorAll("#cases tbody tr[data-number]"));
    }

    [Fact]
    public async Task AnotherOrganizationsJourney_IsNotFound()
    {
        var mine = await app.CreateOrganizationAsync("Viaggi Miei S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Viaggi Altrui S.r.l.");
        var theirPath = await DefaultMapPathAsync(await theirs.SignInAsync());
        var admin = await mine.SignInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(theirPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{theirPath}/modifica")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{theirPath}/fasi/nuova")).StatusCode);
    }
}

public sealed class JourneyMapTestsOnSqlite(SqliteApp app) : JourneyMapTests(app), IClassFixture<SqliteApp>;

public sealed class JourneyMapTestsOnPostgres(PostgresApp app) : JourneyMapTests(app), IClassFixture<PostgresApp>;
