using System.Net.Http.Json;
using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>
/// The CX lead's journey map, in Chromium: she opens the default journey, drags a card to another stage, colours the
/// cards by complaints with her thresholds, sees Consegna turn red once complaints are logged on it, follows the
/// number to the cases behind it, and prints the map with its print stylesheet. The map's pages pass axe-core.
/// </summary>
public abstract class JourneyMapBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task CxLead_MovesACard_SetsTheHeat_SeesConsegnaRed_FollowsTheNumberToTheCases_AndPrintsTheMap()
    {
        var org = await app.App.CreateOrganizationAsync("Mappa Browser S.r.l.");
        var lead = $"giulia.{Guid.NewGuid():N}@example.test";
        await app.App.InOrganizationAsync(org.Id, async services =>
        {
            var added = await services.GetRequiredService<IOrganizationProvisioning>()
                .AddPersonAsync(new NewPerson("Giulia Conti", lead, TestOrganization.Password, Role.CxLead, "Direzione"));
            Assert.False(added.Errors.Any);
            return 0;
        });

        var page = await app.SignedInPageAsync(lead);
        await page.GotoAsync("/viaggi/mappe");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cliente B2B" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Cliente B2B");
        await Accessibility.AssertAccessibleAsync(page);

        // Drag the invoice from Consegna into Acquisto (SortableJS posts the drop; the page comes back with it there).
        var acquisto = page.Locator("ul.journey-cards").Nth(2);
        var consegna = page.Locator("ul.journey-cards").Nth(3);
        await Expect(consegna.Locator("[data-touchpoint=fattura]")).ToHaveCountAsync(1);
        await page.WaitForFunctionAsync("() => window.Sortable !== undefined");
        await consegna.Locator("[data-touchpoint=fattura] .tp-name").DragToAsync(acquisto.Locator("[data-touchpoint=email]"));
        await Expect(page.Locator("ul.journey-cards").Nth(2).Locator("[data-touchpoint=fattura]")).ToHaveCountAsync(1);
        await Expect(page.Locator("ul.journey-cards").Nth(3).Locator("[data-touchpoint=fattura]")).ToHaveCountAsync(0);

        // Colour by complaints: amber from 1, red from 2.
        await page.Locator("#heat-settings summary").ClickAsync();
        await page.GetByLabel("Metrica").SelectOptionAsync("complaints");
        await page.GetByLabel("Giallo da").FillAsync("1");
        await page.GetByLabel("Rosso da").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva le soglie" }).ClickAsync();
        await Expect(page.Locator("#heat-legend")).ToContainTextAsync("Reclami");
        await Expect(page.Locator("[data-touchpoint=consegna]").First).ToHaveAttributeAsync("data-heat", "none");   // nothing measured yet

        // Two complaints about deliveries and a request: Consegna turns red and says so in words.
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi Costruzioni S.r.l.", external_id = "BC-1" })).EnsureSuccessStatusCode();
        foreach (var (subject, type) in new[] { ("Consegna in ritardo di due settimane", "complaint"), ("Colli danneggiati", "complaint"), ("Cambio indirizzo", "request") })
        {
            (await api.PostAsJsonAsync("/api/v1/cases", new { subject, customer = new { external_id = "BC-1" }, channel = "email", type, touchpoint = "consegna", text = subject }))
                .EnsureSuccessStatusCode();
        }

        await page.ReloadAsync();
        var card = page.Locator("ul.journey-cards [data-touchpoint=consegna]").First;
        await Expect(card).ToHaveAttributeAsync("data-heat", "red");
        await Expect(card.Locator("[data-heat-label]")).ToHaveTextAsync("Critico");
        await Expect(page.Locator("[data-lane=pains] [data-confirmed]").First).ToContainTextAsync("2 reclami su «Consegna»");
        await Accessibility.AssertAccessibleAsync(page);

        // The number opens the cases behind it.
        await card.Locator("[data-metric=complaints] a.tp-number").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/assistenza\\?"));
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("tbody")).ToContainTextAsync("Consegna in ritardo di due settimane");
        await Expect(page.Locator("tbody")).Not.ToContainTextAsync("Cambio indirizzo");

        // Printed: no app chrome and no controls, the map alone (the print stylesheet applies).
        await page.GoBackAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("header")).ToBeHiddenAsync();
        await Expect(page.Locator("#heat-settings")).ToBeHiddenAsync();
        await Expect(page.Locator(".map-controls").First).ToBeHiddenAsync();
        await Expect(page.Locator("#journey-map")).ToBeVisibleAsync();
        var pdf = await page.PdfAsync(new() { PreferCSSPageSize = true });
        Assert.True(pdf.Length > 1000);
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // Workshop mode: no chrome, large type; the stage page and the share page pass axe-core too.
        await page.GetByRole(AriaRole.Link, new() { Name = "Modalità workshop" }).ClickAsync();
        await Expect(page.Locator("header")).ToBeHiddenAsync();
        await Expect(page.Locator("#journey-map")).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Esci dal workshop" }).ClickAsync();
        await page.Locator("[data-edit-stage]").Nth(3).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Consegna");
        await Accessibility.AssertAccessibleAsync(page);
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Condividi" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Crea il link" }).ClickAsync();
        var shared = await page.Locator("#new-share-url").InputValueAsync();
        await Accessibility.AssertAccessibleAsync(page);
        var outsider = await app.NewPageAsync();
        await outsider.GotoAsync(shared);
        await Expect(outsider.Locator("ul.journey-cards [data-touchpoint=consegna]").First).ToHaveAttributeAsync("data-heat", "red");
        await Accessibility.AssertAccessibleAsync(outsider);
        await outsider.CloseAsync();
    }
}

public sealed class JourneyMapBrowserTestsOnSqlite(SqliteBrowserApp app) : JourneyMapBrowserTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class JourneyMapBrowserTestsOnPostgres(PostgresBrowserApp app) : JourneyMapBrowserTests(app), IClassFixture<PostgresBrowserApp>;
