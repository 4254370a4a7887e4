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
    public async Task ACannedReply_GoesWhereTheCursorIs_WithoutReloadingThePage()
    {
        var org = await app.App.CreateOrganizationAsync("Risposte al Cursore S.r.l.");
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Verdi Mobili S.r.l.", external_id = "CLI-1", email = "ordini@verdi.test" })).EnsureSuccessStatusCode();
        var opened = await (await org.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Orari del negozio", customer = new { external_id = "CLI-1" }, channel = "email", text = "Quando siete aperti?" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var number = opened.GetProperty("number").GetInt32();

        var page = await app.SignedInPageAsync(org.AdminEmail);
        await page.GotoAsync("/assistenza/risposte-predefinite/nuova");
        await page.Locator("#canned-title").FillAsync("Orari");
        await page.Locator("#canned-body").FillAsync("siamo aperti dalle 9 alle 18 (pratica {{pratica}}).");
        await page.Locator("form:has(#canned-title) button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/risposte-predefinite/[0-9a-f-]{36}$"));

        await page.GotoAsync($"/assistenza/pratiche/{number}");
        var reply = page.Locator("#reply-text");
        await reply.FillAsync("Buongiorno,\n\nCordiali saluti");
        // The cursor after "Buongiorno,": the reply goes between the greeting and the signature.
        await reply.EvaluateAsync("e => e.setSelectionRange(11, 11)");
        await page.Locator("#canned-reply").SelectOptionAsync(new SelectOptionValue { Label = "Orari" });
        var url = page.Url;
        await page.Locator("#insert-canned-reply").ClickAsync();

        await Expect(reply).ToHaveValueAsync($"Buongiorno,\n\nsiamo aperti dalle 9 alle 18 (pratica #{number}).\n\nCordiali saluti");
        await Expect(reply).ToBeFocusedAsync();
        await Expect(page.Locator("#canned-reply-status")).ToHaveTextAsync("Risposta predefinita inserita nel testo.");
        Assert.Equal(url, page.Url);
    }


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

        var page = await app.SignedInPageAsync(org.AdminEmail);
        var requests = 0;
        await page.Context.RouteAsync("https://tracker.example/**", async route =>
        {
            Interlocked.Increment(ref requests);
            await route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = Pixel });
        });
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
