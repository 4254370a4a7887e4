using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Tests.Infrastructure;
using Cerchio.Web.Features.Demo;
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
        var timeline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{company}/timeline");
        var types = timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("quote_sent", types);

        // Every demo person can sign in and lands in the demo company.
        foreach (var person in DemoCompany.People.Take(3))
        {
            var client = app.Browser();
            var response = await Html.SubmitFormAsync(client, "/accedi", "sign-in", new() { ["Input.Email"] = person.Email, ["Input.Password"] = DemoCompany.Password });
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(DemoCompany.Name, (await Html.GetAsync(client, "/")).QuerySelector("h1")!.TextContent);
        }

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
