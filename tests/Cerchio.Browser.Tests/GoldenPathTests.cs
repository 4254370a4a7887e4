using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>A person goes through Cerchio in Chromium: set-up, sign-in, and the pages after, each checked with axe-core.</summary>
public abstract class GoldenPathTests(BrowserApp app)
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

public sealed class GoldenPathTestsOnSqlite(SqliteBrowserApp app) : GoldenPathTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class GoldenPathTestsOnPostgres(PostgresBrowserApp app) : GoldenPathTests(app), IClassFixture<PostgresBrowserApp>;
