using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>
/// Every page the app maps (read from its endpoints, so a new page is covered without touching this test) passes
/// axe-core's serious and critical rules, in Italian and in English, signed in as an administrator.
/// </summary>
public abstract partial class EveryPageAccessibilityTests(BrowserApp app)
{
    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex Parameter();

    [Theory]
    [InlineData("it")]
    [InlineData("en")]
    public async Task EveryPage_IsAccessible(string language)
    {
        var org = await app.App.CreateOrganizationAsync($"Accessibile {language} S.r.l.");
        var customer = await (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi Costruzioni S.r.l.", external_id = "CLI-1" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var opened = await (await org.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Consegna in ritardo", customer = new { external_id = "CLI-1" }, channel = "email", text = "La consegna doveva arrivare ieri." }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        // The customer writes again with an HTML email and a file: the case page shows attachment chips and, on request, the HTML.
        var number = opened.GetProperty("number").GetInt32();
        (await org.Api().PostAsJsonAsync("/api/v1/inbound/email", new
        {
            from = "Mario Bianchi <mario@bianchi.test>",
            to = new[] { "assistenza@example.test" },
            subject = $"Re: Consegna in ritardo [#{number}]",
            text = "Vi allego la bolla.",
            html = "<p>Vi allego la <b>bolla</b>.</p><p><img src=\"https://tracker.example/p.gif\" alt=\"Logo\"></p>",
            attachments = new[] { new { filename = "bolla di consegna.pdf", content_type = "application/pdf", content = Convert.ToBase64String("%PDF-1.4"u8.ToArray()) } },
        })).EnsureSuccessStatusCode();
        // A second case of the same customer: the case page offers it in "Unisci a un'altra pratica".
        var second = (await (await org.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Consegna in ritardo (telefonata)", customer = new { external_id = "CLI-1" }, channel = "phone" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
        // A note that mentions the administrator: the case page highlights it, /notifiche lists it, the bell counts it.
        (await org.Api().PostAsJsonAsync($"/api/v1/cases/{number}/notes", new { text = $"@Admin {org.Name} puoi guardare?" })).EnsureSuccessStatusCode();
        var entries = await org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}/entries");
        var withHtml = entries.EnumerateArray().Last(e => e.GetProperty("kind").GetString() == "customer_message").GetProperty("id").GetString();
        // A public article with its English version: the help page lists it, its public page and the staff's show it.
        var article = await (await org.Api().PostAsJsonAsync("/api/v1/articles", new { title = "Consegne e ritardi", body = "La **consegna** arriva in 5 giorni lavorativi.", category = "Consegne", status = "published", is_public = true }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var articleId = article.GetProperty("id").GetString()!;
        (await org.Api().PostAsJsonAsync("/api/v1/articles", new { title = "Deliveries and delays", body = "Delivery takes 5 working days.", language = "en", status = "published", is_public = true, translation_of = articleId }))
            .EnsureSuccessStatusCode();
        // A persona tied to the customers by an attribute: the cards show its count, its form the link.
        var persona = await (await org.Api().PostAsJsonAsync("/api/v1/personas", new { name = "Il geometra di cantiere", segment = "Imprese edili", match_attribute = "segmento", match_value = "A", quote = "Se il camion non arriva, fermo dieci operai." }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["PersonaId"] = persona.GetProperty("id").GetString()!,
            ["ArticleId"] = articleId,
            ["CustomerId"] = customer.GetProperty("id").GetString()!,
            ["Number"] = opened.GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Slug"] = await Cerchio.Tests.Infrastructure.ContactForms.SlugAsync(app.App, org.Id),
            ["Code"] = "fattura",   // a default touchpoint: its edit page
        };

        var page = await app.SignedInPageAsync(org.AdminEmail);
        if (language == "en")
        {
            await page.GotoAsync("/profilo");
            await page.Locator("#language").SelectOptionAsync("en");
            await page.Locator("form:has(#language) button[type=submit]").ClickAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        }

        var visited = new List<string>();
        var pages = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => e.RoutePattern.RawText!)
            .Where(r => r is not "/configurazione" and not "/accedi" && !r.StartsWith("/invito/", StringComparison.Ordinal))   // need no session or an empty install
            .Distinct();
        foreach (var route in pages)
        {
            if (Parameter().Matches(route).Any(m => !ids.ContainsKey(m.Groups[1].Value)))
            {
                continue;   // pages of records this test does not create are covered by their own browser tests
            }

            var url = Parameter().Replace(route, m => ids[m.Groups[1].Value]);
            await page.GotoAsync(url);
            await Accessibility.AssertAccessibleAsync(page);
            visited.Add(url);
        }

        // The help page's search results, in English too, and the case page's article search without JavaScript.
        await page.GotoAsync($"/aiuto/{ids["Slug"]}?q=consegne");
        await Expect(page.Locator("#help-results [data-article]")).ToHaveCountAsync(1);
        await Accessibility.AssertAccessibleAsync(page);
        await page.GotoAsync($"/aiuto/{ids["Slug"]}?lang=en&q=delivery");
        await Expect(page.Locator("#help-results [data-article]")).ToHaveCountAsync(1);
        await Accessibility.AssertAccessibleAsync(page);
        await page.GotoAsync($"/assistenza/pratiche/{number}?q=consegne");
        await Expect(page.Locator("#article-results [data-article]")).ToHaveCountAsync(1);
        await Accessibility.AssertAccessibleAsync(page);

        // The case page with one email shown as HTML in its frame.
        await page.GotoAsync($"/assistenza/pratiche/{number}?html={withHtml}");
        await Expect(page.Locator("iframe.email-html")).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(page);

        // Merging from the case page: the confirmation naming both, then the merged case pointing to where it went.
        await page.GotoAsync($"/assistenza/pratiche/{second}");
        await page.Locator("#merge-into").SelectOptionAsync(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("form:has(#merge-into) button[type=submit]").ClickAsync();
        await Expect(page.Locator("#merge-confirm")).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(page);
        await page.Locator("#merge-confirm button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/assistenza/pratiche/{number}$"));
        await Expect(page.Locator("#merged-here")).ToBeVisibleAsync();
        await page.GotoAsync($"/assistenza/pratiche/{second}");
        await Expect(page.Locator("#merged-into")).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(page);

        // The owner's view of a department with its touchpoints, numbers and open cases (the administrator chooses it).
        (await org.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Collo danneggiato", customer = new { external_id = "CLI-1" }, channel = "phone", type = "complaint", touchpoint = "consegna" }))
            .EnsureSuccessStatusCode();
        var logistics = (await org.Api().GetFromJsonAsync<JsonElement>("/api/v1/touchpoints/consegna")).GetProperty("owner_department_id").GetString();
        await page.GotoAsync($"/viaggi/i-miei-touchpoint?reparto={logistics}");
        await Expect(page.Locator("section[data-touchpoint=consegna] tr[data-metric=cases] td:not([data-previous]) a")).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(page);

        // The events behind a card's number, with rows, and with a bad date said next to its field.
        (await org.Api().PostAsJsonAsync("/api/v1/events", new
        {
            events = new[] { new { id = "ord-1", type = "delivered", customer = new { external_id = "CLI-1" }, occurred_at = DateTimeOffset.UtcNow.AddHours(-1).ToString("O"), touchpoint = "consegna" } },
        })).EnsureSuccessStatusCode();
        await page.GotoAsync("/clienti/eventi?touchpoint=consegna");
        await Expect(page.Locator("#events tbody tr")).ToHaveCountAsync(1);
        await Accessibility.AssertAccessibleAsync(page);
        await page.GotoAsync("/clienti/eventi?touchpoint=consegna&dal=ieri");
        await Expect(page.Locator("#dal-error")).Not.ToBeEmptyAsync();
        await Accessibility.AssertAccessibleAsync(page);

        // The journey map cut to its persona's customers (the toggle on «Solo …»), and the rows behind its numbers with
        // the customers' filter shown.
        var journey = (await org.Api().GetFromJsonAsync<JsonElement>("/api/v1/journeys")).EnumerateArray().First().GetProperty("id").GetString();
        (await org.Api().PutAsJsonAsync($"/api/v1/journeys/{journey}", new { name = "Cliente B2B", persona_id = ids["PersonaId"], archived = false })).EnsureSuccessStatusCode();
        await page.GotoAsync($"/viaggi/mappe/{journey}?persona=1");
        await Expect(page.Locator("#persona-cut-only[aria-current=true]")).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(page);
        foreach (var rows in new[] { "/assistenza?vista=tutte&attributo=segmento&valore=A", "/clienti/eventi?touchpoint=consegna&attributo=segmento&valore=A" })
        {
            await page.GotoAsync(rows);
            await Expect(page.Locator("#audience-filter")).ToBeVisibleAsync();
            await Accessibility.AssertAccessibleAsync(page);
        }

        Assert.True(visited.Count >= 15, "Too few pages visited: " + string.Join(", ", visited));
    }
}

public sealed class EveryPageAccessibilityTestsOnSqlite(SqliteBrowserApp app) : EveryPageAccessibilityTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class EveryPageAccessibilityTestsOnPostgres(PostgresBrowserApp app) : EveryPageAccessibilityTests(app), IClassFixture<PostgresBrowserApp>;
