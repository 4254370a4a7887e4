using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Journeys.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Journeys;

/// <summary>
/// The touchpoint catalog through HTTP on both databases: the seventeen defaults with their owner departments until
/// the first change stores them, new touchpoints that cases can name, archived ones they no longer can, the orphans
/// flagged, bad input refused with nothing stored, and only the CX lead and administrators changing it.
/// </summary>
public abstract class TouchpointCatalogTests(AppFixture app)
{
    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private static async Task<List<JsonElement>> ListAsync(HttpClient api, bool archived = false) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/touchpoints{(archived ? "?archived=true" : "")}")).EnumerateArray().ToList();

    private Task<int> StoredAsync(TestOrganization org) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<Touchpoint>().CountAsync());

    [Fact]
    public async Task Catalog_StartsWithTheSeventeenDefaultsAndTheirOwners_AndFlagsATouchpointLeftWithoutOne()
    {
        var org = await app.CreateOrganizationAsync("Touchpoint Predefiniti S.r.l.", (Email("lead"), Role.CxLead));
        var listed = await ListAsync(org.Api());
        Assert.Equal(Cerchio.Touchpoints.ProvisionalTouchpoints.Defaults.Select(t => t.Code), listed.Select(t => t.GetProperty("code").GetString()));
        string? OwnerOf(List<JsonElement> list, string code) => list.Single(t => t.GetProperty("code").GetString() == code).GetProperty("owner_department").GetString();
        Assert.Equal("Amministrazione", OwnerOf(listed, "fattura"));
        Assert.Equal("Logistica e magazzino", OwnerOf(listed, "consegna"));
        Assert.Equal("Customer service e post-vendita", OwnerOf(listed, "centralino"));
        Assert.Equal(0, await StoredAsync(org));

        var lead = await org.SignInAsync(Role.CxLead);
        Assert.Null((await Html.GetAsync(lead, "/viaggi/touchpoint")).QuerySelector("#orphan-touchpoints"));

        // The CX lead takes the trade fair's owner away: the first change stores the whole catalog, and the page flags it.
        var saved = await Html.SubmitFormAsync(lead, "/viaggi/touchpoint/fiera/modifica", "touchpoint", new() { ["Input.OwnerDepartmentId"] = "", ["Input.Promise"] = "Un caffè e il catalogo a ogni visitatore." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(17, await StoredAsync(org));
        var page = await Html.GetAsync(lead, "/viaggi/touchpoint");
        Assert.Contains("1", page.QuerySelector("#orphan-touchpoints")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["fiera"], page.QuerySelectorAll("tr[data-touchpoint]").Where(r => r.QuerySelector("[data-orphan]") is not null).Select(r => r.GetAttribute("data-touchpoint")));
        Assert.Contains("Un caffè", page.QuerySelector("tr[data-touchpoint=fiera]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", page.QuerySelector("[data-nav=touchpoints] [data-count]")?.TextContent.Trim());
        Assert.Equal(OwnerOf(listed, "fattura"), OwnerOf(await ListAsync(org.Api()), "fattura"));   // the others kept their owners
    }

    [Fact]
    public async Task NewTouchpoint_CanBeNamedByCases_AndOnceArchivedNoLonger()
    {
        var org = await app.CreateOrganizationAsync("Touchpoint Nuovi S.r.l.");
        var api = org.Api();
        var created = await api.PostAsJsonAsync("/api/v1/touchpoints", new { code = "app-mobile", name = "App per smartphone", online = true, promise = "Ordini in tre tocchi." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(18, (await ListAsync(api)).Count);   // the defaults stay beside it

        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        async Task<HttpResponseMessage> OpenAsync() => await api.PostAsJsonAsync("/api/v1/cases",
            new { subject = "L'app non apre il carrello", channel = "email", touchpoint = "APP-MOBILE", customer = new { external_id = "CLI-1" } });
        var opened = await OpenAsync();
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal("app-mobile", (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("touchpoint").GetString());

        var archived = await api.PutAsJsonAsync("/api/v1/touchpoints/app-mobile", new { name = "App per smartphone", online = true, archived = true });
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await OpenAsync()).StatusCode);
        Assert.DoesNotContain("app-mobile", (await ListAsync(api)).Select(t => t.GetProperty("code").GetString()));
        Assert.True((await ListAsync(api, archived: true)).Single(t => t.GetProperty("code").GetString() == "app-mobile").GetProperty("archived").GetBoolean());
        Assert.Equal("App per smartphone", (await api.GetFromJsonAsync<JsonElement>("/api/v1/touchpoints/app-mobile")).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/touchpoints/non-esiste")).StatusCode);
    }

    [Fact]
    public async Task BadInput_IsRefusedPerField_NothingIsStored_AndNamesStayText()
    {
        var org = await app.CreateOrganizationAsync("Touchpoint Errori S.r.l.", (Email("lead"), Role.CxLead), (Email("agente"), Role.Agent));
        var api = org.Api();
        async Task<List<string>> RefusedAsync(object body)
        {
            var response = await api.PostAsJsonAsync("/api/v1/touchpoints", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        }

        Assert.Equal(["code"], await RefusedAsync(new { code = "FATTURA", name = "Doppione" }));            // a default's code, whatever the case
        Assert.Equal(["code"], await RefusedAsync(new { code = "punto vendita 2", name = "Spazi" }));
        Assert.Equal(["name"], await RefusedAsync(new { code = "nuovo", name = " " }));
        Assert.Equal(["owner_department_id"], await RefusedAsync(new { code = "nuovo", name = "Nuovo", owner_department_id = Guid.NewGuid() }));
        Assert.Equal(["promise"], await RefusedAsync(new { code = "nuovo", name = "Nuovo", promise = new string('x', Touchpoint.MaxText + 1) }));
        Assert.Equal(0, await StoredAsync(org));

        // From the page: the error next to the field, what was typed kept; a name with script shown as text.
        var lead = await org.SignInAsync(Role.CxLead);
        var form = await Html.ParseAsync(await Html.SubmitFormAsync(lead, "/viaggi/touchpoint/nuovo", "touchpoint", new() { ["Input.Code"] = "Con Spazi", ["Input.Name"] = "Tenuto" }));
        Assert.NotNull(form.QuerySelector("#Code-error"));
        Assert.Equal("Tenuto", form.QuerySelector("#touchpoint-name")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, "/viaggi/touchpoint/nuovo", "touchpoint", new() { ["Input.Code"] = "script", ["Input.Name"] = "<script>alert(1)</script>" })).StatusCode);
        var page = await Html.GetAsync(lead, "/viaggi/touchpoint");
        Assert.Equal("<script>alert(1)</script>", page.QuerySelector("tr[data-touchpoint=script] a")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("#touchpoints script"));

        // Agents read the catalog, they do not change it.
        var agent = await org.SignInAsync(Role.Agent);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/viaggi/touchpoint")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await agent.GetAsync("/viaggi/touchpoint/nuovo")).StatusCode);
        Assert.Null((await Html.GetAsync(agent, "/viaggi/touchpoint")).QuerySelector("#new-touchpoint"));
    }
}

public sealed class TouchpointCatalogTestsOnSqlite(SqliteApp app) : TouchpointCatalogTests(app), IClassFixture<SqliteApp>;

public sealed class TouchpointCatalogTestsOnPostgres(PostgresApp app) : TouchpointCatalogTests(app), IClassFixture<PostgresApp>;
