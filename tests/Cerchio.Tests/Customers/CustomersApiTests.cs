using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cerchio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Customers;

public abstract class CustomersApiTests(AppFixture app)
{
    private static object Company(string name, string? externalId = null, string? vat = null, string? email = null) => new
    {
        kind = "company",
        name,
        vat_number = vat,
        email,
        city = "Padova",
        province = "PD",
        external_id = externalId,
        attributes = new Dictionary<string, string> { ["segmento"] = "A" },
    };

    [Fact]
    public async Task Create_Get_Replace_AndTheTimelineRecordsTheChanges()
    {
        var org = await app.CreateOrganizationAsync("Api Uno S.r.l.");
        var api = org.Api();

        var created = await api.PostAsJsonAsync("/api/v1/customers", Company("Bianchi Costruzioni S.r.l.", "CLI-1", "01234567897", "Info@Bianchi.test"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customer = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = customer.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/customers/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("info@bianchi.test", customer.GetProperty("email").GetString());   // normalized
        Assert.Equal("A", customer.GetProperty("attributes").GetProperty("segmento").GetString());

        var replaced = await api.PutAsJsonAsync($"/api/v1/customers/{id}", Company("Bianchi Costruzioni S.r.l.", "CLI-1", "01234567897", "ordini@bianchi.test"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var fetched = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}");
        Assert.Equal("ordini@bianchi.test", fetched.GetProperty("email").GetString());

        var timeline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/timeline");
        var types = timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["customer_updated", "customer_created"], types);
        var change = timeline.GetProperty("items")[0].GetProperty("properties").GetProperty("Email");
        Assert.Equal("info@bianchi.test", change[0].GetString());
        Assert.Equal("ordini@bianchi.test", change[1].GetString());
    }

    [Fact]
    public async Task Changes_AreAudited_WithReadableValues_AndNoDerivedOrSecretFields()
    {
        var org = await app.CreateOrganizationAsync("Api Audit S.r.l.");
        var api = org.Api();
        var created = await (await api.PostAsJsonAsync("/api/v1/customers", Company("Gialli S.r.l.", "G-1"))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        (await api.PutAsJsonAsync($"/api/v1/customers/{id}", Company("Gialli Arredi S.r.l.", "G-1"))).EnsureSuccessStatusCode();

        var entries = await app.InOrganizationAsync(org.Id, async services =>
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                services.GetRequiredService<Cerchio.Data.CerchioDb>().AuditEntries.Where(a => a.EntityId == id.ToString()).OrderBy(a => a.At)));
        Assert.Equal([Cerchio.Data.Audit.AuditAction.Created, Cerchio.Data.Audit.AuditAction.Updated], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.StartsWith("API: ", e.ActorName));
        var creation = JsonSerializer.Deserialize<Dictionary<string, string?[]>>(entries[0].Changes)!;
        Assert.Equal("Company", creation["Kind"][1]);
        Assert.Equal("Gialli S.r.l.", creation["Name"][1]);
        Assert.DoesNotContain("SearchText", creation.Keys);
        Assert.DoesNotContain("Id", creation.Keys);
        Assert.DoesNotContain("OrganizationId", creation.Keys);
        var update = JsonSerializer.Deserialize<Dictionary<string, string?[]>>(entries[1].Changes)!;
        Assert.Equal(("Gialli S.r.l.", "Gialli Arredi S.r.l."), (update["Name"][0], update["Name"][1]));
        Assert.DoesNotContain("UpdatedAt", update.Keys);
    }

    [Fact]
    public async Task List_SearchesAndFiltersAndPages()
    {
        var org = await app.CreateOrganizationAsync("Api Lista S.r.l.");
        var api = org.Api();
        foreach (var name in new[] { "Ferri Legnami S.r.l.", "Ferrari Interni S.p.A.", "Colombo Edilizia S.r.l." })
        {
            (await api.PostAsJsonAsync("/api/v1/customers", Company(name))).EnsureSuccessStatusCode();
        }

        (await api.PostAsJsonAsync("/api/v1/customers", new { kind = "person", first_name = "Giovanna", last_name = "Ferrero", email = "gio@example.test" })).EnsureSuccessStatusCode();

        var search = await api.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=ferr");
        Assert.Equal(3, search.GetProperty("total").GetInt32());

        var people = await api.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=ferr&kind=person");
        Assert.Equal("Giovanna Ferrero", Assert.Single(people.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());

        var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/customers?page=2&page_size=3");
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        Assert.Single(page.GetProperty("items").EnumerateArray());

        var accents = await api.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=PADOVA%20colombo");
        Assert.Equal(1, accents.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Create_WithBadData_IsAValidationProblemPerField_AndCreatesNothing()
    {
        var org = await app.CreateOrganizationAsync("Api Errori S.r.l.");
        var api = org.Api();
        var response = await api.PostAsJsonAsync("/api/v1/customers", new { kind = "company", name = "", vat_number = "123", email = "not-an-email" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("Name", out _));
        Assert.True(errors.TryGetProperty("VatNumber", out _));
        Assert.True(errors.TryGetProperty("Email", out _));
        Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>("/api/v1/customers")).GetProperty("total").GetInt32());

        var badKind = await api.PostAsJsonAsync("/api/v1/customers", new { kind = "alien", name = "X" });
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"A S.r.l.","attributes":{"k":null}}""", null)]
    [InlineData("""{"name":"A S.r.l.","attributes":{"k":"1"," K":"2"}}""", "Attributes")]
    [InlineData("""{"name":"A S.r.l.","attributes":{"=HYPERLINK(\"https://evil.test\")":"x"}}""", "Attributes")]
    [InlineData("""{"name":"A S.r.l.","attributes":{"Note: interne":"x"}}""", "Attributes")]
    [InlineData("""{"name":"A S.r.l.","postal_code":"123456789012345"}""", "PostalCode")]
    public async Task Create_WithUnusualInput_IsAClearAnswerNeverA500(string body, string? invalidField)
    {
        var org = await app.CreateOrganizationAsync("Api Limiti S.r.l.");
        var response = await org.Api().PostAsync("/api/v1/customers", new StringContent(body, Encoding.UTF8, "application/json"));
        if (invalidField is null)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(invalidField, out _));
        }
    }

    [Fact]
    public async Task Contact_WithOverlongPhoneOrRole_IsRefusedPerField()
    {
        var org = await app.CreateOrganizationAsync("Api Contatto Lungo S.r.l.");
        var api = org.Api();
        var id = (await (await api.PostAsJsonAsync("/api/v1/customers", Company("Lunghi S.r.l."))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var response = await api.PostAsJsonAsync($"/api/v1/customers/{id}/contacts", new { last_name = "Lunghi", phone = new string('1', 60), job_title = new string('x', 200) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("Phone", out _));
        Assert.True(errors.TryGetProperty("JobTitle", out _));
    }

    [Fact]
    public async Task Create_WithDuplicateExternalId_IsRefused()
    {
        var org = await app.CreateOrganizationAsync("Api Doppi S.r.l.");
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", Company("Primo S.r.l.", "DUP-1"))).EnsureSuccessStatusCode();
        var second = await api.PostAsJsonAsync("/api/v1/customers", Company("Secondo S.r.l.", "DUP-1"));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("ExternalId", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MalformedJson_Is400ProblemDetails_AndUnknownId404()
    {
        var org = await app.CreateOrganizationAsync("Api Malformato S.r.l.");
        var api = org.Api();
        var malformed = await api.PostAsync("/api/v1/customers", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        var unknown = await api.GetAsync($"/api/v1/customers/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/customers/{Guid.NewGuid()}/timeline")).StatusCode);
    }

    [Fact]
    public async Task Contacts_AreAddedListedAndOnTheTimeline()
    {
        var org = await app.CreateOrganizationAsync("Api Contatti S.r.l.");
        var api = org.Api();
        var customer = await (await api.PostAsJsonAsync("/api/v1/customers", Company("Bianchi Costruzioni S.r.l."))).Content.ReadFromJsonAsync<JsonElement>();
        var id = customer.GetProperty("id").GetGuid();

        var added = await api.PostAsJsonAsync($"/api/v1/customers/{id}/contacts", new { first_name = "Maria", last_name = "Bianchi", email = "maria@bianchi.test", job_title = "Titolare" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var bad = await api.PostAsJsonAsync($"/api/v1/customers/{id}/contacts", new { first_name = "", last_name = "", email = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var contacts = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/contacts");
        Assert.Equal("maria@bianchi.test", Assert.Single(contacts.EnumerateArray()).GetProperty("email").GetString());
        var timeline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/timeline");
        Assert.Contains(timeline.GetProperty("items").EnumerateArray(), e => e.GetProperty("type").GetString() == "contact_added");
    }
}

public sealed class CustomersApiTestsOnSqlite(SqliteApp app) : CustomersApiTests(app), IClassFixture<SqliteApp>;

public sealed class CustomersApiTestsOnPostgres(PostgresApp app) : CustomersApiTests(app), IClassFixture<PostgresApp>;
