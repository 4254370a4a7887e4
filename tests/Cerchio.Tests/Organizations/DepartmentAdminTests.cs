using System.Net;
using Cerchio.Organizations.Domain;
using Cerchio.Organizations.Features.Departments;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Tests.Organizations;

public abstract class DepartmentAdminTests(AppFixture app)
{
    [Fact]
    public async Task AddDepartment_AppearsInTheList_AndDuplicateOrEmptyNameIsShownNextToTheField()
    {
        var org = await app.CreateOrganizationAsync("Reparti S.r.l.");
        var client = await org.SignInAsync();

        var added = await Html.SubmitFormAsync(client, "/amministrazione/reparti", "department-add", new() { ["Input.Name"] = "  Qualità " });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/amministrazione/reparti", Html.LocationPath(added));
        var page = await Html.GetAsync(client, "/amministrazione/reparti");
        Assert.Contains(page.QuerySelectorAll("tbody td:first-child"), td => td.TextContent == "Qualità");

        // Same name in another case: refused next to the field, what was typed is kept, nothing added.
        var duplicate = await Html.SubmitFormAsync(client, "/amministrazione/reparti", "department-add", new() { ["Input.Name"] = "vendite" });
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var error = await Html.ParseAsync(duplicate);
        Assert.Contains("Esiste già un reparto con questo nome.", error.QuerySelector("#Name-error")?.TextContent);
        Assert.Equal("vendite", error.Value("#department-name"));

        var empty = await Html.ParseAsync(await Html.SubmitFormAsync(client, "/amministrazione/reparti", "department-add", new() { ["Input.Name"] = " " }));
        Assert.Contains("Il nome è obbligatorio.", empty.QuerySelector("#Name-error")?.TextContent);

        Assert.Equal(Department.Defaults.Length + 1, await org.DbAsync(db => db.Set<Department>().CountAsync()));
    }

    [Fact]
    public async Task RenameDepartment_ChangesTheName_AndRefusesAnotherDepartmentsName()
    {
        var org = await app.CreateOrganizationAsync("Rinomina S.r.l.");
        var client = await org.SignInAsync();
        var sales = await org.DepartmentAsync("Vendite");
        var url = $"/amministrazione/reparti/{sales.Id}";

        var taken = await Html.SubmitFormAsync(client, url, "department-rename", new() { ["Input.Name"] = "it" });
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var page = await Html.ParseAsync(taken);
        Assert.Contains("Esiste già un reparto con questo nome.", page.QuerySelector("#Name-error")?.TextContent);
        Assert.Equal("it", page.Value("#department-name"));

        // Its own name in another case is fine (a fix of capitals).
        var renamed = await Html.SubmitFormAsync(client, url, "department-rename", new() { ["Input.Name"] = "Vendite Italia" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Equal("Vendite Italia", (await org.DbAsync(db => db.Set<Department>().SingleAsync(d => d.Id == sales.Id))).Name);
    }

    [Fact]
    public async Task DeactivateAndReactivate_ByTheRowForms()
    {
        var org = await app.CreateOrganizationAsync("Attivi S.r.l.");
        var client = await org.SignInAsync();
        var production = await org.DepartmentAsync("Produzione");

        var off = await AdminTestKit.PostRowAsync(client, "/amministrazione/reparti", DepartmentEndpoints.DeactivatePath, production.Id);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False((await org.DepartmentAsync("Produzione")).IsActive);
        var page = await Html.GetAsync(client, "/amministrazione/reparti");
        Assert.Contains(page.QuerySelectorAll("tbody tr"), tr => tr.TextContent.Contains("Produzione") && tr.TextContent.Contains("Non attivo"));

        var on = await AdminTestKit.PostRowAsync(client, "/amministrazione/reparti", DepartmentEndpoints.ReactivatePath, production.Id);
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.True((await org.DepartmentAsync("Produzione")).IsActive);
    }

    [Fact]
    public async Task AnotherOrganizationsDepartment_IsNotFound_AndNotChanged()
    {
        var mine = await app.CreateOrganizationAsync("Mia S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Altrui S.r.l.");
        var foreign = await theirs.DepartmentAsync("Vendite");
        var client = await mine.SignInAsync();

        var page = await client.GetAsync($"/amministrazione/reparti/{foreign.Id}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("Vendite", await page.Content.ReadAsStringAsync());

        var deactivate = await AdminTestKit.PostWithTokenAsync(client, "/amministrazione/reparti", DepartmentEndpoints.DeactivatePath,
            new() { ["id"] = foreign.Id.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, deactivate.StatusCode);

        // The rename form of a foreign id is never rendered, so a forged post to it is refused by the framework.
        var rename = await AdminTestKit.PostWithTokenAsync(client, "/amministrazione/reparti", $"/amministrazione/reparti/{foreign.Id}",
            new() { ["_handler"] = "department-rename", ["Input.Name"] = "Preso" });
        Assert.False(rename.IsSuccessStatusCode);

        var after = await theirs.DepartmentAsync("Vendite");
        Assert.True(after.IsActive);
        Assert.Equal("Vendite", after.Name);
    }

    [Fact]
    public async Task NonAdministrator_IsSentToAccessDenied_AndChangesNothing()
    {
        var org = await app.CreateOrganizationAsync("Ruoli S.r.l.", ("agente@ruoli.test", Role.Agent));
        var agent = await org.SignInAsync(Role.Agent);
        foreach (var url in new[]
        {
            "/amministrazione", "/amministrazione/organizzazione", "/amministrazione/reparti", "/amministrazione/persone",
            "/amministrazione/chiavi-api", "/amministrazione/registro", "/amministrazione/registro/export.csv",
        })
        {
            var response = await agent.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/accesso-negato", Html.LocationPath(response));
        }

        var sales = await org.DepartmentAsync("Vendite");
        var post = await AdminTestKit.PostWithTokenAsync(agent, "/profilo", DepartmentEndpoints.DeactivatePath, new() { ["id"] = sales.Id.ToString() });
        Assert.StartsWith("/accesso-negato", Html.LocationPath(post));
        Assert.True((await org.DepartmentAsync("Vendite")).IsActive);

        var denied = await agent.GetAsync("/accesso-negato");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}

public sealed class DepartmentAdminTestsOnSqlite(SqliteApp app) : DepartmentAdminTests(app), IClassFixture<SqliteApp>;

public sealed class DepartmentAdminTestsOnPostgres(PostgresApp app) : DepartmentAdminTests(app), IClassFixture<PostgresApp>;
