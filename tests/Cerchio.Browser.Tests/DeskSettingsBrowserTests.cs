using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>The desk's settings page in Chromium: a mistake is shown next to its field, accessibly, and nothing is saved.</summary>
public abstract class DeskSettingsBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task OverlappingHours_AreShownNextToTheDay_AndThePageStaysAccessible_ThenASaveIsConfirmed()
    {
        var org = await app.App.CreateOrganizationAsync("Orari S.r.l.");
        var page = await app.SignedInPageAsync(org.AdminEmail);

        // From the inbox's own links.
        await page.GotoAsync("/assistenza");
        await page.Locator("#desk-settings-links a[href='/assistenza/impostazioni']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Impostazioni dell'assistenza");

        // Monday afternoon from 12:00 overlaps the morning until 12:30.
        await page.GetByLabel("Lunedì, seconda fascia: apertura").FillAsync("12:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva le impostazioni" }).ClickAsync();
        await Expect(page.Locator("#settings-errors")).ToBeVisibleAsync();
        await Expect(page.Locator("[id='Days[0].Slot2-error']")).ToContainTextAsync("08:30–12:30");
        await Expect(page.GetByLabel("Lunedì, seconda fascia: apertura")).ToHaveValueAsync("12:00");
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByLabel("Lunedì, seconda fascia: apertura").FillAsync("14:00");
        await page.GetByLabel("Chiusura 1: nome").FillAsync("Sant'Ambrogio");
        await page.GetByLabel("Chiusura 1: dal").FillAsync("2026-12-07");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva le impostazioni" }).ClickAsync();
        await Expect(page.Locator("#settings-saved")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Chiusura 1: nome")).ToHaveValueAsync("Sant'Ambrogio");
        await Accessibility.AssertAccessibleAsync(page);
    }
}

public sealed class DeskSettingsBrowserTestsOnSqlite(SqliteBrowserApp app) : DeskSettingsBrowserTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class DeskSettingsBrowserTestsOnPostgres(PostgresBrowserApp app) : DeskSettingsBrowserTests(app), IClassFixture<PostgresBrowserApp>;
