using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Tests.Infrastructure;
using Cerchio.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Platform;

public abstract class DemoCompanyTests(AppFixture app)
{
    [Fact]
    public async Task SeedDemo_CreatesRossiArredamentiOnce_WithCustomersPeopleAndAWorkingApiKey()
    {
        var demo = app.Services.GetRequiredService<DemoCompany>();
        var first = await demo.EnsureAsync(null);
        Assert.True(first.Created);

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", first.ApiKey);
        var customers = await api.GetFromJsonAsync<JsonElement>("/api/v1/customers?page_size=200");
        Assert.Equal(DemoCompany.Customers, customers.GetProperty("total").GetInt32());
        var items = customers.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, c => c.GetProperty("kind").GetString() == "company");
        Assert.Contains(items, c => c.GetProperty("kind").GetString() == "person");
        Assert.All(items.Where(c => c.GetProperty("vat_number").ValueKind == JsonValueKind.String),
            c => Assert.True(VatNumbers.IsValid(c.GetProperty("vat_number").GetString()!)));

        var company = items.First(c => c.GetProperty("kind").GetString() == "company").GetProperty("id").GetGuid();
        var timeline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{company}/timeline?page_size=200");
        var types = timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("quote_sent", types);

        // The desk tells a story: a year of cases in every channel, type and status, numbered without gaps, and the
        // next case continues the numbering.
        var cases = await app.InOrganizationAsync(first.OrganizationId, services =>
            services.GetRequiredService<Cerchio.Data.CerchioDb>().Set<Cerchio.Service.Domain.Case>().AsNoTracking().ToListAsync());
        Assert.Equal(Enumerable.Range(1, DemoCompany.Cases), cases.Select(c => c.Number).Order());
        Assert.Equal(Enum.GetValues<Cerchio.Service.Domain.CaseChannel>().Length, cases.Select(c => c.Channel).Distinct().Count());
        Assert.Equal(Enum.GetValues<Cerchio.Service.Domain.CaseType>().Length, cases.Select(c => c.Type).Distinct().Count());
        Assert.Equal(Enum.GetValues<Cerchio.Service.Domain.CaseStatus>().Length, cases.Select(c => c.Status).Distinct().Count());
        Assert.True(cases.Min(c => c.CreatedAt) < DateTimeOffset.UtcNow.AddMonths(-10));
        // The latest dozen arrived over the last day and a half, so their due times are still running or just past.
        Assert.All(cases.OrderByDescending(c => c.Number).Take(12), c => Assert.True(c.CreatedAt > DateTimeOffset.UtcNow.AddHours(-37), $"#{c.Number} {c.CreatedAt}"));
        Assert.Equal(cases.OrderBy(c => c.CreatedAt).ThenBy(c => c.Number).Select(c => c.Number), cases.OrderBy(c => c.Number).Select(c => c.Number));
        var customerId = cases.First().CustomerId!.Value;
        var customerRef = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customerId}");
        var next = await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Nuova richiesta", customer = new { external_id = customerRef.GetProperty("external_id").GetString() }, channel = "api" });
        Assert.Equal(DemoCompany.Cases + 1, (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32());
        var caseTimeline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customerId}/timeline?page_size=100");
        Assert.Contains("case_opened", caseTimeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()));

        // Announcements: last month's, acknowledged before its launch by all but one and discussed; next Monday's, half acknowledged.
        var announcements = (await api.GetFromJsonAsync<JsonElement>("/api/v1/announcements")).EnumerateArray().ToList();
        Assert.Equal(2, announcements.Count);
        var (upcoming, past) = (announcements[0], announcements[1]);
        Assert.True(upcoming.GetProperty("effective_at").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        var partial = upcoming.GetProperty("coverage");
        Assert.InRange(partial.GetProperty("acknowledged").GetInt32(), 1, partial.GetProperty("audience").GetInt32() - 1);
        var done = past.GetProperty("coverage");
        Assert.Equal(done.GetProperty("audience").GetInt32() - 1, done.GetProperty("informed_before_launch").GetInt32());
        var thread = await app.InOrganizationAsync(first.OrganizationId, services => services.GetRequiredService<Cerchio.Data.CerchioDb>()
            .Set<Cerchio.Service.Domain.AnnouncementPost>().CountAsync(p => p.AnnouncementId == past.GetProperty("id").GetGuid()));
        Assert.True(thread >= 3);

        // Two dozen published articles, found by the customer's words.
        Assert.True((await api.GetFromJsonAsync<JsonElement>("/api/v1/articles")).GetArrayLength() >= 20);
        var found = await api.GetFromJsonAsync<JsonElement>("/api/v1/articles?q=danneggiato%20foto");
        Assert.Equal("Mobile arrivato danneggiato", found.EnumerateArray().First().GetProperty("article").GetProperty("title").GetString());

        // Every department with people has a head (SLA alerts and complaints need one to reach).
        var departments = await app.InOrganizationAsync(first.OrganizationId, services =>
            services.GetRequiredService<Cerchio.Organizations.Contracts.IOrganizationDirectory>().DepartmentsAsync());
        var staffed = DemoCompany.People.Select(p => p.Department).Distinct().ToList();
        Assert.All(departments.Where(d => staffed.Contains(d.Name)), d => Assert.NotNull(d.HeadUserId));

        // Every demo person can sign in and lands in the demo company.
        HttpClient? lead = null;
        foreach (var person in DemoCompany.People.Take(3))
        {
            var client = app.Browser();
            var response = await Html.SubmitFormAsync(client, "/accedi", "sign-in", new() { ["Input.Email"] = person.Email, ["Input.Password"] = DemoCompany.Password });
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(DemoCompany.Name, (await Html.GetAsync(client, "/")).QuerySelector("h1")!.TextContent);
            lead ??= person.Role == Cerchio.Tenancy.Role.CxLead ? client : null;
        }

        // The default journey follows the B2B persona and opens with live numbers: deliveries red from their complaints.
        var personas = (await api.GetFromJsonAsync<JsonElement>("/api/v1/personas")).EnumerateArray().ToList();
        Assert.Equal(2, personas.Count);
        Assert.All(personas, p => Assert.True(p.GetProperty("matched_customers").GetInt32() > 0));
        var journeys = await Html.GetAsync(lead!, "/viaggi/mappe");
        Assert.Contains("Consegna", journeys.QuerySelector("[data-journey] [data-red]")!.TextContent, StringComparison.Ordinal);
        var map = await Html.GetAsync(lead!, journeys.QuerySelector("[data-journey] a")!.GetAttribute("href")!);
        Assert.Contains("Marco, impresa edile", map.QuerySelector("#journey-persona")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("red", map.QuerySelector("ul.journey-cards [data-touchpoint=consegna]")!.GetAttribute("data-heat"));
        Assert.NotEmpty(map.QuerySelectorAll("[data-touchpoint=consegna] [data-metric=complaints] a"));
        Assert.Contains(map.QuerySelectorAll("[data-lane=pains] [data-confirmed]"), p => p.TextContent.Contains("«Consegna»", StringComparison.Ordinal));

        // The voice of the customer: surveys with a year of answers, thousands with comments; deliveries score worst.
        var surveys = (await api.GetFromJsonAsync<JsonElement>("/api/v1/surveys")).EnumerateArray().ToList();
        Assert.Equal(3, surveys.Count);
        Assert.All(surveys, s => Assert.Equal("live", s.GetProperty("status").GetString()));
        var answers = await api.GetFromJsonAsync<JsonElement>($"/api/v1/survey-answers?from={DateTime.UtcNow.AddDays(-365):yyyy-MM-dd}&to={DateTime.UtcNow:yyyy-MM-dd}&page_size=200");
        Assert.True(answers.GetProperty("total").GetInt32() >= 1_500);
        Assert.True(answers.GetProperty("items").EnumerateArray().Count(a => a.GetProperty("comment").ValueKind == JsonValueKind.String) > 100);
        var touchpoints = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/touchpoints/metrics?from={DateTime.UtcNow.AddDays(-364):yyyy-MM-dd}&to={DateTime.UtcNow:yyyy-MM-dd}"))
            .GetProperty("touchpoints").EnumerateArray()
            .ToDictionary(t => t.GetProperty("code").GetString()!, t => t.GetProperty("metrics").EnumerateArray().FirstOrDefault(m => m.GetProperty("key").GetString() == "nps"));
        Assert.True(touchpoints["consegna"].GetProperty("value").GetDouble() < touchpoints["sito"].GetProperty("value").GetDouble());

        // Comments analysed; loops open and closed, those of Consegna with Logistica, most closed in time.
        Assert.True((await api.GetFromJsonAsync<JsonElement>($"/api/v1/survey-answers?from={DateTime.UtcNow.AddDays(-365):yyyy-MM-dd}&to={DateTime.UtcNow:yyyy-MM-dd}&sentiment=negative&topic=delivery_times")).GetProperty("total").GetInt32() > 10);
        Assert.True((await api.GetFromJsonAsync<JsonElement>("/api/v1/loops?state=open")).GetProperty("total").GetInt32() > 0);
        var closedLoops = await api.GetFromJsonAsync<JsonElement>("/api/v1/loops?state=closed&page_size=200");
        Assert.True(closedLoops.GetProperty("total").GetInt32() > 50);
        Assert.All(closedLoops.GetProperty("items").EnumerateArray().Where(l => l.GetProperty("touchpoint").GetString() == "consegna"),
            l => Assert.Equal("Logistica e magazzino", l.GetProperty("department").GetString()));
        var closure = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/loop-closure?from={DateTime.UtcNow.AddDays(-365):yyyy-MM-dd}&to={DateTime.UtcNow:yyyy-MM-dd}")).GetProperty("whole");
        Assert.InRange(closure.GetProperty("closure_rate").GetDouble(), 40, 95);

        // Running it again finds the company, and only issues a new key.
        var second = await demo.EnsureAsync(null);
        Assert.False(second.Created);
        Assert.Equal(first.OrganizationId, second.OrganizationId);
        Assert.NotEqual(first.ApiKey, second.ApiKey);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", second.ApiKey);
        Assert.Equal(DemoCompany.Customers, (await api.GetFromJsonAsync<JsonElement>("/api/v1/customers")).GetProperty("total").GetInt32());
    }
}

public sealed class DemoCompanyTestsOnSqlite(SqliteApp app) : DemoCompanyTests(app), IClassFixture<SqliteApp>;

public sealed class DemoCompanyTestsOnPostgres(PostgresApp app) : DemoCompanyTests(app), IClassFixture<PostgresApp>;
