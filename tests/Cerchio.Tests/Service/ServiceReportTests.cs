using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Cerchio.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

/// <summary>The app on a clock the test moves: cases are opened and answered at chosen instants through the real API.</summary>
public abstract class ReportApp : AppFixture
{
    public ManualClock Clock { get; } = new(new DateTimeOffset(2027, 1, 11, 6, 0, 0, TimeSpan.Zero));

    /// <summary>What the tests built on this app, once (the clock only moves forwards); a failure stays a failure.</summary>
    public Task<object>? Built { get; set; }

    public object Lock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class ReportSqliteApp : ReportApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class ReportPostgresApp : ReportApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>A clock that stands still until told where to go; only forwards, as time does.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Rome local time in January (UTC+1).</summary>
    public void SetRome(int month, int day, int hour, int minute = 0)
    {
        var next = new DateTimeOffset(2027, month, day, hour, minute, 0, TimeSpan.FromHours(1)).ToUniversalTime();
        Assert.True(next >= _now, "the clock only moves forwards");
        _now = next;
    }
}

/// <summary>
/// The service report's numbers, computed by hand over five cases built through the API on the Italian default
/// calendar (Mon–Fri 8:30–12:30 and 14:00–18:00, Europe/Rome), January 2027:
/// <list type="bullet">
/// <item>#1 urgent, Mon 11 09:00, never answered: its first response (1 h) is missed; hand-off to Logistica 10:00 → answered 15:00 = 3 h 30 min;</item>
/// <item>#2 Tue 12 09:00, reply 10:00 (60 min), waits on the customer 10:00 → Wed 09:00 (7 h of business time), second reply 09:30, resolved Wed 11:00: 10 h − 7 h = 180 min;</item>
/// <item>#3 Wed 13 14:00, reply 14:30 (30 min), resolved 15:00, reopened Thu 09:00, resolved Thu 10:00: 4 h + 1 h 30 = 330 min;</item>
/// <item>#4 Fri 15 17:00 over the weekend, reply Mon 18 09:30 (1 h + 1 h = 120 min), resolved 11:00 (1 h + 2 h 30 = 210 min), one reply: first contact;</item>
/// <item>#5 Mon 18 11:30, open, still in time: counted as a case, in no SLA outcome.</item>
/// </list>
/// Read at Mon 18 12:00: 5 cases, first response median 60 / average 70 min, resolution median 210 / average 240 min,
/// first contact 1 of 3, reopened 1 of 3, SLA met 3 of 4 (75 %).
/// </summary>
public abstract class ServiceReportTests(ReportApp app)
{
    private const string Week = "from=2027-01-11&to=2027-01-18";

    private sealed record Desk(TestOrganization Org, TestOrganization Other);

    /// <summary>The cases are built once per database (the clock only moves forwards): every test reads them.</summary>
    private async Task<Desk> DeskAsync()
    {
        lock (app.Lock)
        {
            app.Built ??= BoxedAsync();
        }

        return (Desk)await app.Built;
    }

    private async Task<object> BoxedAsync() => await BuildAsync();

    private async Task<Desk> BuildAsync()
    {
        var clock = app.Clock;
        clock.SetRome(1, 11, 8);
        var org = await app.CreateOrganizationAsync("Report S.r.l.");
        var other = await app.CreateOrganizationAsync("Altra Report S.r.l.");
        var logistics = await app.InOrganizationAsync(org.Id, services =>
            services.GetRequiredService<CerchioDb>().Set<Department>().Where(d => d.Name == "Logistica e magazzino").Select(d => d.Id).SingleAsync());
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1", email = "info@bianchi.test" })).EnsureSuccessStatusCode();
        (await other.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Verdi S.r.l.", external_id = "CLI-9", email = "info@verdi.test" })).EnsureSuccessStatusCode();

        async Task Open(string subject, string priority = "normal") =>
            (await api.PostAsJsonAsync("/api/v1/cases", new { subject, customer = new { external_id = "CLI-1" }, channel = "email", priority, text = "Buongiorno" }))
                .EnsureSuccessStatusCode();
        async Task Reply(int number) =>
            (await api.PostAsJsonAsync($"/api/v1/cases/{number}/replies", new { text = "Ecco la risposta." })).EnsureSuccessStatusCode();
        async Task Move(int number, string status) =>
            (await api.PostAsJsonAsync($"/api/v1/cases/{number}/status", new { status })).EnsureSuccessStatusCode();

        clock.SetRome(1, 11, 9);
        await Open("Urgente senza risposta", "urgent");
        clock.SetRome(1, 11, 10);
        var asked = await (await api.PostAsJsonAsync("/api/v1/cases/1/hand-offs", new { department_id = logistics, text = "Dov'è la consegna?" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        clock.SetRome(1, 11, 15);
        (await api.PostAsJsonAsync($"/api/v1/hand-offs/{asked.GetProperty("id").GetGuid()}/answer", new { text = "Arriva domani." })).EnsureSuccessStatusCode();

        clock.SetRome(1, 12, 9);
        await Open("In attesa del cliente");
        // Another organization's case in the same days: never counted.
        (await other.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Non mia", customer = new { external_id = "CLI-9" }, channel = "email", text = "Ciao" }))
            .EnsureSuccessStatusCode();
        clock.SetRome(1, 12, 10);
        await Reply(2);
        await Move(2, "waiting_on_customer");
        clock.SetRome(1, 13, 9);
        await Move(2, "open");
        clock.SetRome(1, 13, 9, 30);
        await Reply(2);
        clock.SetRome(1, 13, 11);
        await Move(2, "resolved");

        clock.SetRome(1, 13, 14);
        await Open("Riaperta");
        clock.SetRome(1, 13, 14, 30);
        await Reply(3);
        clock.SetRome(1, 13, 15);
        await Move(3, "resolved");
        clock.SetRome(1, 14, 9);
        await Move(3, "open");
        clock.SetRome(1, 14, 10);
        await Move(3, "resolved");

        clock.SetRome(1, 15, 17);
        await Open("Sul fine settimana");
        clock.SetRome(1, 18, 9, 30);
        await Reply(4);
        clock.SetRome(1, 18, 11);
        await Move(4, "resolved");

        clock.SetRome(1, 18, 11, 30);
        await Open("Ancora aperta");
        clock.SetRome(1, 18, 12);
        return new Desk(org, other);
    }

    private static async Task<JsonElement> ReportAsync(HttpClient api, string query)
    {
        var response = await api.GetAsync("/api/v1/reports/service?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static double? Number(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDouble();

    [Fact]
    public async Task Report_OverAWeekOfCases_GivesTheHandComputedMetrics()
    {
        var desk = await DeskAsync();

        var report = await ReportAsync(desk.Org.Api(), Week);

        var m = report.GetProperty("overall");
        Assert.Equal(5, m.GetProperty("cases").GetInt32());
        Assert.Equal(3, m.GetProperty("responded").GetInt32());
        Assert.Equal(3, m.GetProperty("resolved").GetInt32());
        Assert.Equal(1, m.GetProperty("reopened").GetInt32());
        Assert.Equal(1, m.GetProperty("first_contact_resolved").GetInt32());
        Assert.Equal(3, m.GetProperty("sla_met").GetInt32());
        Assert.Equal(1, m.GetProperty("sla_missed").GetInt32());
        Assert.Equal(60, Number(m.GetProperty("first_response"), "median_minutes"));
        Assert.Equal(70, Number(m.GetProperty("first_response"), "average_minutes"));
        Assert.Equal(210, Number(m.GetProperty("resolution"), "median_minutes"));
        Assert.Equal(240, Number(m.GetProperty("resolution"), "average_minutes"));
        Assert.Equal(33.33, Number(m, "first_contact_resolution_rate"));
        Assert.Equal(33.33, Number(m, "reopen_rate"));
        Assert.Equal(75, Number(m, "sla_compliance"));

        // Weeks from Monday: the 11th–17th holds four cases, the 18th the last one.
        var series = report.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["2027-01-11", "2027-01-18"], series.Select(p => p.GetProperty("from").GetString()!));
        Assert.Equal([4, 1], series.Select(p => p.GetProperty("metrics").GetProperty("cases").GetInt32()));
        Assert.Equal(75, Number(series[0].GetProperty("metrics"), "sla_compliance"));

        var handOff = Assert.Single(report.GetProperty("hand_offs").EnumerateArray());
        Assert.Equal("Logistica e magazzino", handOff.GetProperty("name").GetString());
        Assert.Equal(1, handOff.GetProperty("answered").GetInt32());
        Assert.Equal(210, Number(handOff.GetProperty("answer_time"), "median_minutes"));
    }

    [Fact]
    public async Task Report_GroupedByPriority_SplitsTheCasesAndTheirTimes()
    {
        var desk = await DeskAsync();

        var report = await ReportAsync(desk.Org.Api(), Week + "&group_by=priority");

        Assert.Equal("priority", report.GetProperty("group_by").GetString());
        var groups = report.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!, g => g.GetProperty("metrics"));
        Assert.Equal(["normal", "urgent"], groups.Keys.Order());
        Assert.Equal(4, groups["normal"].GetProperty("cases").GetInt32());
        Assert.Equal(100, Number(groups["normal"], "sla_compliance"));
        Assert.Equal(1, groups["urgent"].GetProperty("cases").GetInt32());
        Assert.Equal(0, Number(groups["urgent"], "sla_compliance"));
        Assert.Null(Number(groups["urgent"].GetProperty("first_response"), "median_minutes"));

        var byAgent = await ReportAsync(desk.Org.Api(), Week + "&group_by=agent");
        var nobody = Assert.Single(byAgent.GetProperty("groups").EnumerateArray());
        Assert.Equal("none", nobody.GetProperty("key").GetString());
        Assert.Equal(5, nobody.GetProperty("metrics").GetProperty("cases").GetInt32());
    }

    [Fact]
    public async Task Report_ForAnotherOrganization_CountsOnlyItsOwnCases()
    {
        var desk = await DeskAsync();

        var theirs = await ReportAsync(desk.Other.Api(), Week + "&group_by=channel");

        Assert.Equal(1, theirs.GetProperty("overall").GetProperty("cases").GetInt32());
        Assert.Empty(theirs.GetProperty("hand_offs").EnumerateArray());
        var page = await Html.GetAsync(await desk.Other.SignInAsync(), "/assistenza/report?dal=2027-01-11&al=2027-01-18");
        Assert.Equal("1", page.QuerySelector("[data-kpi=cases] [data-value]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#no-handoffs"));
    }

    [Fact]
    public async Task Report_OverAnEmptyPeriod_HasNoCasesAndNoShares()
    {
        var desk = await DeskAsync();

        var report = await ReportAsync(desk.Org.Api(), "from=2027-01-04&to=2027-01-10");

        var m = report.GetProperty("overall");
        Assert.Equal(0, m.GetProperty("cases").GetInt32());
        Assert.Null(Number(m, "sla_compliance"));
        Assert.Null(Number(m.GetProperty("first_response"), "median_minutes"));
        Assert.Equal(0, Assert.Single(report.GetProperty("series").EnumerateArray()).GetProperty("metrics").GetProperty("cases").GetInt32());
        var page = await Html.GetAsync(await desk.Org.SignInAsync(), "/assistenza/report?dal=2027-01-04&al=2027-01-10&per=agent");
        Assert.NotNull(page.QuerySelector("#report-empty"));
    }

    [Fact]
    public async Task Report_WithoutDates_CoversTheLast30Days()
    {
        var desk = await DeskAsync();

        var report = await ReportAsync(desk.Org.Api(), "");

        Assert.Equal("2026-12-20", report.GetProperty("from").GetString());
        Assert.Equal("2027-01-18", report.GetProperty("to").GetString());
        Assert.Equal(5, report.GetProperty("overall").GetProperty("cases").GetInt32());
        var month = await ReportAsync(desk.Org.Api(), "period=last_month");
        Assert.Equal("2026-12-01", month.GetProperty("from").GetString());
        Assert.Equal(0, month.GetProperty("overall").GetProperty("cases").GetInt32());
    }

    [Theory]
    [InlineData("from=2027-01-18&to=2027-01-11", "to")]
    [InlineData("from=0026-01-01&to=2027-01-11", "from")]
    [InlineData("from=2027-13-01", "from")]
    [InlineData("from=2020-01-01&to=2027-01-11", "to")]
    [InlineData("to=2099-01-01", "to")]
    [InlineData("from=9999-12-31", "from")]
    [InlineData("to=0001-01-01", "to")]
    [InlineData("group_by=colour", "group_by")]
    [InlineData("interval=day", "interval")]
    [InlineData("period=yesterday", "period")]
    [InlineData("period=last_month&from=2027-01-01", "period")]
    public async Task Report_WithBadInput_IsRefusedWithTheField(string query, string field)
    {
        var desk = await DeskAsync();

        var response = await desk.Org.Api().GetAsync("/api/v1/reports/service?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task ReportPage_ShowsTheNumbersInItalian_AndAFriendlyMessageOnBadDates()
    {
        var desk = await DeskAsync();
        var browser = await desk.Org.SignInAsync();

        var page = await Html.GetAsync(browser, "/assistenza/report?dal=2027-01-11&al=2027-01-18&per=priority");

        Assert.Equal("75 %", page.QuerySelector("[data-kpi=sla] [data-value]")!.TextContent.Trim());
        Assert.Equal("1 h lavorative", page.QuerySelector("[data-kpi=first-response] [data-value]")!.TextContent.Trim());
        Assert.Equal("3 h 30 min lavorative", page.QuerySelector("[data-kpi=resolution] [data-value]")!.TextContent.Trim());
        Assert.Equal("33,3 %", page.QuerySelector("[data-kpi=first-contact] [data-value]")!.TextContent.Trim());
        Assert.Contains("Normale", page.QuerySelector("#groups-table tr[data-group=normal]")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("#series-table tbody tr").Length);
        Assert.Contains("3 h 30 min lavorative", page.QuerySelector("#handoffs-table")!.TextContent);
        Assert.NotNull(page.QuerySelector("canvas#report-chart[role=img]"));
        var chart = JsonDocument.Parse(page.QuerySelector("#report-chart-data")!.TextContent).RootElement;
        Assert.Equal([4, 1], chart.GetProperty("cases").EnumerateArray().Select(c => c.GetInt32()));

        var bad = await browser.GetAsync("/assistenza/report?dal=2027-01-18&al=2027-01-11&per=colore");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var shown = await Html.ParseAsync(bad);
        Assert.NotNull(shown.QuerySelector("#report-error"));
        Assert.Contains("La data finale non può precedere quella iniziale.", shown.QuerySelector("#al-error")!.TextContent);
        Assert.NotNull(shown.QuerySelector("#per-error"));
    }

    [Fact]
    public async Task ReportExport_GivesTheTableAsCsv_AndRefusesBadDates()
    {
        var desk = await DeskAsync();
        var browser = await desk.Org.SignInAsync();

        var csv = await browser.GetAsync("/assistenza/report/tabella.csv?dal=2027-01-11&al=2027-01-18&per=priority");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Priorità;Pratiche;", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("Normale;4;", StringComparison.Ordinal) && l.Contains(";100;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Urgente;1;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/assistenza/report/tabella.csv?dal=2027-01-18&al=2027-01-11")).StatusCode);
    }
}

public sealed class ServiceReportTestsOnSqlite(ReportSqliteApp app) : ServiceReportTests(app), IClassFixture<ReportSqliteApp>;

public sealed class ServiceReportTestsOnPostgres(ReportPostgresApp app) : ServiceReportTests(app), IClassFixture<ReportPostgresApp>;
