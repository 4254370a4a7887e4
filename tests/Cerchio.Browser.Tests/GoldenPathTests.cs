using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>The first visit to an empty installation, in Chromium (its own database: set-up happens once).</summary>
public abstract class SetupBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task SetUp_SignOut_SignIn()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/configurazione");
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByLabel("Ragione sociale").FillAsync("Arredi Bianchi S.r.l.");
        await page.GetByLabel("Nome e cognome").FillAsync("Marta Bianchi");
        await page.GetByLabel("Email").FillAsync("marta@arredibianchi.test");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Arredi-2026x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Crea e accedi" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Arredi Bianchi S.r.l.");
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Marta Bianchi" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Esci" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/accedi");
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByLabel("Email").FillAsync("marta@arredibianchi.test");
        await page.GetByLabel("Password").FillAsync("Arredi-2026x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accedi" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Arredi Bianchi S.r.l.");
    }
}

/// <summary>A person works with customers in Chromium; every page visited is checked with axe-core.</summary>
public abstract class GoldenPathTests(BrowserApp app)
{
    [Fact]
    public async Task CreateCustomer_AddContact_ReadTimeline_InItalianThenEnglish()
    {
        var org = await app.App.CreateOrganizationAsync("Rossi Arredamenti Test S.r.l.");
        var page = await app.SignedInPageAsync(org.AdminEmail);

        await page.GetByRole(AriaRole.Link, new() { Name = "Clienti", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Clienti");
        await Accessibility.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Nuovo cliente" }).ClickAsync();
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByLabel("Ragione sociale (aziende)").FillAsync("Bianchi Costruzioni S.r.l.");
        await page.GetByLabel("Partita IVA").FillAsync("0123456789");   // one digit short
        await page.GetByLabel("Email").FillAsync("info@bianchicostruzioni.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Crea cliente" }).ClickAsync();
        await Expect(page.Locator("#VatNumber-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Ragione sociale (aziende)")).ToHaveValueAsync("Bianchi Costruzioni S.r.l.");
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByLabel("Partita IVA").FillAsync("01234567897");
        await page.GetByRole(AriaRole.Button, new() { Name = "Crea cliente" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bianchi Costruzioni S.r.l.");
        await Expect(page.Locator("#timeline > li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Cliente creato");

        await page.GetByText("Aggiungi contatto").ClickAsync();
        await page.Locator("#contact-first").FillAsync("Maria");
        await page.Locator("#contact-last").FillAsync("Bianchi");
        await page.Locator("#contact-email").FillAsync("maria@bianchicostruzioni.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aggiungi", Exact = true }).ClickAsync();
        await Expect(page.Locator("#timeline > li")).ToHaveCountAsync(2);
        await Expect(page.GetByText("maria@bianchicostruzioni.test")).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(page);

        await page.GotoAsync("/profilo");
        await Accessibility.AssertAccessibleAsync(page);
        await page.GetByLabel("Lingua dell'interfaccia").SelectOptionAsync("en");
        await page.Locator("form:has(#language) button[type=submit]").ClickAsync();
        await page.GotoAsync("/clienti");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Customers");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Accessibility.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task ImportXlsx_WithOneBadRow_ReportsIt_ImportsTheRest_AndTheTimelineShowsIt()
    {
        var org = await app.App.CreateOrganizationAsync("Import Browser S.r.l.");
        var page = await app.SignedInPageAsync(org.AdminEmail);
        var file = Path.Combine(Path.GetTempPath(), $"clienti-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(file, Cerchio.Tests.Customers.ImportTestKit.Xlsx(
            ["Ragione sociale", "Partita IVA", "E-mail", "Città", "Codice cliente"],
            ["Bianchi Costruzioni S.r.l.", "01234567897", "info@bianchicostruzioni.test", "Padova", "CLI-1"],
            ["Verdi Interni S.r.l.", "12345", "info@verdi.test", "Vicenza", "CLI-2"],
            ["Neri Legnami S.r.l.", "", "info@neri.test", "Treviso", "CLI-3"]));

        // From the sidebar's Clienti section.
        await page.Locator("#sidebar").GetByRole(AriaRole.Link, new() { Name = "Importa da Excel o CSV", Exact = true }).ClickAsync();
        await Accessibility.AssertAccessibleAsync(page);
        await page.GetByLabel("File da importare").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Carica e controlla" }).ClickAsync();

        // The report names the bad row as Excel numbers it (header = row 1) and why.
        var report = page.Locator("#import-report");
        await Expect(report).ToContainTextAsync("3");
        await Expect(report).ToContainTextAsync("partita IVA");
        await Expect(page.Locator("#import-preview")).ToContainTextAsync("Bianchi Costruzioni S.r.l.");
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByLabel("Importa solo le righe valide").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Importa solo le 2 righe valide" }).ClickAsync();
        await Expect(page.Locator("#import-created")).ToHaveTextAsync("2", new() { Timeout = 30_000 });   // htmx polls the progress
        await Expect(page.Locator("#import-skipped")).ToHaveTextAsync("1");
        await Accessibility.AssertAccessibleAsync(page);

        await page.GotoAsync("/clienti?q=bianchi");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bianchi Costruzioni S.r.l." }).ClickAsync();
        await Expect(page.Locator("#timeline > li[data-type=customer_created]")).ToContainTextAsync("import");
        await Expect(page.Locator("#details-title + dl")).ToContainTextAsync("01234567897");
        await Accessibility.AssertAccessibleAsync(page);
        File.Delete(file);
    }

}

public sealed class SetupBrowserTestsOnSqlite(SqliteBrowserApp app) : SetupBrowserTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class SetupBrowserTestsOnPostgres(PostgresBrowserApp app) : SetupBrowserTests(app), IClassFixture<PostgresBrowserApp>;

public sealed class GoldenPathTestsOnSqlite(SqliteBrowserApp app) : GoldenPathTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class GoldenPathTestsOnPostgres(PostgresBrowserApp app) : GoldenPathTests(app), IClassFixture<PostgresBrowserApp>;
