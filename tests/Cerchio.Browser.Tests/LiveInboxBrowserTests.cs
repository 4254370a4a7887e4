using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>The open inbox follows the desk: a case opened elsewhere appears without a reload, and screen readers hear it.</summary>
public abstract class LiveInboxBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task ACaseOpenedElsewhere_AppearsInTheOpenInbox_WithoutReload()
    {
        var org = await app.App.CreateOrganizationAsync("Inbox Viva S.r.l.");
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Verdi Arredi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        var page = await app.SignedInPageAsync(org.AdminEmail);
        await page.GotoAsync("/assistenza");
        await Expect(page.Locator("#empty-state")).ToBeVisibleAsync();
        var loads = 0;
        page.Load += (_, _) => loads++;

        (await org.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Anta rigata all'arrivo", customer = new { external_id = "CLI-1" }, channel = "email" })).EnsureSuccessStatusCode();

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Anta rigata all'arrivo" })).ToBeVisibleAsync();
        await Expect(page.Locator("#live-announce")).ToContainTextAsync("#1");
        Assert.Equal(0, loads);
    }
}

public sealed class LiveInboxBrowserTestsOnSqlite(SqliteBrowserApp app) : LiveInboxBrowserTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class LiveInboxBrowserTestsOnPostgres(PostgresBrowserApp app) : LiveInboxBrowserTests(app), IClassFixture<PostgresBrowserApp>;
