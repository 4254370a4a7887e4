using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>Quick capture by keyboard in Chromium: from any page, three actions to a saved case.</summary>
public abstract class QuickCaptureBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task PressC_TypeTheCustomerAndEnter_TypeTheNoteAndEnter_SavesTheCase()
    {
        var org = await app.App.CreateOrganizationAsync("Cattura Rapida S.r.l.");
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi Costruzioni S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        var page = await app.SignedInPageAsync(org.AdminEmail);
        await page.GotoAsync("/clienti");

        // 1. c, from whatever page.
        await page.Keyboard.PressAsync("c");
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/assistenza/nuova");
        await Expect(page.Locator("#customer-search")).ToBeFocusedAsync();

        // 2. The customer as typed; Enter takes the match.
        await page.Keyboard.TypeAsync("bianchi");
        await Expect(page.Locator("#customer-results input[type=radio]")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#note")).ToBeFocusedAsync();
        await Expect(page.Locator("#customer-results input[type=radio]")).ToBeCheckedAsync();

        // 3. The note; Enter saves (the subject comes from its first words).
        await page.Keyboard.TypeAsync("Chiede il preventivo per il capannone");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/assistenza/pratiche/[0-9]+$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Chiede il preventivo per il capannone");
        await Expect(page.Locator("#case-customer")).ToContainTextAsync("Bianchi Costruzioni S.r.l.");
        await Accessibility.AssertAccessibleAsync(page);

        // Shortcuts never fire inside a text field: a c typed in the note is a letter.
        var url = page.Url;
        await page.Locator("#note-text").FocusAsync();
        await page.Keyboard.TypeAsync("c");
        await Expect(page.Locator("#note-text")).ToHaveValueAsync("c");
        Assert.Equal(url, page.Url);
    }
}

public sealed class QuickCaptureBrowserTestsOnSqlite(SqliteBrowserApp app) : QuickCaptureBrowserTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class QuickCaptureBrowserTestsOnPostgres(PostgresBrowserApp app) : QuickCaptureBrowserTests(app), IClassFixture<PostgresBrowserApp>;
