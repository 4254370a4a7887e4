using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.TouchpointDays;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Journeys;

/// <summary>
/// The journey map's numbers cut to the journey's persona's customers, on both databases. The persona «Il cliente di
/// città» matches settore = città; over the week Mon 9 – Sun 15 November 2026 (Rome, UTC+1), all on the delivery:
/// <list type="bullet">
/// <item>C1 of Rossi (settore «Città»), a complaint: opened Mon 9 09:00, answered 10:00 (1 h), resolved 15:00 (4.5 h), both targets met;</item>
/// <item>C2 of Verdi (settore «CITTÀ », another case and a space: the same value), opened Tue 10 17:00, answered Wed 11 09:30 (2 h, late), resolved 11:30 (4 h);</item>
/// <item>X1 of Bianchi (settore «campagna»), a complaint, and X2 of Neri (no attributes): opened Thu 12 11:00, still open and unanswered (first response missed);</item>
/// <item>events on the delivery: e1 of Rossi, e2 of Verdi, e3 of Bianchi, e4 of Neri;</item>
/// <item>another organization's customer with settore = città, with a complaint and an event on the delivery the same week.</item>
/// </list>
/// So for the persona: 2 cases, 1 complaint, first response median of 1 and 2 h = 1.5 h, resolution median of 4.5 and
/// 4 h = 4.25 h, SLA 1 met of 2 = 50 %, 2 events; for every customer: 4 cases, 2 complaints, SLA 1 of 4 = 25 %, 4 events.
/// </summary>
public abstract class PersonaCutTests(AppFixture app)
{
    private const string Week = "from=2026-11-09&to=2026-11-15";

    private static DateTimeOffset Rome(int day, int hour, int minute = 0) => new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(1)).ToUniversalTime();

    private sealed record Story(TestOrganization Org, Dictionary<string, int> Numbers, Guid Persona, Guid Loose, Guid Journey, TestOrganization Other, Guid OthersPersona);

    private async Task<Story> StoryAsync()
    {
        var org = await app.CreateOrganizationAsync("Persona Tagli S.r.l.");
        var api = org.Api();
        async Task CustomerAsync(HttpClient client, string name, string code, Dictionary<string, string>? attributes) =>
            (await client.PostAsJsonAsync("/api/v1/customers", new { name, external_id = code, attributes })).EnsureSuccessStatusCode();
        await CustomerAsync(api, "Rossi S.r.l.", "R", new() { ["settore"] = "Città" });
        await CustomerAsync(api, "Verdi S.p.A.", "V", new() { ["Settore"] = "CITTÀ " });
        await CustomerAsync(api, "Bianchi S.n.c.", "B", new() { ["settore"] = "campagna" });
        await CustomerAsync(api, "Neri S.r.l.", "N", null);

        var numbers = new Dictionary<string, int>();
        async Task Open(HttpClient client, string name, string customer, string type = "information") =>
            numbers[name] = (await (await client.PostAsJsonAsync("/api/v1/cases", new { subject = $"Pratica {name}", customer = new { external_id = customer }, channel = "email", type, touchpoint = "consegna", text = "Buongiorno" }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
        await Open(api, "C1", "R", "complaint");
        await Open(api, "C2", "V");
        await Open(api, "X1", "B", "complaint");
        await Open(api, "X2", "N");
        await ChangeAsync(org, numbers["C1"], c => At(c, Rome(9, 9), Rome(9, 11), Rome(10, 9), Rome(9, 10), Rome(9, 15)));
        await ChangeAsync(org, numbers["C2"], c => At(c, Rome(10, 17), Rome(10, 17, 30), Rome(11, 17), Rome(11, 9, 30), Rome(11, 11, 30)));
        await ChangeAsync(org, numbers["X1"], c => At(c, Rome(12, 11), Rome(12, 12), Rome(13, 11)));
        await ChangeAsync(org, numbers["X2"], c => At(c, Rome(12, 11), Rome(12, 12), Rome(13, 11)));

        var events = new[] { ("e1", "R", 9), ("e2", "V", 10), ("e3", "B", 11), ("e4", "N", 12) };
        (await api.PostAsJsonAsync("/api/v1/events", new
        {
            events = events.Select(e => new { id = e.Item1, type = "delivered", customer = new { external_id = e.Item2 }, occurred_at = Rome(e.Item3, 10).ToString("O"), touchpoint = "consegna" }),
        })).EnsureSuccessStatusCode();

        var persona = await CreatedIdAsync(api.PostAsJsonAsync("/api/v1/personas", new { name = "Il cliente di città", kind = "b2b", match_attribute = "settore", match_value = "città" }));
        var loose = await CreatedIdAsync(api.PostAsJsonAsync("/api/v1/personas", new { name = "Senza legame" }));
        var journeys = await api.GetFromJsonAsync<JsonElement>("/api/v1/journeys");
        var journey = journeys.EnumerateArray().Single(j => j.GetProperty("code").GetString() == "cliente-b2b").GetProperty("id").GetGuid();
        (await api.PutAsJsonAsync($"/api/v1/journeys/{journey}", new { name = "Cliente B2B", persona_id = persona, archived = false })).EnsureSuccessStatusCode();

        // Another organization: a customer of the same attribute and value, with a complaint and an event on the delivery.
        var other = await app.CreateOrganizationAsync("Persona Altrui S.r.l.");
        var otherApi = other.Api();
        await CustomerAsync(otherApi, "Gialli S.r.l.", "G", new() { ["settore"] = "città" });
        await Open(otherApi, "O1", "G", "complaint");
        await ChangeAsync(other, numbers["O1"], c => At(c, Rome(10, 10), Rome(10, 11), Rome(11, 10), Rome(10, 10, 30), Rome(10, 11)));
        (await otherApi.PostAsJsonAsync("/api/v1/events", new { events = new[] { new { id = "o1", type = "delivered", customer = new { external_id = "G" }, occurred_at = Rome(10, 9).ToString("O"), touchpoint = "consegna" } } }))
            .EnsureSuccessStatusCode();
        var othersPersona = await CreatedIdAsync(otherApi.PostAsJsonAsync("/api/v1/personas", new { name = "Altrui", match_attribute = "settore", match_value = "città" }));

        return new Story(org, numbers, persona, loose, journey, other, othersPersona);
    }

    private static async Task<Guid> CreatedIdAsync(Task<HttpResponseMessage> post) =>
        (await (await post).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    private static void At(Case c, DateTimeOffset opened, DateTimeOffset firstDue, DateTimeOffset resolutionDue, DateTimeOffset? answered = null, DateTimeOffset? resolved = null)
    {
        c.CreatedAt = opened;
        c.FirstResponseDueAt = firstDue;
        c.ResolutionDueAt = resolutionDue;
        c.FirstResponseAt = answered;
        c.ResolvedAt = resolved;
        c.Status = resolved is null ? CaseStatus.Open : CaseStatus.Resolved;
        c.SlaDueAt = resolved is null ? answered is null ? firstDue : resolutionDue : null;
    }

    private Task ChangeAsync(TestOrganization org, int number, Action<Case> change) =>
        app.InOrganizationAsync(org.Id, async sp =>
        {
            var db = sp.GetRequiredService<CerchioDb>();
            change(await db.Set<Case>().SingleAsync(x => x.Number == number));
            return await db.SaveChangesAsync();
        });

    private static async Task<Dictionary<string, JsonElement>> DeliveryAsync(HttpClient api, string query)
    {
        var response = await api.GetAsync("/api/v1/touchpoints/consegna/metrics?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        return Assert.Single(report.GetProperty("touchpoints").EnumerateArray()).GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!);
    }

    private static double? Value(JsonElement metric) =>
        metric.GetProperty("value").ValueKind == JsonValueKind.Null ? null : metric.GetProperty("value").GetDouble();

    private static List<int> Listed(IDocument page) =>
        page.QuerySelectorAll("#cases tbody tr[data-number]").Select(tr => int.Parse(tr.GetAttribute("data-number")!)).Order().ToList();

    private static List<string> ListedEvents(IDocument page) =>
        page.QuerySelectorAll("#events tbody tr").Select(tr => tr.QuerySelector("code")!.TextContent).Order().ToList();

    [Fact]
    public async Task Metrics_CutByPersona_AreTheHandComputedOnes_AndTheirRowsExactlyTheCountedOnes()
    {
        var story = await StoryAsync();
        var n = story.Numbers;
        var api = story.Org.Api();

        // Every customer: as before, the persona aside.
        var all = await DeliveryAsync(api, Week);
        Assert.Equal([4.0, 2.0, 25.0, 4.0], new[] { "cases", "complaints", "sla", "events" }.Select(k => Value(all[k])!.Value));
        Assert.DoesNotContain("attributo=", all["cases"].GetProperty("rows_path").GetString()!, StringComparison.Ordinal);

        var response = await api.GetAsync($"/api/v1/touchpoints/metrics?{Week}&persona={story.Persona}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var audience = report.GetProperty("audience");
        Assert.Equal((story.Persona, "settore", "città"), (audience.GetProperty("persona_id").GetGuid(), audience.GetProperty("attribute").GetString(), audience.GetProperty("value").GetString()));
        var cut = Assert.Single(report.GetProperty("touchpoints").EnumerateArray()).GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!);
        (string Key, double Value, int Basis)[] expected =
            [("cases", 2, 2), ("complaints", 1, 2), ("first-response", 1.5, 2), ("resolution", 4.25, 2), ("sla", 50, 2), ("events", 2, 2)];
        foreach (var (key, value, basis) in expected)
        {
            Assert.True(value == Value(cut[key]), $"{key}: {Value(cut[key])}, expected {value}");
            Assert.True(basis == cut[key].GetProperty("basis").GetInt32(), $"{key} basis");
        }

        // The one touchpoint's address says the same.
        Assert.Equal(2.0, Value((await DeliveryAsync(api, $"{Week}&persona={story.Persona}"))["cases"]));

        // The numbers open exactly the cases and events counted, with the filter shown and removable.
        var admin = await story.Org.SignInAsync();
        var casesPath = cut["cases"].GetProperty("rows_path").GetString()!;
        Assert.Contains("&attributo=settore&valore=citt%C3%A0", casesPath, StringComparison.Ordinal);
        var cases = await Html.GetAsync(admin, casesPath);
        Assert.Equal(new[] { n["C1"], n["C2"] }.Order(), Listed(cases));
        Assert.Contains("settore = città", cases.QuerySelector("#audience-filter")!.TextContent, StringComparison.Ordinal);
        var removed = cases.QuerySelector("#audience-filter a")!.GetAttribute("href")!;
        Assert.DoesNotContain("attributo", removed, StringComparison.Ordinal);
        Assert.Equal(new[] { n["C1"], n["C2"], n["X1"], n["X2"] }.Order(), Listed(await Html.GetAsync(admin, removed)));
        Assert.Equal([n["C1"]], Listed(await Html.GetAsync(admin, cut["complaints"].GetProperty("rows_path").GetString()!)));
        // The filter form keeps the audience when another filter is chosen.
        Assert.Equal("città", cases.QuerySelector("form.inbox-filters input[name=valore]")!.GetAttribute("value"));

        var events = await Html.GetAsync(admin, cut["events"].GetProperty("rows_path").GetString()!);
        Assert.Equal(["e1", "e2"], ListedEvents(events));
        Assert.Equal("2", events.QuerySelector("#result-count")!.GetAttribute("data-total"));
        Assert.NotNull(events.QuerySelector("#audience-filter"));
        Assert.Equal(["e1", "e2", "e3", "e4"], ListedEvents(await Html.GetAsync(admin, events.QuerySelector("#audience-filter a")!.GetAttribute("href")!)));

        // Built touchpoint days change neither: the cut reads the cases, the whole from the days.
        Assert.True(await app.Services.GetRequiredService<TouchpointDaysPass>().RunForAsync(story.Org.Id, CancellationToken.None) > 0);
        Assert.Equal(2.0, Value((await DeliveryAsync(api, $"{Week}&persona={story.Persona}"))["cases"]));
        Assert.Equal(4.0, Value((await DeliveryAsync(api, Week))["cases"]));
    }

    [Fact]
    public async Task CustomerFilters_OfManyIds_GoAsOneParameter_AndFindTheSameRows()
    {
        var story = await StoryAsync();
        var counts = await app.InOrganizationAsync(story.Org.Id, async sp =>
        {
            var db = sp.GetRequiredService<CerchioDb>();
            var ids = await sp.GetRequiredService<Cerchio.Customers.Contracts.ICustomerDirectory>().IdsWithAttributeAsync(" SETTORE ", "Città");
            // Past SQLite's 32,766 parameters a statement: one parameter each would be refused.
            var many = ids.Concat(Enumerable.Range(0, 40_000).Select(_ => Guid.NewGuid())).ToList();
            return new[]
            {
                ids.Count,
                await db.Set<Case>().CountAsync(Cerchio.Service.Features.Inbox.InboxQuery.OfCustomers(ids)),
                await db.Set<Case>().CountAsync(Cerchio.Service.Features.Inbox.InboxQuery.OfCustomers(ids, maxParameters: 0)),
                await db.Set<Case>().CountAsync(Cerchio.Service.Features.Inbox.InboxQuery.OfCustomers(many)),
                await db.Set<Cerchio.Customers.Domain.TimelineEvent>().Where(e => e.Type == "delivered").CountAsync(Cerchio.Customers.Features.EventMetrics.EventTouchpointMetrics.OfCustomers(ids)),
                await db.Set<Cerchio.Customers.Domain.TimelineEvent>().Where(e => e.Type == "delivered").CountAsync(Cerchio.Customers.Features.EventMetrics.EventTouchpointMetrics.OfCustomers(many)),
            };
        });
        Assert.Equal([2, 2, 2, 2, 2, 2], counts);
    }

    [Fact]
    public async Task Map_OffersTheCutOnlyForAPersonaWithAMatch_KeepsItInItsLinks_AndTheExportFollows()
    {
        var story = await StoryAsync();
        var admin = await story.Org.SignInAsync();
        var path = $"/viaggi/mappe/{story.Journey}?dal=2026-11-09&al=2026-11-15";
        static string? Cases(IDocument map) =>
            map.QuerySelector("[data-touchpoint='consegna'] li[data-metric='cases'] .tp-number")?.GetAttribute("data-value");

        var whole = await Html.GetAsync(admin, path);
        Assert.NotNull(whole.QuerySelector("#persona-cut"));
        Assert.Equal("true", whole.QuerySelector("#persona-cut-all")!.GetAttribute("aria-current"));
        Assert.Equal("4", Cases(whole));
        var only = whole.QuerySelector("#persona-cut-only")!.GetAttribute("href")!;
        Assert.Contains("persona=1", only, StringComparison.Ordinal);
        Assert.Contains("dal=2026-11-09", only, StringComparison.Ordinal);

        var cut = await Html.GetAsync(admin, only);
        Assert.Equal("true", cut.QuerySelector("#persona-cut-only")!.GetAttribute("aria-current"));
        Assert.Equal("2", Cases(cut));
        Assert.Contains("settore = città", cut.QuerySelector("#persona-counted")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", cut.QuerySelector("#period-form input[name=persona]")!.GetAttribute("value"));
        Assert.Contains("persona=1", cut.QuerySelector("#workshop-mode")!.GetAttribute("href")!, StringComparison.Ordinal);
        var export = cut.QuerySelector("#export-xlsx")!.GetAttribute("href")!;
        Assert.Contains("persona=1", export, StringComparison.Ordinal);
        var file = await admin.GetAsync(export);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Contains("-persona", file.Content.Headers.ContentDisposition!.FileNameStar ?? file.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var picture = await admin.GetStringAsync(cut.QuerySelector("#export-image")!.GetAttribute("href")!);
        Assert.Contains("settore = città", picture, StringComparison.Ordinal);

        // A persona with no match: no toggle, and ?persona=1 counts every customer.
        (await story.Org.Api().PutAsJsonAsync($"/api/v1/journeys/{story.Journey}", new { name = "Cliente B2B", persona_id = story.Loose, archived = false })).EnsureSuccessStatusCode();
        var loose = await Html.GetAsync(admin, path + "&persona=1");
        Assert.Null(loose.QuerySelector("#persona-cut"));
        Assert.Null(loose.QuerySelector("#persona-counted"));
        Assert.Equal("4", Cases(loose));
    }

    [Fact]
    public async Task BadAudiences_AreRefusedOrListNothing_NeverAnotherOrganizationsRows()
    {
        var story = await StoryAsync();
        var api = story.Org.Api();
        foreach (var persona in new[] { "abc", Guid.NewGuid().ToString(), story.Loose.ToString(), story.OthersPersona.ToString(), new string('x', 5000) })
        {
            foreach (var path in new[] { "/api/v1/touchpoints/metrics?", "/api/v1/touchpoints/consegna/metrics?" })
            {
                var response = await api.GetAsync($"{path}{Week}&persona={Uri.EscapeDataString(persona)}");
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{persona[..Math.Min(persona.Length, 40)]}: {(int)response.StatusCode}");
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(["persona"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
            }
        }

        // The other organization's persona, on its own data: its one customer's case and event, none of ours.
        var theirs = await DeliveryAsync(story.Other.Api(), $"{Week}&persona={story.OthersPersona}");
        Assert.Equal([1.0, 1.0, 1.0], new[] { "cases", "complaints", "events" }.Select(k => Value(theirs[k])!.Value));

        // Pages: a value nobody holds lists nothing; half a filter or an overlong one is no filter.
        var admin = await story.Org.SignInAsync();
        var inbox = "/assistenza?vista=tutte&touchpoint=consegna&dal=2026-11-09&al=2026-11-15";
        var nobody = await Html.GetAsync(admin, inbox + "&attributo=settore&valore=nessuno");
        Assert.Empty(Listed(nobody));
        Assert.NotNull(nobody.QuerySelector("#audience-filter"));
        Assert.Equal(4, Listed(await Html.GetAsync(admin, inbox + "&attributo=settore")).Count);
        Assert.Equal(4, Listed(await Html.GetAsync(admin, inbox + "&attributo=settore&valore=" + new string('x', 600))).Count);
        Assert.Empty(ListedEvents(await Html.GetAsync(admin, "/clienti/eventi?touchpoint=consegna&dal=2026-11-09&al=2026-11-15&attributo=%27%3B--&valore=%25")));
        // Another organization's customers of the same value are never listed here.
        Assert.Equal(2, Listed(await Html.GetAsync(admin, inbox + "&attributo=SETTORE&valore=Citt%C3%A0")).Count);
    }
}

public sealed class PersonaCutTestsOnSqlite(SqliteApp app) : PersonaCutTests(app), IClassFixture<SqliteApp>;

public sealed class PersonaCutTestsOnPostgres(PostgresApp app) : PersonaCutTests(app), IClassFixture<PostgresApp>;
