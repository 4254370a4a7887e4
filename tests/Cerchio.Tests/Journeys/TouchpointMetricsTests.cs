using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Cerchio.Customers.Domain;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.TouchpointDays;
using Cerchio.Tests.Infrastructure;
using Cerchio.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Journeys;

/// <summary>
/// The touchpoint metrics (the desk's and the events') through the API on both databases, against figures computed by
/// hand over a fixed week, Mon 9 – Sun 15 November 2026, and the week before (Mon 2 – Sun 8), on the Italian default
/// calendar (Mon–Fri 8:30–12:30 and 14:00–18:00, Europe/Rome, UTC+1 in November). Cases are opened through the API and
/// then given the instants of the story, as the clock would have (times are Rome's):
/// <list type="bullet">
/// <item>C1 consegna, complaint by type: opened Mon 9 09:00, answered 10:00 (1 h), resolved 15:00 (3 h 30 + 1 h = 4.5 h), both targets met;</item>
/// <item>C2 consegna: opened Tue 10 17:00, answered Wed 11 09:30 (1 h + 1 h = 2 h, after its 17:30 due time: SLA missed), resolved 11:30 (1 h + 3 h = 4 h);</item>
/// <item>C3 consegna, a request for information flagged as complaint: opened Thu 12 11:00, answered 14:00 (1.5 h, in time), waiting on the customer since 15:00, before its resolution due time: no SLA outcome yet;</item>
/// <item>C4 consegna, opened Wed 11, merged into C2: counted nowhere;</item>
/// <item>C5 consegna, opened Mon 16 09:00: after the period; C6 consegna, complaint, opened Wed 4 10:00, answered 11:00 (1 h), resolved Thu 5 10:00 (2.5 + 4 + 1.5 = 8 h), met: the previous week;</item>
/// <item>F1 fattura: opened Tue 10 09:00, never answered, first response due 10:00: SLA missed, no times; N1 without touchpoint: left out;</item>
/// <item>events: consegna Mon 9 10:00, Thu 12 16:00, Sun 15 23:30 (22:30 UTC: still Sunday in Rome), Mon 16 00:30 (Sunday 23:30 UTC: Monday in Rome, outside),
/// Mon 2 09:00 (previous week); fattura Tue 10 11:00; a case's own timeline entry on consegna on Tue 10: not an event from another system.</item>
/// </list>
/// So for the week: consegna 3 cases (C1–C3), 2 complaints (C1, C3), first response median of 1, 2, 1.5 h = 1.5 h on 3,
/// resolution median of 4.5 and 4 h = 4.25 h on 2, SLA 1 met of 2 decided = 50 %, 3 events; the week before 1 case,
/// 1 complaint, 1 h, 8 h, 100 % on 1, 1 event. Fattura: 1 case, 0 complaints, SLA 0 % on 1, 1 event; nothing the week
/// before (counts 0, times and SLA none). No other touchpoint has a number.
/// </summary>
public abstract class TouchpointMetricsTests(AppFixture app)
{
    private const string Week = "from=2026-11-09&to=2026-11-15";

    private static DateTimeOffset Rome(int day, int hour, int minute = 0) => new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(1)).ToUniversalTime();

    private sealed record Story(TestOrganization Org, Dictionary<string, int> Numbers);

    private async Task<Story> StoryAsync()
    {
        var org = await app.CreateOrganizationAsync("Metriche Touchpoint S.r.l.");
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        var numbers = new Dictionary<string, int>();
        async Task Open(string name, string? touchpoint, string type = "information") =>
            numbers[name] = (await (await api.PostAsJsonAsync("/api/v1/cases", new { subject = $"Pratica {name}", customer = new { external_id = "CLI-1" }, channel = "email", type, touchpoint, text = "Buongiorno" }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
        await Open("C1", "consegna", "complaint");
        await Open("C2", "consegna");
        await Open("C3", "consegna");
        await Open("C4", "consegna");
        await Open("C5", "consegna");
        await Open("C6", "consegna", "complaint");
        await Open("F1", "fattura");
        await Open("N1", null);
        (await api.PostAsJsonAsync($"/api/v1/cases/{numbers["C4"]}/merge", new { into = numbers["C2"] })).EnsureSuccessStatusCode();

        void At(Case c, DateTimeOffset opened, DateTimeOffset firstDue, DateTimeOffset resolutionDue, DateTimeOffset? answered = null, DateTimeOffset? resolved = null)
        {
            c.CreatedAt = opened;
            c.FirstResponseDueAt = firstDue;
            c.ResolutionDueAt = resolutionDue;
            c.FirstResponseAt = answered;
            c.ResolvedAt = resolved;
            c.Status = resolved is null ? CaseStatus.Open : CaseStatus.Resolved;
            c.SlaDueAt = resolved is null ? answered is null ? firstDue : resolutionDue : null;
        }

        await ChangeAsync(org, numbers["C1"], c => At(c, Rome(9, 9), Rome(9, 11), Rome(10, 9), Rome(9, 10), Rome(9, 15)));
        await ChangeAsync(org, numbers["C2"], c => At(c, Rome(10, 17), Rome(10, 17, 30), Rome(11, 17), Rome(11, 9, 30), Rome(11, 11, 30)));
        await ChangeAsync(org, numbers["C3"], c =>
        {
            At(c, Rome(12, 11), Rome(12, 15), Rome(13, 11), Rome(12, 14));
            c.IsComplaint = true;
            c.Status = CaseStatus.WaitingOnCustomer;
            c.SlaPausedAt = Rome(12, 15);
            c.SlaDueAt = null;
        });
        await ChangeAsync(org, numbers["C4"], c => c.CreatedAt = Rome(11, 10));
        await ChangeAsync(org, numbers["C5"], c => At(c, Rome(16, 9), Rome(16, 10), Rome(17, 9)));
        await ChangeAsync(org, numbers["C6"], c => At(c, Rome(4, 10), Rome(4, 12), Rome(6, 10), Rome(4, 11), Rome(5, 10)));
        await ChangeAsync(org, numbers["F1"], c => At(c, Rome(10, 9), Rome(10, 10), Rome(11, 9)));
        await ChangeAsync(org, numbers["N1"], c => At(c, Rome(9, 10), Rome(9, 11), Rome(10, 10), Rome(9, 10, 30), Rome(9, 11)));

        var events = new[]
        {
            ("e1", "delivered", "consegna", Rome(9, 10)), ("e2", "delivered", "consegna", Rome(12, 16)), ("e3", "delivered", "consegna", Rome(15, 23, 30)),
            ("e4", "delivered", "consegna", Rome(16, 0, 30)), ("e5", "delivered", "consegna", Rome(2, 9)), ("e6", "invoice_issued", "fattura", Rome(10, 11)),
        };
        var sent = await (await api.PostAsJsonAsync("/api/v1/events", new
        {
            events = events.Select(e => new { id = e.Item1, type = e.Item2, customer = new { external_id = "CLI-1" }, occurred_at = e.Item4.ToString("O"), touchpoint = e.Item3 }),
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(events.Length, sent.GetProperty("accepted").GetInt32());
        await app.InOrganizationAsync(org.Id, async sp =>
        {
            var db = sp.GetRequiredService<CerchioDb>();
            var customer = await db.Set<Customer>().Where(c => c.ExternalId == "CLI-1").Select(c => c.Id).SingleAsync();
            db.Add(new TimelineEvent { Id = Guid.NewGuid(), CustomerId = customer, Type = "case_replied", OccurredAt = Rome(10, 12), RecordedAt = Rome(10, 12), TouchpointCode = "consegna", Source = "email" });
            return await db.SaveChangesAsync();
        });

        // Another organization's cases and events on the same touchpoint in the same week: never counted here.
        var other = await app.CreateOrganizationAsync("Metriche Altrui S.r.l.");
        var otherApi = other.Api();
        (await otherApi.PostAsJsonAsync("/api/v1/customers", new { name = "Verdi S.r.l.", external_id = "CLI-9" })).EnsureSuccessStatusCode();
        var theirs = (await (await otherApi.PostAsJsonAsync("/api/v1/cases", new { subject = "Non mia", customer = new { external_id = "CLI-9" }, channel = "email", type = "complaint", touchpoint = "consegna", text = "Ciao" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
        await ChangeAsync(other, theirs, c => At(c, Rome(10, 10), Rome(10, 11), Rome(11, 10), Rome(10, 10, 30), Rome(10, 11)));
        (await otherApi.PostAsJsonAsync("/api/v1/events", new { events = new[] { new { id = "x1", type = "delivered", customer = new { external_id = "CLI-9" }, occurred_at = Rome(10, 9).ToString("O"), touchpoint = "consegna" } } }))
            .EnsureSuccessStatusCode();

        return new Story(org, numbers);
    }

    private Task ChangeAsync(TestOrganization org, int number, Action<Case> change) =>
        app.InOrganizationAsync(org.Id, async sp =>
        {
            var db = sp.GetRequiredService<CerchioDb>();
            change(await db.Set<Case>().SingleAsync(x => x.Number == number));
            return await db.SaveChangesAsync();
        });

    private static async Task<JsonElement> MetricsAsync(HttpClient api, string path)
    {
        var response = await api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Dictionary<string, JsonElement> NumbersOf(JsonElement touchpoint) =>
        touchpoint.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!);

    private static double? Value(JsonElement metric, string name = "value") =>
        metric.GetProperty(name).ValueKind == JsonValueKind.Null ? null : metric.GetProperty(name).GetDouble();

    private static List<int> Listed(IDocument page) =>
        page.QuerySelectorAll("#cases tbody tr[data-number]").Select(tr => int.Parse(tr.GetAttribute("data-number")!)).Order().ToList();

    [Fact]
    public async Task Metrics_OfAFixedWeek_AreTheHandComputedOnes_WithThePreviousWeekAndTheCasesBehindThem()
    {
        var story = await StoryAsync();
        var n = story.Numbers;

        var report = await MetricsAsync(story.Org.Api(), "/api/v1/touchpoints/metrics?" + Week);
        Assert.Equal("2026-11-09", report.GetProperty("from").GetString());
        Assert.Equal("2026-11-15", report.GetProperty("to").GetString());
        Assert.Equal("2026-11-02", report.GetProperty("previous_from").GetString());
        Assert.Equal("2026-11-08", report.GetProperty("previous_to").GetString());
        // Each source's metrics in its own order (the sources come in the modules' order).
        var definitions = report.GetProperty("definitions").EnumerateArray().ToDictionary(d => d.GetProperty("key").GetString()!);
        Assert.Equal(["cases", "complaints", "first-response", "resolution", "sla"], definitions.Keys.Where(k => k is not ("events" or "nps" or "csat" or "ces" or "negative_comments")));
        Assert.Equal(["count", "count", "hours", "hours", "percent", "count"], new[] { "cases", "complaints", "first-response", "resolution", "sla", "events" }.Select(k => definitions[k].GetProperty("unit").GetString()));
        Assert.Equal([false, false, false, false, true], new[] { "cases", "complaints", "first-response", "resolution", "sla" }.Select(k => definitions[k].GetProperty("higher_is_better").GetBoolean()));
        Assert.Equal("Pratiche", definitions["cases"].GetProperty("label").GetString());
        Assert.Equal("Eventi", definitions["events"].GetProperty("label").GetString());

        // Only the two touchpoints with numbers, in the catalog's order (fattura comes before consegna); none without a touchpoint.
        var touchpoints = report.GetProperty("touchpoints").EnumerateArray().ToList();
        Assert.Equal(["fattura", "consegna"], touchpoints.Select(t => t.GetProperty("code").GetString()));
        Assert.Equal("Consegna", touchpoints[1].GetProperty("name").GetString());

        var delivery = NumbersOf(touchpoints[1]);
        Assert.Equal(["cases", "complaints", "events", "first-response", "resolution", "sla"], delivery.Keys.Order());
        (string Key, double? Value, int Basis, double? Previous, int PreviousBasis)[] expected =
        [
            ("cases", 3, 3, 1, 1),
            ("complaints", 2, 3, 1, 1),
            ("first-response", 1.5, 3, 1, 1),
            ("resolution", 4.25, 2, 8, 1),
            ("sla", 50, 2, 100, 1),
            ("events", 3, 3, 1, 1),
        ];
        foreach (var (key, value, basis, previous, previousBasis) in expected)
        {
            Assert.True(value == Value(delivery[key]), $"{key}: {Value(delivery[key])}, expected {value}");
            Assert.True(basis == delivery[key].GetProperty("basis").GetInt32(), $"{key} basis");
            Assert.True(previous == Value(delivery[key], "previous"), $"{key} previous: {Value(delivery[key], "previous")}, expected {previous}");
            Assert.True(previousBasis == delivery[key].GetProperty("previous_basis").GetInt32(), $"{key} previous basis");
        }

        // The invoice: a real zero of complaints, no times (nothing answered or resolved), an SLA share of one missed case;
        // nothing the week before: counts are zero there, the rest none.
        var invoice = NumbersOf(touchpoints[0]);
        string[] invoiceKeys = ["cases", "complaints", "sla", "events"];
        Assert.Equal(invoiceKeys.Order(), invoice.Keys.Order());
        Assert.Equal([1.0, 0.0, 0.0, 1.0], invoiceKeys.Select(k => Value(invoice[k])!.Value));
        Assert.Equal([1, 1, 1, 1], invoiceKeys.Select(k => invoice[k].GetProperty("basis").GetInt32()));
        Assert.Equal([0.0, 0.0, null, 0.0], invoiceKeys.Select(k => Value(invoice[k], "previous")));

        // Every number of a card opens its cases: exactly the ones counted, on the inbox page.
        var admin = await story.Org.SignInAsync();
        var complaintsPath = delivery["complaints"].GetProperty("rows_path").GetString()!;
        Assert.StartsWith("/assistenza?", complaintsPath, StringComparison.Ordinal);
        Assert.Equal(new[] { n["C1"], n["C3"] }.Order(), Listed(await Html.GetAsync(admin, complaintsPath)));
        Assert.Equal(new[] { n["C1"], n["C2"], n["C3"] }.Order(), Listed(await Html.GetAsync(admin, delivery["cases"].GetProperty("rows_path").GetString()!)));
        Assert.Equal([n["F1"]], Listed(await Html.GetAsync(admin, invoice["complaints"].GetProperty("rows_path").GetString()!.Replace("&reclami=true", "", StringComparison.Ordinal))));
        Assert.Empty(Listed(await Html.GetAsync(admin, invoice["complaints"].GetProperty("rows_path").GetString()!)));
        // The previous week's numbers open the previous week's rows.
        Assert.Equal([n["C6"]], Listed(await Html.GetAsync(admin, delivery["complaints"].GetProperty("previous_rows_path").GetString()!)));

        // The events number opens exactly the events it counts: e3 late on Sunday is in, e4 just after midnight is not,
        // nor the case's own timeline entry, nor the other organization's event on the same touchpoint and days; the
        // previous week's: e5 alone. Every count equals its rows and the page's total.
        foreach (var (number, kind, expectedIds) in new[]
        {
            (delivery["events"], "rows_path", new[] { "e1", "e2", "e3" }), (delivery["events"], "previous_rows_path", ["e5"]),
            (invoice["events"], "rows_path", ["e6"]),
        })
        {
            var path = number.GetProperty(kind).GetString()!;
            Assert.StartsWith("/clienti/eventi?", path, StringComparison.Ordinal);
            var page = await Html.GetAsync(admin, path);
            Assert.Equal(expectedIds.Order(), ListedEvents(page));
            Assert.Equal((double)expectedIds.Length, Value(number, kind == "rows_path" ? "value" : "previous"));
            Assert.Equal(expectedIds.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#result-count")!.GetAttribute("data-total"));
            Assert.All(page.QuerySelectorAll("#events tbody tr a[href^='/clienti/']"), a => Assert.Contains("Bianchi S.r.l.", a.TextContent, StringComparison.Ordinal));
        }

        // One touchpoint alone: the same numbers; one with no case is known but has none; an unknown code is not found.
        var one = await MetricsAsync(story.Org.Api(), "/api/v1/touchpoints/consegna/metrics?" + Week);
        var single = Assert.Single(one.GetProperty("touchpoints").EnumerateArray());
        Assert.Equal(1.5, Value(NumbersOf(single)["first-response"]));
        var quiet = Assert.Single((await MetricsAsync(story.Org.Api(), "/api/v1/touchpoints/sito/metrics?" + Week)).GetProperty("touchpoints").EnumerateArray());
        Assert.Empty(quiet.GetProperty("metrics").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await story.Org.Api().GetAsync("/api/v1/touchpoints/non-esiste/metrics?" + Week)).StatusCode);

        // Every label speaks English too.
        var loc = app.Services.GetRequiredService<Loc>();
        Assert.All(definitions.Values, d => Assert.True(loc.HasEnglish(d.GetProperty("label").GetString()!), d.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task Metrics_OnceTheTouchpointDaysAreBuilt_AreTheSameHandComputedOnes()
    {
        var story = await StoryAsync();
        var fromCases = (await MetricsAsync(story.Org.Api(), "/api/v1/touchpoints/metrics?" + Week)).GetRawText();
        Assert.True(await app.Services.GetRequiredService<TouchpointDaysPass>().RunForAsync(story.Org.Id, CancellationToken.None) > 0);
        Assert.NotNull(await app.InOrganizationAsync(story.Org.Id, sp => sp.GetRequiredService<CerchioDb>().Set<TouchpointDayState>().FirstOrDefaultAsync()));
        Assert.Equal(fromCases, (await MetricsAsync(story.Org.Api(), "/api/v1/touchpoints/metrics?" + Week)).GetRawText());
    }

    [Fact]
    public async Task Metrics_OfAnotherOrganization_AreNeverIncluded()
    {
        var story = await StoryAsync();
        var fresh = await app.CreateOrganizationAsync("Metriche Vuote S.r.l.");
        var report = await MetricsAsync(fresh.Api(), "/api/v1/touchpoints/metrics?" + Week);
        Assert.Empty(report.GetProperty("touchpoints").EnumerateArray());
        var delivery = NumbersOf(Assert.Single((await MetricsAsync(story.Org.Api(), "/api/v1/touchpoints/consegna/metrics?" + Week)).GetProperty("touchpoints").EnumerateArray()));
        Assert.Equal(3, Value(delivery["cases"]));
        Assert.Equal(3, Value(delivery["events"]));
    }

    private static List<string> ListedEvents(IDocument page) =>
        page.QuerySelectorAll("#events tbody tr").Select(tr => tr.QuerySelector("code")!.TextContent).Order().ToList();

    [Fact]
    public async Task EventsPage_ListsNoOtherOrganizationsEvents_AndBadFiltersSaySoWithoutRows()
    {
        var story = await StoryAsync();
        var admin = await story.Org.SignInAsync();
        const string page = "/clienti/eventi";

        // Every touchpoint: the four of this organization's events in the week sent by other systems (e4 is Monday's).
        Assert.Equal(["e1", "e2", "e3", "e6"], ListedEvents(await Html.GetAsync(admin, $"{page}?dal=2026-11-09&al=2026-11-15")));

        // An organization with no events of its own sees none of the story's, on the same touchpoint and days.
        var fresh = await (await app.CreateOrganizationAsync("Eventi Vuoti S.r.l.")).SignInAsync();
        var empty = await Html.GetAsync(fresh, $"{page}?touchpoint=consegna&dal=2026-11-01&al=2026-11-30");
        Assert.Empty(ListedEvents(empty));
        Assert.Equal("0", empty.QuerySelector("#result-count")!.GetAttribute("data-total"));
        Assert.NotNull(empty.QuerySelector("#empty-state"));

        // Bad dates: said next to their field, the typed value kept, no rows of some other period.
        foreach (var (query, field) in new[] { ("dal=09/11/2026", "dal"), ("al=2026-13-01", "al"), ("dal=2026-11-15&al=2026-11-09", "al"), ("dal=0001-01-01", "dal"), ("al=9999-12-31", "al") })
        {
            var response = await admin.GetAsync($"{page}?touchpoint=consegna&{query}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode}");
            var bad = await Html.ParseAsync(response);
            Assert.NotNull(bad.QuerySelector("#period-error"));
            Assert.Contains("is-invalid", bad.QuerySelector($"#{field}")!.ClassName, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(bad.QuerySelector($"#{field}-error")!.TextContent));
            Assert.Null(bad.QuerySelector("#events"));
        }

        Assert.Equal("09/11/2026", (await Html.GetAsync(admin, $"{page}?dal=09/11/2026")).QuerySelector("#dal")!.GetAttribute("value"));

        // An unknown touchpoint: said, and nothing listed; a code in another spelling is the catalog's.
        var unknown = await Html.GetAsync(admin, $"{page}?touchpoint=non-esiste&dal=2026-11-09&al=2026-11-15");
        Assert.NotNull(unknown.QuerySelector("#unknown-touchpoint"));
        Assert.Empty(ListedEvents(unknown));
        Assert.Equal(["e1", "e2", "e3"], ListedEvents(await Html.GetAsync(admin, $"{page}?touchpoint=CONSEGNA&dal=2026-11-09&al=2026-11-15")));

        // In English.
        var token = (await Html.GetAsync(admin, "/profilo")).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/lingua", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = "en", ["returnUrl"] = page, ["__RequestVerificationToken"] = token,
        }))).StatusCode);
        var english = await Html.GetAsync(admin, $"{page}?touchpoint=consegna&dal=2026-11-09&al=2026-11-15");
        Assert.Equal("Events from other systems", english.QuerySelector("h1")!.TextContent);
        Assert.Contains("Delivery", english.QuerySelector("#events tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Period_DefaultsToTheLast30Days_AndBadOnesAreRefusedFieldByField()
    {
        var org = await app.CreateOrganizationAsync("Metriche Periodi S.r.l.");
        var api = org.Api();
        var today = Times.DayIn(DateTimeOffset.UtcNow, Times.Italy);
        var report = await MetricsAsync(api, "/api/v1/touchpoints/metrics");
        Assert.Equal(today.ToString("yyyy-MM-dd"), report.GetProperty("to").GetString());
        Assert.Equal(today.AddDays(-29).ToString("yyyy-MM-dd"), report.GetProperty("from").GetString());
        Assert.Equal(today.AddDays(-30).ToString("yyyy-MM-dd"), report.GetProperty("previous_to").GetString());
        Assert.Equal(today.AddDays(-59).ToString("yyyy-MM-dd"), report.GetProperty("previous_from").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/touchpoints/metrics?from=2025-01-01&to=2026-01-01")).StatusCode);   // 366 days

        foreach (var (query, field) in new[]
        {
            ("from=09/11/2026", "from"), ("to=2026-13-01", "to"), ("from=2026-11-15&to=2026-11-09", "to"),
            ("from=2025-01-01&to=2026-01-02", "to"), ("from=1999-12-31&to=2000-01-05", "from"), ("to=2999-01-01", "to"),
        })
        {
            foreach (var path in new[] { "/api/v1/touchpoints/metrics?", "/api/v1/touchpoints/consegna/metrics?" })
            {
                var response = await api.GetAsync(path + query);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}{query}: {(int)response.StatusCode}");
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
            }
        }

        // An unknown code is not found, whatever the period says.
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/touchpoints/nessuno/metrics?from=bad")).StatusCode);
    }

    [Fact]
    public async Task Catalog_RefusesTheCodeTheMetricsAddressUses()
    {
        var org = await app.CreateOrganizationAsync("Metriche Codici S.r.l.");
        var response = await org.Api().PostAsJsonAsync("/api/v1/touchpoints", new { code = "metrics", name = "Metriche" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _));
    }
}

public sealed class TouchpointMetricsTestsOnSqlite(SqliteApp app) : TouchpointMetricsTests(app), IClassFixture<SqliteApp>;

public sealed class TouchpointMetricsTestsOnPostgres(PostgresApp app) : TouchpointMetricsTests(app), IClassFixture<PostgresApp>;
