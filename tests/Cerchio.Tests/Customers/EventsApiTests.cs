using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using Cerchio.Data;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Customers;

public abstract class EventsApiTests(AppFixture app)
{
    private static async Task<Guid> CreateCustomerAsync(HttpClient api, string name, string externalId, string email, string vat)
    {
        var response = await api.PostAsJsonAsync("/api/v1/customers", new { name, external_id = externalId, email, vat_number = vat });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Batch_AcceptsGoodItems_RejectsBadOnes_AndReportsEach()
    {
        var org = await app.CreateOrganizationAsync("Eventi Uno S.r.l.");
        var api = org.Api();
        var bianchi = await CreateCustomerAsync(api, "Bianchi Costruzioni S.r.l.", "CLI-1", "info@bianchi.test", "01234567897");

        var response = await api.PostAsJsonAsync("/api/v1/events", new
        {
            events = new object[]
            {
                new { id = "ord-1", type = "order_placed", customer = new { external_id = "CLI-1" }, occurred_at = "2026-10-01T09:00:00+02:00", touchpoint = "Punto-Vendita", properties = new { numero = "26/1001", importo = 12500.5 } },
                new { id = "del-1", type = "delivered", customer = new { email = "INFO@bianchi.test" }, occurred_at = "2026-10-20T10:00:00Z", summary = "Consegna con due settimane di ritardo" },
                new { id = "inv-1", type = "invoice_issued", customer = new { vat_number = "IT 01234567897" }, occurred_at = "2026-10-21T10:00:00Z" },
                new { id = "bad-type", type = "teleport", customer = new { external_id = "CLI-1" }, occurred_at = "2026-10-01T09:00:00Z" },
                new { id = "bad-date", type = "call", customer = new { external_id = "CLI-1" }, occurred_at = "ieri" },
                new { id = "nobody", type = "call", customer = new { external_id = "CLI-404" }, occurred_at = "2026-10-01T09:00:00Z" },
                new { id = "ord-1", type = "order_placed", customer = new { external_id = "CLI-1" }, occurred_at = "2026-10-01T09:00:00Z" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, result.GetProperty("accepted").GetInt32());
        Assert.Equal(1, result.GetProperty("duplicates").GetInt32());
        Assert.Equal(3, result.GetProperty("rejected").GetInt32());
        var statuses = result.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Equal(["accepted", "accepted", "accepted", "rejected", "rejected", "rejected", "duplicate"], statuses);
        Assert.Contains("type", result.GetProperty("results")[3].GetProperty("errors")[0].GetString());
        Assert.Contains("occurred_at", result.GetProperty("results")[4].GetProperty("errors")[0].GetString());

        var timeline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{bianchi}/timeline");
        var items = timeline.GetProperty("items").EnumerateArray().ToList();
        // Newest first: the record was created today, the events happened in October.
        Assert.Equal(["customer_created", "invoice_issued", "delivered", "order_placed"], items.Select(i => i.GetProperty("type").GetString()));
        var order = items[3];
        Assert.Equal("punto-vendita", order.GetProperty("touchpoint").GetString());
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 7, 0, 0, TimeSpan.Zero), order.GetProperty("occurred_at").GetDateTimeOffset());
        Assert.Equal("26/1001", order.GetProperty("properties").GetProperty("numero").GetString());

        // The page shows the event with its amount in euros, in the reader's format.
        var page = await Html.GetAsync(await org.SignInAsync(), $"/clienti/{bianchi}");
        var shown = page.QuerySelectorAll("#timeline > li").Single(li => li.GetAttribute("data-type") == "order_placed").TextContent;
        Assert.Contains("12.500,50 €", shown.Replace('\u00a0', ' '));
        Assert.Contains("26/1001", shown);
    }

    [Fact]
    public async Task Touchpoints_AreMatchedByCodeInTheCatalog_UnknownAndArchivedOnesReportedPerItem()
    {
        var org = await app.CreateOrganizationAsync("Eventi Touchpoint S.r.l.");
        var api = org.Api();
        await CreateCustomerAsync(api, "Neri S.r.l.", "N-1", "neri@example.test", "01234567897");
        (await api.PostAsJsonAsync("/api/v1/touchpoints", new { code = "app-mobile", name = "App", online = true })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/v1/touchpoints", new { code = "vecchio-sito", name = "Vecchio sito", online = true, archived = true })).EnsureSuccessStatusCode();

        object Event(string id, string touchpoint) => new { id, type = "order_placed", customer = new { external_id = "N-1" }, occurred_at = "2026-10-01T09:00:00Z", touchpoint };
        var response = await api.PostAsJsonAsync("/api/v1/events", new
        {
            events = new[] { Event("t-1", "FATTURA"), Event("t-2", "app-mobile"), Event("t-3", "teletrasporto"), Event("t-4", "vecchio-sito") },
        });
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["accepted", "accepted", "rejected", "rejected"], result.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Contains("teletrasporto", result.GetProperty("results")[2].GetProperty("errors")[0].GetString());
        Assert.Contains("touchpoint", result.GetProperty("results")[3].GetProperty("errors")[0].GetString());
        var stored = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<Cerchio.Customers.Domain.TimelineEvent>()
            .Where(e => e.ExternalId != null).OrderBy(e => e.ExternalId).Select(e => e.TouchpointCode).ToListAsync());
        Assert.Equal(["fattura", "app-mobile"], stored);
    }

    [Fact]
    public async Task ResentBatch_IsAllDuplicates_AndAddsNothing()
    {
        var org = await app.CreateOrganizationAsync("Eventi Due S.r.l.");
        var api = org.Api();
        var id = await CreateCustomerAsync(api, "Verdi S.r.l.", "V-1", "verdi@example.test", "01234567897");
        var batch = new { events = Enumerable.Range(0, 50).Select(i => new { id = $"e-{i}", type = "visit", customer = new { external_id = "V-1" }, occurred_at = "2026-09-01T08:00:00Z" }).ToArray() };

        var first = await (await api.PostAsJsonAsync("/api/v1/events", batch)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(50, first.GetProperty("accepted").GetInt32());

        // Two concurrent re-sends: every id is reported as a duplicate, nothing is stored twice.
        var again = await Task.WhenAll(api.PostAsJsonAsync("/api/v1/events", batch), api.PostAsJsonAsync("/api/v1/events", batch));
        foreach (var response in again)
        {
            var result = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(0, result.GetProperty("accepted").GetInt32());
            Assert.Equal(50, result.GetProperty("duplicates").GetInt32());
        }

        var timeline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/timeline?page_size=200");
        Assert.Equal(51, timeline.GetProperty("total").GetInt32());   // 50 visits + customer_created
    }

    [Fact]
    public async Task SameIdsInAnotherOrganization_AreIndependent()
    {
        var one = await app.CreateOrganizationAsync("Eventi Tre S.r.l.");
        var two = await app.CreateOrganizationAsync("Eventi Quattro S.r.l.");
        foreach (var org in new[] { one, two })
        {
            await CreateCustomerAsync(org.Api(), "Neri S.r.l.", "N-1", "neri@example.test", "01234567897");
            var result = await (await org.Api().PostAsJsonAsync("/api/v1/events", new { events = new[] { new { id = "same-id", type = "call", customer = new { external_id = "N-1" }, occurred_at = "2026-09-01T08:00:00Z" } } }))
                .Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        }
    }

    [Fact]
    public async Task OversizedOrTooLargeOrMalformedBatches_AreRefusedWhole()
    {
        var org = await app.CreateOrganizationAsync("Eventi Limiti S.r.l.");
        var api = org.Api();

        var tooMany = new { events = Enumerable.Range(0, 1001).Select(i => new { id = $"x-{i}", type = "call", customer = new { external_id = "Z" }, occurred_at = "2026-09-01T08:00:00Z" }).ToArray() };
        var many = await api.PostAsJsonAsync("/api/v1/events", tooMany);
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Contains("1000", await many.Content.ReadAsStringAsync());

        var huge = new StringContent("{\"events\":[" + new string(' ', 5 * 1024 * 1024) + "]}", Encoding.UTF8, "application/json");
        var tooBig = await api.PostAsync("/api/v1/events", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal("application/problem+json", tooBig.Content.Headers.ContentType?.MediaType);

        var malformed = await api.PostAsync("/api/v1/events", new StringContent("{\"events\": [ {\"id\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        var empty = await api.PostAsJsonAsync("/api/v1/events", new { events = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }
}

public sealed class EventsApiTestsOnSqlite(SqliteApp app) : EventsApiTests(app), IClassFixture<SqliteApp>;

public sealed class EventsApiTestsOnPostgres(PostgresApp app) : EventsApiTests(app), IClassFixture<PostgresApp>;
