using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>The service report in Chromium: Chart.js (from npm, served from wwwroot/lib) draws the series; the page stays accessible, in Italian and in English.</summary>
public abstract class ServiceReportBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Report_DrawsTheChart_AndIsAccessible_InBothLanguages()
    {
        var org = await app.App.CreateOrganizationAsync("Report Grafico S.r.l.");
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi Costruzioni S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        (await org.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Consegna in ritardo", customer = new { external_id = "CLI-1" }, channel = "phone" })).EnsureSuccessStatusCode();
        var page = await app.SignedInPageAsync(org.AdminEmail);

        // From the sidebar, then a grouping picked in the form.
        await page.Locator("#sidebar a[href='/assistenza/report']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Report dell'assistenza");
        await page.Locator("#r-per").SelectOptionAsync("channel");
        await page.Locator("#report-filters button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("per=channel"));
        await Expect(page.Locator("#groups-table tr[data-group=phone]")).ToContainTextAsync("Telefono");
        await page.WaitForFunctionAsync("() => window.Chart && Chart.getChart(document.getElementById('report-chart'))?.data.datasets[0].data.reduce((a, b) => a + b, 0) === 1");
        await Accessibility.AssertAccessibleAsync(page);

        await page.GotoAsync("/profilo");
        await page.Locator("#language").SelectOptionAsync("en");
        await page.Locator("form:has(#language) button[type=submit]").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GotoAsync("/assistenza/report?per=channel");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Service desk report");
        await Expect(page.Locator("#groups-table tr[data-group=phone]")).ToContainTextAsync("Phone");
        await page.WaitForFunctionAsync("() => window.Chart && Chart.getChart(document.getElementById('report-chart'))");
        await Accessibility.AssertAccessibleAsync(page);
    }
}

public sealed class ServiceReportBrowserTestsOnSqlite(SqliteBrowserApp app) : ServiceReportBrowserTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class ServiceReportBrowserTestsOnPostgres(PostgresBrowserApp app) : ServiceReportBrowserTests(app), IClassFixture<PostgresBrowserApp>;
