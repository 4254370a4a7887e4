using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

public abstract class CasesApiTests(AppFixture app)
{
    private static async Task<Guid> CustomerAsync(HttpClient api, string name, string externalId, string email)
    {
        var response = await api.PostAsJsonAsync("/api/v1/customers", new { name, external_id = externalId, email });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> OpenAsync(HttpClient api, object body) => api.PostAsJsonAsync("/api/v1/cases", body);

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private async Task<int> CountCasesAsync(Guid organizationId) =>
        await app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<Cerchio.Service.Domain.Case>().CountAsync());

    [Fact]
    public async Task Open_ForACustomerByCode_GetsNumberOne_SlaDueTimes_AndATimelineLine()
    {
        var org = await app.CreateOrganizationAsync("Pratiche Uno S.r.l.");
        var api = org.Api();
        var customer = await CustomerAsync(api, "Bianchi Costruzioni S.r.l.", "CLI-1", "info@bianchi.test");

        var response = await OpenAsync(api, new
        {
            subject = "Consegna in ritardo dell'ordine 26/4711",
            customer = new { external_id = "CLI-1" },
            channel = "phone",
            type = "complaint",
            priority = "high",
            touchpoint = "Consegna",
            text = "Il cliente chiama: la consegna doveva arrivare ieri.",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var opened = await Json(response);
        Assert.Equal(1, opened.GetProperty("number").GetInt32());
        Assert.Equal("/api/v1/cases/1", response.Headers.Location!.OriginalString);
        Assert.Equal("new", opened.GetProperty("status").GetString());
        Assert.Equal("complaint", opened.GetProperty("type").GetString());
        Assert.True(opened.GetProperty("is_complaint").GetBoolean());
        Assert.Equal("consegna", opened.GetProperty("touchpoint").GetString());
        Assert.Equal(customer, opened.GetProperty("customer_id").GetGuid());
        var created = opened.GetProperty("created_at").GetDateTimeOffset();
        var firstResponseDue = opened.GetProperty("first_response_due_at").GetDateTimeOffset();
        var resolutionDue = opened.GetProperty("resolution_due_at").GetDateTimeOffset();
        Assert.True(firstResponseDue > created && resolutionDue > firstResponseDue);
        Assert.Equal(firstResponseDue, opened.GetProperty("sla_due_at").GetDateTimeOffset());

        var entries = (await api.GetFromJsonAsync<JsonElement>("/api/v1/cases/1/entries")).EnumerateArray().ToList();
        var note = Assert.Single(entries);
        Assert.Equal("conversation_note", note.GetProperty("kind").GetString());
        Assert.Equal("phone", note.GetProperty("channel").GetString());

        var timeline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/timeline");
        var line = timeline.GetProperty("items").EnumerateArray().First();
        Assert.Equal("case_opened", line.GetProperty("type").GetString());
        Assert.Equal("consegna", line.GetProperty("touchpoint").GetString());
        Assert.Contains("#1", line.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Open_TwiceWithTheSameExternalId_ReturnsTheFirstCase()
    {
        var org = await app.CreateOrganizationAsync("Pratiche Due S.r.l.");
        var api = org.Api();
        await CustomerAsync(api, "Verdi S.p.A.", "CLI-2", "ordini@verdi.test");
        var body = new { subject = "Reso merce", customer = new { email = "ORDINI@verdi.test" }, channel = "api", external_id = "shop-991" };

        var first = await OpenAsync(api, body);
        var again = await OpenAsync(api, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await Json(first)).GetProperty("id").GetGuid(), (await Json(again)).GetProperty("id").GetGuid());
        Assert.Equal(1, await CountCasesAsync(org.Id));
    }

    [Fact]
    public async Task Open_ConcurrentlyFromManyClients_NeverSharesANumber()
    {
        var org = await app.CreateOrganizationAsync("Pratiche Parallele S.r.l.");
        await CustomerAsync(org.Api(), "Neri S.r.l.", "CLI-3", "neri@example.test");

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            OpenAsync(org.Api(), new { subject = $"Richiesta {i}", customer = new { external_id = "CLI-3" }, channel = "api" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = new List<int>();
        foreach (var response in responses)
        {
            numbers.Add((await Json(response)).GetProperty("number").GetInt32());
        }

        Assert.Equal(Enumerable.Range(1, 40), numbers.Order());
    }

    [Theory]
    [InlineData("""{"customer":{"external_id":"CLI-4"},"channel":"phone"}""", "subject")]
    [InlineData("""{"subject":"x","channel":"phone"}""", "customer")]
    [InlineData("""{"subject":"x","customer":{"external_id":"CLI-404"},"channel":"phone"}""", "customer")]
    [InlineData("""{"subject":"x","customer":{"external_id":"CLI-4"}}""", "channel")]
    [InlineData("""{"subject":"x","customer":{"external_id":"CLI-4"},"channel":"fax"}""", "channel")]
    [InlineData("""{"subject":"x","customer":{"external_id":"CLI-4"},"channel":"phone","type":"lamentela"}""", "type")]
    [InlineData("""{"subject":"x","customer":{"external_id":"CLI-4"},"channel":"phone","priority":"subito"}""", "priority")]
    [InlineData("""{"subject":"x","customer":{"external_id":"CLI-4"},"channel":"phone","touchpoint":"teletrasporto"}""", "touchpoint")]
    public async Task Open_WithBadInput_SaysWhichField_AndOpensNothing(string body, string field)
    {
        var org = await app.CreateOrganizationAsync("Pratiche Errate S.r.l.");
        await CustomerAsync(org.Api(), "Gialli S.r.l.", "CLI-4", "gialli@example.test");

        var response = await org.Api().PostAsync("/api/v1/cases", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await CountCasesAsync(org.Id));
    }

    [Fact]
    public async Task Status_FollowsTheRules_AndResolvingPublishesTheEvent()
    {
        var org = await app.CreateOrganizationAsync("Pratiche Stati S.r.l.");
        var api = org.Api();
        var customer = await CustomerAsync(api, "Rosa S.r.l.", "CLI-5", "rosa@example.test");
        await OpenAsync(api, new { subject = "Informazioni sui tempi", customer = new { external_id = "CLI-5" }, channel = "email" });

        var byHand = await api.PostAsJsonAsync("/api/v1/cases/1/status", new { status = "waiting_on_department" });
        Assert.Equal(HttpStatusCode.BadRequest, byHand.StatusCode);
        Assert.Contains("passaggio", (await Json(byHand)).GetProperty("detail").GetString());

        var waiting = await Json(await api.PostAsJsonAsync("/api/v1/cases/1/status", new { status = "waiting_on_customer" }));
        Assert.Equal("waiting_on_customer", waiting.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("sla_due_at").ValueKind);

        var resolved = await Json(await api.PostAsJsonAsync("/api/v1/cases/1/status", new { status = "resolved" }));
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, resolved.GetProperty("resolved_at").ValueKind);

        var closed = await Json(await api.PostAsJsonAsync("/api/v1/cases/1/status", new { status = "closed" }));
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        var reopen = await api.PostAsJsonAsync("/api/v1/cases/1/status", new { status = "open" });
        Assert.Equal(HttpStatusCode.BadRequest, reopen.StatusCode);
        Assert.Equal("closed", (await api.GetFromJsonAsync<JsonElement>("/api/v1/cases/1")).GetProperty("status").GetString());

        var kinds = (await api.GetFromJsonAsync<JsonElement>("/api/v1/cases/1/entries")).EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["status_changed", "status_changed", "status_changed"], kinds);

        var published = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<ModuleEventRecord>()
            .Where(e => e.OrganizationId == org.Id).Select(e => e.Type).ToListAsync());
        Assert.Contains(published, t => t.EndsWith(".CaseOpened", StringComparison.Ordinal));
        Assert.Contains(published, t => t.EndsWith(".CaseResolved", StringComparison.Ordinal));

        var timeline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/timeline");
        Assert.Contains("case_resolved", timeline.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task AnotherOrganizationsCase_IsNotFound_AndUntouched()
    {
        var mine = await app.CreateOrganizationAsync("Mie Pratiche S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Loro Pratiche S.r.l.");
        await CustomerAsync(theirs.Api(), "Loro Cliente S.r.l.", "CLI-6", "loro@example.test");
        await OpenAsync(theirs.Api(), new { subject = "Loro pratica", customer = new { external_id = "CLI-6" }, channel = "api" });

        Assert.Equal(HttpStatusCode.NotFound, (await mine.Api().GetAsync("/api/v1/cases/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mine.Api().PostAsJsonAsync("/api/v1/cases/1/status", new { status = "resolved" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mine.Api().PostAsJsonAsync("/api/v1/cases/1/notes", new { text = "curioso" })).StatusCode);
        Assert.Equal("new", (await theirs.Api().GetFromJsonAsync<JsonElement>("/api/v1/cases/1")).GetProperty("status").GetString());
        Assert.Empty((await theirs.Api().GetFromJsonAsync<JsonElement>("/api/v1/cases/1/entries")).EnumerateArray());
    }
}

public sealed class CasesApiOnSqlite(SqliteApp app) : CasesApiTests(app), IClassFixture<SqliteApp>;

public sealed class CasesApiOnPostgres(PostgresApp app) : CasesApiTests(app), IClassFixture<PostgresApp>;
