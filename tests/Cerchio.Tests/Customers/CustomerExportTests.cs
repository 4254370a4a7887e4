using System.Net;
using System.Text;
using Cerchio.Customers.Domain;
using Cerchio.Customers.Features.Records;
using Cerchio.Data;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using static Cerchio.Tests.Customers.EnglishSession;
using static Cerchio.Tests.Customers.ImportTestKit;

namespace Cerchio.Tests.Customers;

public abstract class CustomerExportTests(AppFixture app)
{
    private async Task<TestOrganization> OrganizationWithCustomersAsync(string name, params CustomerDetails[] customers)
    {
        var agent = $"agent-{Guid.NewGuid():N}@example.test";
        var org = await app.CreateOrganizationAsync(name, (agent, Role.Agent));
        await app.InOrganizationAsync(org.Id, async sp =>
        {
            var records = sp.GetRequiredService<CustomerRecords>();
            foreach (var details in customers)
            {
                var (_, errors) = await records.CreateAsync(details, "test");
                Assert.False(errors.Any, string.Join(", ", errors.All.Select(e => e.Message.Text)));
            }

            return await sp.GetRequiredService<CerchioDb>().SaveChangesAsync();
        });
        return org;
    }

    private static CustomerDetails Company(string name, string? email = null, Dictionary<string, string>? attributes = null) =>
        new() { Kind = CustomerKind.Company, Name = name, Email = email, Attributes = attributes };

    private static CustomerDetails Person(string first, string last, string? email = null) =>
        new() { Kind = CustomerKind.Person, FirstName = first, LastName = last, Email = email };

    private Task<TestOrganization> ShopAsync() => OrganizationWithCustomersAsync(
        "Export S.r.l.",
        Company("Rossi Arredamenti S.r.l.", "info@rossi-arredamenti.test", new() { ["Settore"] = "Arredo" }),
        Company("Rossi Cucine S.p.A.", "info@rossi-cucine.test", new() { ["Zona"] = "Nord" }),
        Person("Mario", "Rossi", "mario.rossi@example.test"),
        Company("Bianchi S.r.l.", "info@bianchi.test"),
        Company("=SOMMA(1;2) S.r.l."));

    private static List<string[]> ParseCsv(byte[] content)
    {
        Assert.True(content.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "the CSV must start with a UTF-8 BOM");
        var text = Encoding.UTF8.GetString(content.AsSpan(3));
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { Separator = ';', HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(reader.Current.ToArray());
        }

        return rows;
    }

    private static string Cell(List<string[]> rows, string[] row, string header) => row[Array.IndexOf(rows[0], header)];

    [Fact]
    public async Task Csv_HoldsExactlyTheListsCustomers_WithBomSemicolonsAndAttributeColumns()
    {
        var org = await ShopAsync();
        await OrganizationWithCustomersAsync("Export Altri S.r.l.", Company("Rossi Estranei S.r.l.", attributes: new() { ["Segreto"] = "x" }));
        var client = await org.SignInAsync();

        var response = await client.GetAsync("/clienti/export.csv?q=rossi&tipo=aziende");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var rows = ParseCsv(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(
            ["Tipo", "Ragione sociale", "Nome (persona)", "Cognome", "Partita IVA", "Codice fiscale", "Email", "Telefono", "Indirizzo", "CAP", "Città", "Provincia", "Nazione", "Codice cliente", "Lingua", "Consenso sondaggi", "Settore", "Zona"],
            rows[0]);
        Assert.Equal(["Rossi Arredamenti S.r.l.", "Rossi Cucine S.p.A."], rows.Skip(1).Select(r => Cell(rows, r, "Ragione sociale")));
        Assert.Equal("Arredo", Cell(rows, rows[1], "Settore"));
        Assert.Equal("", Cell(rows, rows[1], "Zona"));
        Assert.Equal("Nord", Cell(rows, rows[2], "Zona"));
        Assert.Equal("azienda", Cell(rows, rows[1], "Tipo"));

        // Everything, on every page of the list: the five of this organization, none of the other one.
        var all = ParseCsv(await client.GetByteArrayAsync("/clienti/export.csv"));
        Assert.Equal(6, all.Count);
        Assert.DoesNotContain(all, r => r.Any(c => c.Contains("Estranei", StringComparison.Ordinal) || c == "Segreto"));
        // A value Excel would run as a formula is written as text.
        Assert.Contains(all, r => Cell(all, r, "Ragione sociale") == "'=SOMMA(1;2) S.r.l.");
    }

    [Fact]
    public async Task Xlsx_IsARealWorkbookWithTheFilteredCustomers_AndAgentsMayDownloadIt()
    {
        var org = await ShopAsync();
        var agent = await org.SignInAsync(Role.Agent);

        var response = await agent.GetAsync("/clienti/export.xlsx?tipo=persone");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var rows = ReadXlsx(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, rows.Count);
        Assert.Equal("Ragione sociale", rows[0][1]);
        Assert.Equal(["persona", "Mario Rossi", "Mario", "Rossi"], rows[1].Take(4));
        Assert.Contains("mario.rossi@example.test", rows[1]);

        var companies = ReadXlsx(await agent.GetByteArrayAsync("/clienti/export.xlsx?tipo=aziende&q=rossi"));
        Assert.Equal(["Rossi Arredamenti S.r.l.", "Rossi Cucine S.p.A."], companies.Skip(1).Select(r => r[1]));
        Assert.Equal(["Settore", "Zona"], companies[0].Skip(16));
    }

    [Fact]
    public async Task EnglishSession_GetsEnglishHeaders()
    {
        var org = await ShopAsync();
        var client = await SignInInEnglishAsync(app, org);
        var rows = ReadXlsx(await client.GetByteArrayAsync("/clienti/export.xlsx?q=bianchi"));
        Assert.Equal(["Type", "Company name", "First name (person)", "Last name", "VAT number"], rows[0].Take(5));
        Assert.Equal(["company", "Bianchi S.r.l."], rows[1].Take(2));
    }

    [Fact]
    public async Task Export_WithoutSession_RedirectsToSignIn()
    {
        var response = await app.Browser().GetAsync("/clienti/export.csv");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/accedi", Html.LocationPath(response));
    }

    [Fact]
    public async Task ExportedFile_ImportsBack_UpdatingTheSameCustomers()
    {
        var org = await ShopAsync();
        var client = await org.SignInAsync();
        var export = await client.GetByteArrayAsync("/clienti/export.xlsx");

        var jobPath = await UploadAcceptedAsync(client, "export.xlsx", export);
        await ConfirmAsync(client, jobPath);
        var job = await WaitForFinishAsync(app, org.Id, JobId(jobPath));
        // The formula-looking name has no key to match on (no code, email or VAT): it is the one new customer.
        Assert.Equal((ImportStatus.Completed, 1, 4), (job.Status, job.Created, job.Updated));
        Assert.Equal(6, (await CustomersAsync(app, org.Id)).Count);
    }
}

public sealed class CustomerExportTestsOnSqlite(SqliteApp app) : CustomerExportTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerExportTestsOnPostgres(PostgresApp app) : CustomerExportTests(app), IClassFixture<PostgresApp>;
