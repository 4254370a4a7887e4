using System.Text;
using Cerchio.Tenancy;
using System.Net;
using Cerchio.Organizations.Domain;
using Cerchio.Tests.Infrastructure;

namespace Cerchio.Tests.Organizations;

public abstract class AuditLogTests(AppFixture app)
{
    private static async Task RenameAsync(HttpClient client, Guid departmentId, string name)
    {
        var response = await Html.SubmitFormAsync(client, $"/amministrazione/reparti/{departmentId}", "department-rename", new() { ["Input.Name"] = name });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task DepartmentRename_IsShownAsOldToNew_WithFilters()
    {
        var org = await app.CreateOrganizationAsync("Registro S.r.l.");
        var client = await org.SignInAsync();
        await RenameAsync(client, (await org.DepartmentAsync("Vendite")).Id, "Vendite Italia");

        var page = await Html.GetAsync(client, "/amministrazione/registro?tipo=Department");
        var rows = page.QuerySelectorAll("#audit-log tbody tr");
        var rename = rows.First();   // newest first
        Assert.Contains("Admin Registro S.r.l.", rename.TextContent);
        Assert.Contains("Modifica", rename.TextContent);
        var change = rename.QuerySelectorAll("li").Single();
        Assert.StartsWith("Name", change.TextContent.Trim());
        Assert.Equal("Vendite", change.QuerySelector(".audit-old")?.TextContent);
        Assert.Equal("Vendite Italia", change.QuerySelector(".audit-new")?.TextContent);
        Assert.All(rows, r => Assert.Contains("Reparto", r.TextContent));

        // The administrator created the organization (and its default departments) and renamed one.
        var byActor = await Html.GetAsync(client, "/amministrazione/registro?tipo=Department&autore=" + Uri.EscapeDataString($"Admin Registro S.r.l. <{org.AdminEmail}>"));
        Assert.Equal(Department.Defaults.Length + 1, byActor.QuerySelectorAll("#audit-log tbody tr").Length);
        var nobody = await Html.GetAsync(client, "/amministrazione/registro?tipo=Department&autore=nessuno");
        Assert.Null(nobody.QuerySelector("#audit-log"));

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var around = await Html.GetAsync(client, $"/amministrazione/registro?tipo=Department&dal={today.AddDays(-1):yyyy-MM-dd}&al={today.AddDays(1):yyyy-MM-dd}");
        Assert.Contains("Vendite Italia", around.QuerySelector("#audit-log")?.TextContent);
        var future = await Html.GetAsync(client, $"/amministrazione/registro?dal={today.AddDays(2):yyyy-MM-dd}");
        Assert.Null(future.QuerySelector("#audit-log"));
        Assert.Contains("Nessuna modifica con questi filtri.", future.Body!.TextContent);
    }

    [Fact]
    public async Task Log_IsPaged_NewestFirst_AndShowsOnlyThisOrganization()
    {
        var org = await app.CreateOrganizationAsync("Pagine S.r.l.");
        var other = await app.CreateOrganizationAsync("Segreti S.r.l.");
        await RenameAsync(await other.SignInAsync(), (await other.DepartmentAsync("IT")).Id, "Reparto Segreto");
        await org.DbAsync(db =>
        {
            db.AddRange(Enumerable.Range(1, 60).Select(i => new Department { Id = Ids.New(), Name = $"Reparto {i:00}", SortOrder = 100 + i }));
            return db.SaveChangesAsync();
        });
        var client = await org.SignInAsync();

        var first = await Html.GetAsync(client, "/amministrazione/registro");
        Assert.Equal(50, first.QuerySelectorAll("#audit-log tbody tr").Length);
        Assert.NotNull(first.QuerySelector("a.page-link[href*='pagina=2']"));
        var second = await Html.GetAsync(client, "/amministrazione/registro?pagina=2");
        var total = 50 + second.QuerySelectorAll("#audit-log tbody tr").Length;
        Assert.True(total > 60, $"{total} entries");
        Assert.DoesNotContain("Reparto Segreto", first.Body!.TextContent + second.Body!.TextContent);
        Assert.DoesNotContain("Segreti", first.QuerySelector("#filter-actor")!.TextContent);
    }

    [Fact]
    public async Task CsvExport_HasTheFilteredRowsOfThisOrganizationOnly()
    {
        var org = await app.CreateOrganizationAsync("Export S.r.l.");
        var other = await app.CreateOrganizationAsync("Altro Export S.r.l.");
        await RenameAsync(await org.SignInAsync(), (await org.DepartmentAsync("Logistica e magazzino")).Id, "=Logistica; \"centrale\"");
        await RenameAsync(await other.SignInAsync(), (await other.DepartmentAsync("IT")).Id, "Informatica Altrui");
        var client = await org.SignInAsync();

        var response = await client.GetAsync("/amministrazione/registro/export.csv?tipo=Department");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Data e ora;Autore;Oggetto;Identificativo;Azione;Modifiche", lines[0]);
        Assert.Equal(Department.Defaults.Length + 1, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(";Department;", l));
        Assert.Contains("Modifica", lines[1]);   // newest first
        Assert.Contains("Logistica", lines[1]);
        Assert.DoesNotContain("Informatica Altrui", csv);
        Assert.DoesNotContain(";ApiKey;", csv);

        var xlsx = await client.GetByteArrayAsync("/amministrazione/registro/export.xlsx?tipo=Department");
        var sheet = Cerchio.Tests.Customers.ImportTestKit.ReadXlsx(xlsx);
        Assert.Equal(["Data e ora", "Autore", "Oggetto", "Identificativo", "Azione", "Modifiche"], sheet[0]);
        Assert.Equal(lines.Length, sheet.Count);
        Assert.Contains("Logistica", sheet[1][5]);
    }
}

public sealed class AuditLogTestsOnSqlite(SqliteApp app) : AuditLogTests(app), IClassFixture<SqliteApp>;

public sealed class AuditLogTestsOnPostgres(PostgresApp app) : AuditLogTests(app), IClassFixture<PostgresApp>;

public abstract class ListExportTests(AppFixture app)
{
    [Fact]
    public async Task PeopleAndDepartments_ExportAsCsvAndExcel_ForAdministratorsOnly()
    {
        var org = await app.CreateOrganizationAsync("Elenchi S.r.l.", ("operatore@elenchi.test", Role.Agent));
        await app.CreateOrganizationAsync("Altri Elenchi S.r.l.", ("estraneo@altri.test", Role.Agent));
        var client = await org.SignInAsync();

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/amministrazione/persone/export.csv")).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Nome;Email;Ruolo;Reparto;Stato", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("operatore@elenchi.test;operatore@elenchi.test;Operatore customer service;IT;Attiva", StringComparison.Ordinal));
        Assert.DoesNotContain("estraneo", csv);

        var sheet = Cerchio.Tests.Customers.ImportTestKit.ReadXlsx(await client.GetByteArrayAsync("/amministrazione/reparti/export.xlsx"));
        Assert.Equal(["Nome", "Persone", "Stato"], sheet[0]);
        Assert.Equal(Department.Defaults.Length + 1, sheet.Count);
        Assert.Equal(["IT", "1", "Attivo"], sheet.Single(r => r[0] == "IT"));

        var agent = await org.SignInAsync(Role.Agent);
        Assert.StartsWith("/accesso-negato", Html.LocationPath(await agent.GetAsync("/amministrazione/persone/export.csv")));
    }
}

public sealed class ListExportTestsOnSqlite(SqliteApp app) : ListExportTests(app), IClassFixture<SqliteApp>;

public sealed class ListExportTestsOnPostgres(PostgresApp app) : ListExportTests(app), IClassFixture<PostgresApp>;
