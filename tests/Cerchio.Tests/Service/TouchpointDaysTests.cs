using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Report;
using Cerchio.Service.Features.Settings;
using Cerchio.Service.Features.TouchpointDays;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

/// <summary>
/// The stored touchpoint days (what the journey map reads) against the service report computed from the cases alone,
/// which stays the oracle: on a seeded mix of cases over October 2026 (edges of the Rome day at 22:30–23:30 UTC, the
/// end of summer time on the 25th, open, waiting, resolved, late, merged, complaints, cases without a touchpoint),
/// before the days are built, once built, after changes that mark days (answers, resolutions, reopenings, a merge, a
/// touchpoint and a complaint flag changed), once written again, and after a calendar change. One period holds the whole
/// UTC month of October: read from its month rows, or from its days while one of them is marked.
/// </summary>
public abstract class TouchpointDaysTests(AppFixture app)
{
    private static readonly string?[] Codes = ["consegna", "consegna", "fattura", "sito", "centralino", null];

    private static readonly (DateOnly From, DateOnly To)[] Periods =
    [
        (new(2026, 10, 5), new(2026, 10, 25)), (new(2026, 10, 12), new(2026, 10, 12)), (new(2026, 10, 1), new(2026, 10, 31)),
        (new(2026, 10, 24), new(2026, 10, 26)), (new(2026, 9, 20), new(2026, 11, 10)),
    ];

    private async Task<(TestOrganization Org, List<int> Numbers)> CasesAsync()
    {
        var org = await app.CreateOrganizationAsync("Giorni Touchpoint S.r.l.");
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Rossi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        var random = new Random(2026);
        var numbers = new List<int>();
        for (var i = 0; i < 48; i++)
        {
            var created = await api.PostAsJsonAsync("/api/v1/cases", new
            {
                subject = $"Pratica {i}", customer = new { external_id = "CLI-1" }, channel = "email", text = "Buongiorno",
                type = random.Next(4) == 0 ? "complaint" : "information", touchpoint = Codes[random.Next(Codes.Length)],
            });
            numbers.Add((await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32());
        }

        await app.InOrganizationAsync(org.Id, async sp =>
        {
            var db = sp.GetRequiredService<CerchioDb>();
            foreach (var c in await db.Set<Case>().ToListAsync())
            {
                // Every fourth case opens at the turn of a Rome day (22:30–23:30 UTC): the period's edges.
                var day = new DateTimeOffset(2026, 9, 28, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(35));
                var opened = random.Next(4) == 0 ? day.AddMinutes(22 * 60 + 30 + random.Next(60)) : day.AddMinutes(random.Next(24 * 60));
                c.CreatedAt = opened;
                c.FirstResponseDueAt = opened.AddHours(1 + random.Next(30));
                // Some targets lie in the future: open cases still in time.
                c.ResolutionDueAt = random.Next(5) == 0 ? new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero) : opened.AddHours(10 + random.Next(90));
                c.FirstResponseAt = random.Next(10) < 7 ? opened.AddMinutes(random.Next(3000)) : null;
                var resolved = random.Next(10) < 6 ? (c.FirstResponseAt ?? opened).AddMinutes(random.Next(6000)) : (DateTimeOffset?)null;
                c.ResolvedAt = resolved;
                c.WaitedOnCustomer = resolved is null ? TimeSpan.Zero : TimeSpan.FromMinutes(random.Next(180));
                c.Status = resolved is not null ? CaseStatus.Resolved : random.Next(4) == 0 ? CaseStatus.WaitingOnCustomer : CaseStatus.Open;
                c.SlaPausedAt = c.Status == CaseStatus.WaitingOnCustomer ? opened.AddHours(random.Next(40)) : null;
                c.SlaDueAt = null;
            }

            return await db.SaveChangesAsync();
        });

        (await api.PostAsJsonAsync($"/api/v1/cases/{numbers[3]}/merge", new { into = numbers[4] })).EnsureSuccessStatusCode();
        return (org, numbers);
    }

    /// <summary>Every period's figures equal the service report's grouped by touchpoint, number for number, median for median.</summary>
    private async Task SameAsTheReportAsync(Guid organizationId, string when)
    {
        foreach (var (from, to) in Periods)
        {
            var (report, figures) = await app.InOrganizationAsync(organizationId, async sp =>
                (await sp.GetRequiredService<ServiceReport>().RunAsync(new ReportRequest(from, to, ReportGrouping.Touchpoint, ReportInterval.Week)),
                 await sp.GetRequiredService<TouchpointFigures>().ForAsync(from, to)));
            var expected = report.Groups.Where(g => g.Key != "none").ToDictionary(g => g.Key);
            Assert.True(expected.Count > 0 || from == to, $"{when}, {from}–{to}: no case at all");
            Assert.Equal(expected.Keys.Order(), figures.Keys.Order());
            foreach (var (code, group) in expected)
            {
                var m = group.Metrics;
                var t = figures[code];
                var label = $"{when}, {from}–{to}, {code}";
                Assert.True(
                    (m.Counts.Cases, m.Counts.Complaints, m.Counts.Responded, m.Counts.Resolved, m.Counts.SlaMet, m.Counts.SlaMissed)
                        == (t.Cases, t.Complaints, t.Responded, t.Resolved, t.SlaMet, t.SlaMissed),
                    $"{label}: counts {(m.Counts.Cases, m.Counts.Complaints, m.Counts.Responded, m.Counts.Resolved, m.Counts.SlaMet, m.Counts.SlaMissed)} vs {(t.Cases, t.Complaints, t.Responded, t.Resolved, t.SlaMet, t.SlaMissed)}");
                Assert.True(m.FirstResponse == t.FirstResponse, $"{label}: first response {m.FirstResponse} vs {t.FirstResponse}");
                Assert.True(m.Resolution == t.Resolution, $"{label}: resolution {m.Resolution} vs {t.Resolution}");
            }
        }
    }

    private Task<T> InDbAsync<T>(Guid organizationId, Func<CerchioDb, Task<T>> work) =>
        app.InOrganizationAsync(organizationId, sp => work(sp.GetRequiredService<CerchioDb>()));

    private Task<int> BuildAsync(Guid organizationId) => app.Services.GetRequiredService<TouchpointDaysPass>().RunForAsync(organizationId, CancellationToken.None);

    [Fact]
    public async Task StoredDays_AlwaysGiveTheReportsNumbers_BeforeAndAfterBuilding_ChangesAndACalendarChange()
    {
        var (org, numbers) = await CasesAsync();
        var api = org.Api();

        // Nothing built yet: read from the cases.
        Assert.Null(await InDbAsync(org.Id, db => db.Set<TouchpointDayState>().FirstOrDefaultAsync()));
        await SameAsTheReportAsync(org.Id, "before building");

        // Built: every day stored, no mark left, the state stamped with the calendar.
        Assert.True(await BuildAsync(org.Id) > 0);
        Assert.Equal(0, await InDbAsync(org.Id, db => db.Set<TouchpointDayMark>().CountAsync()));
        Assert.Equal(BusinessCalendar.ItalianDefault.Stamp, (await InDbAsync(org.Id, db => db.Set<TouchpointDayState>().SingleAsync())).CalendarStamp);
        var stored = await InDbAsync(org.Id, db => db.Set<TouchpointDay>().ToListAsync());
        Assert.Equal(await InDbAsync(org.Id, db => db.Set<Case>().CountAsync(c => c.MergedIntoId == null && c.TouchpointCode != null)), stored.Sum(d => d.Cases));
        await SameAsTheReportAsync(org.Id, "built");

        // Changes through the API and straight on the rows: each marks its days, and the figures follow at once.
        var open = await InDbAsync(org.Id, db => db.Set<Case>().Where(c => c.ResolvedAt == null && c.MergedIntoId == null && c.TouchpointCode != null)
            .OrderBy(c => c.Number).Select(c => c.Number).ToListAsync());
        var resolved = await InDbAsync(org.Id, db => db.Set<Case>().Where(c => c.Status == CaseStatus.Resolved && c.MergedIntoId == null && c.TouchpointCode != null)
            .OrderBy(c => c.Number).Select(c => c.Number).ToListAsync());
        (await api.PostAsJsonAsync($"/api/v1/cases/{open[0]}/status", new { status = "resolved" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/v1/cases/{resolved[0]}/status", new { status = "open" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/v1/cases/{resolved[1]}/merge", new { into = resolved[2] })).EnsureSuccessStatusCode();
        var last = numbers[^1];
        await InDbAsync(org.Id, async db =>
        {
            var cases = await db.Set<Case>().Where(c => c.Number == open[1] || c.Number == resolved[3] || c.Number == last).ToListAsync();
            cases.Single(c => c.Number == open[1]).FirstResponseAt = cases.Single(c => c.Number == open[1]).CreatedAt.AddHours(3);
            cases.Single(c => c.Number == resolved[3]).TouchpointCode = cases.Single(c => c.Number == resolved[3]).TouchpointCode == "fattura" ? "sito" : "fattura";
            cases.Single(c => c.Number == last).IsComplaint ^= true;
            return await db.SaveChangesAsync();
        });
        Assert.True(await InDbAsync(org.Id, db => db.Set<TouchpointDayMark>().CountAsync()) > 0);
        await SameAsTheReportAsync(org.Id, "changed, days marked");

        Assert.True(await BuildAsync(org.Id) > 0);
        Assert.Equal(0, await InDbAsync(org.Id, db => db.Set<TouchpointDayMark>().CountAsync()));
        await SameAsTheReportAsync(org.Id, "changed, days written again");

        // Another calendar: the stored business times are stale, so the figures come from the cases until built again.
        var saturdays = CalendarSettings.ItalianDefault with
        {
            Week = [.. CalendarSettings.ItalianDefault.Week, new OpenInterval(DayOfWeek.Saturday, new TimeOnly(9, 0), new TimeOnly(13, 0))],
        };
        var errors = await app.InOrganizationAsync(org.Id, sp => sp.GetRequiredService<ServiceSettings>().SaveAsync(saturdays, SlaPolicy.ItalianDefault, 7));
        Assert.False(errors.Any);
        await SameAsTheReportAsync(org.Id, "new calendar, not built");
        await BuildAsync(org.Id);
        Assert.Equal(new BusinessCalendar(saturdays).Stamp, (await InDbAsync(org.Id, db => db.Set<TouchpointDayState>().SingleAsync())).CalendarStamp);
        await SameAsTheReportAsync(org.Id, "new calendar, built");

        // The map does read the stored days (not the cases again): a day altered by hand shows in the figures.
        var (from, to) = Periods[0];
        var before = await app.InOrganizationAsync(org.Id, sp => sp.GetRequiredService<TouchpointFigures>().ForAsync(from, to));
        var day = await InDbAsync(org.Id, db => db.Set<TouchpointDay>().Where(d => d.Day > from && d.Day < to).OrderBy(d => d.Day).FirstAsync());
        var altered = await InDbAsync(org.Id, db => db.Set<TouchpointDay>().Where(d => d.TouchpointCode == day.TouchpointCode && d.Day == day.Day)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Cases, d => d.Cases + 1000)));
        Assert.Equal(1, altered);
        var after = await app.InOrganizationAsync(org.Id, sp => sp.GetRequiredService<TouchpointFigures>().ForAsync(from, to));
        Assert.Equal(before[day.TouchpointCode].Cases + 1000, after[day.TouchpointCode].Cases);
    }

    [Fact]
    public async Task StoredDays_OfAnotherOrganization_AreNeverRead()
    {
        var (org, _) = await CasesAsync();
        await BuildAsync(org.Id);
        var other = await app.CreateOrganizationAsync("Giorni Altrui S.r.l.");
        (await other.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Verdi S.r.l.", external_id = "CLI-9" })).EnsureSuccessStatusCode();
        (await other.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Mia", customer = new { external_id = "CLI-9" }, channel = "email", type = "complaint", touchpoint = "consegna", text = "Ciao" }))
            .EnsureSuccessStatusCode();
        await InDbAsync(other.Id, db => db.Set<Case>().ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, new DateTimeOffset(2026, 10, 12, 10, 0, 0, TimeSpan.Zero))));
        await BuildAsync(other.Id);

        var (from, to) = Periods[2];
        var theirs = await app.InOrganizationAsync(other.Id, sp => sp.GetRequiredService<TouchpointFigures>().ForAsync(from, to));
        Assert.Equal((1, 1), (Assert.Single(theirs, t => t.Key == "consegna").Value.Cases, theirs.Count));
        await SameAsTheReportAsync(org.Id, "beside another organization");
    }
}

public sealed class TouchpointDaysTestsOnSqlite(SqliteApp app) : TouchpointDaysTests(app), IClassFixture<SqliteApp>;

public sealed class TouchpointDaysTestsOnPostgres(PostgresApp app) : TouchpointDaysTests(app), IClassFixture<PostgresApp>;
