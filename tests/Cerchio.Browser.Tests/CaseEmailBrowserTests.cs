using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>
/// An email's HTML in Chromium: nothing leaves for the sender's servers until the agent asks for the images, then they
/// load; the switch swaps only that message (htmx) and keeps its address in the URL.
/// </summary>
public abstract class CaseEmailBrowserTests(BrowserApp app)
{
    private static readonly byte[] Pixel = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task RemoteImages_LoadOnlyAfterShowImages()
    {
        var org = await app.App.CreateOrganizationAsync("Immagini Remote S.r.l.");
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi Costruzioni S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        var opened = await (await org.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Consegna in ritardo", customer = new { external_id = "CLI-1" }, channel = "email", text = "Dov'è?" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var number = opened.GetProperty("number").GetInt32();
        (await org.Api().PostAsJsonAsync("/api/v1/inbound/email", new
        {
            from = "Mario Bianchi <mario@bianchi.test>",
            subject = $"Re: Consegna in ritardo [#{number}]",
            text = "Ecco la foto del pacco.",
            html = "<p>Ecco la <b>foto</b> del pacco.</p><script>parent.document.title='rubato'</script><img src=\"https://tracker.example/foto.png\" alt=\"Foto del pacco\" width=\"40\" height=\"40\">",
            attachments = new[] { new { filename = "bolla.pdf", content_type = "application/pdf", content = Convert.ToBase64String("%PDF-1.4"u8.ToArray()) } },
        })).EnsureSuccessStatusCode();

        var page = await app.NewPageAsync();
        var requests = 0;
        await page.Context.RouteAsync("https://tracker.example/**", async route =>
        {
            Interlocked.Increment(ref requests);
            await route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = Pixel });
        });
        await page.GotoAsync("/accedi");
        await page.Locator("#email").FillAsync(org.AdminEmail);
        await page.Locator("#password").FillAsync(Cerchio.Tests.Infrastructure.TestOrganization.Password);
        await page.Locator("form:has(#password) button[type=submit]").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/accedi"));
        await page.GotoAsync($"/assistenza/pratiche/{number}");
        var title = await page.TitleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Mostra l'email originale" }).ClickAsync();
        var email = page.FrameLocator("iframe.email-html");
        await Expect(email.Locator("b")).ToHaveTextAsync("foto");
        await Expect(email.Locator(".blocked-image")).ToContainTextAsync("Immagine bloccata: Foto del pacco");
        await Expect(page).ToHaveURLAsync(new Regex(@"\?html="));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "bolla.pdf" })).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(page);
        Assert.Equal(0, requests);

        await page.GetByRole(AriaRole.Link, new() { Name = "Mostra immagini" }).ClickAsync();
        await Expect(email.Locator("img[alt='Foto del pacco']")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("immagini=true"));
        Assert.True(requests >= 1, "the image loads once asked for");
        Assert.Equal(title, await page.TitleAsync());
    }
}

public sealed class CaseEmailBrowserTestsOnSqlite(SqliteBrowserApp app) : CaseEmailBrowserTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class CaseEmailBrowserTestsOnPostgres(PostgresBrowserApp app) : CaseEmailBrowserTests(app), IClassFixture<PostgresBrowserApp>;
