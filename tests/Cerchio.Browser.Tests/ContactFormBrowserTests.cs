using System.Text.RegularExpressions;
using Cerchio.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>The contact form as a company's website shows it: inside an iframe of another site, sent by a person.</summary>
public abstract class ContactFormBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task EmbeddedInAnotherSite_TheFormIsShown_AndSendingItOpensACase()
    {
        var org = await app.App.CreateOrganizationAsync("Cornice Rossi S.r.l.");
        var slug = await ContactForms.SlugAsync(app.App, org.Id);
        var page = await app.NewPageAsync();
        // The company's own site, served from another site than Cerchio's (localhost is not 127.0.0.1), so no cookie of
        // Cerchio's reaches the frame. A real loopback server: Chromium refuses a page it cannot place on the local
        // network (a route fulfilled by Playwright) the right to frame a local address.
        var site = $"http://localhost:{LocalPorts.Free()}/";
        using var listener = new System.Net.HttpListener { Prefixes = { site } };
        listener.Start();
        var serve = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            var html = System.Text.Encoding.UTF8.GetBytes($"""
                <!DOCTYPE html><html lang="it"><head><title>Contatti · Negozio Rossi</title></head>
                <body><main><h1>Contatti</h1><iframe src="{app.BaseUrl}/contatti/{slug}?embed=1" title="Contatta Cornice Rossi" style="width:100%;height:820px;border:0"></iframe></main></body></html>
                """);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(html);
            context.Response.Close();
        });
        await page.GotoAsync(site);
        await serve;

        var frame = page.FrameLocator("iframe");
        await Expect(frame.Locator("h1")).ToHaveTextAsync("Scrivici");
        await frame.GetByLabel("Nome e cognome").FillAsync("Giulia Bianchi");
        await frame.GetByLabel("Email").FillAsync("giulia@bianchi.test");
        await frame.GetByLabel("Messaggio").FillAsync("Il tavolo è arrivato senza viti.");
        // The form was shown a moment ago; a person takes longer than the spam check's minimum, so age the token.
        var token = await ContactForms.TokenAsync(app.App, org.Id, TimeSpan.FromMinutes(1));
        await frame.Locator("input[name=__RequestVerificationToken]").EvaluateAsync("(e, v) => e.value = v", token);

        await frame.GetByRole(AriaRole.Button, new() { Name = "Invia" }).ClickAsync();
        await Expect(frame.Locator("#contact-thanks")).ToContainTextAsync(new Regex(@"pratica n\. \d+"));
        Assert.Equal(site, page.Url);

        Assert.Equal(["giulia@bianchi.test"], await ContactForms.WebFormRequestersAsync(app.App, org.Id));
    }

    [Fact]
    public async Task TheHoneypot_IsNotReachedByKeyboard()
    {
        var org = await app.App.CreateOrganizationAsync("Tastiera Rossi S.r.l.");
        var slug = await ContactForms.SlugAsync(app.App, org.Id);
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/contatti/{slug}");
        await page.Locator("#contact-message").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Invia" })).ToBeFocusedAsync();
        await Accessibility.AssertAccessibleAsync(page);
        await page.GotoAsync($"/contatti/{slug}?lang=en&embed=1");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Write to us");
        await Accessibility.AssertAccessibleAsync(page);
    }
}

public sealed class ContactFormBrowserTestsOnSqlite(SqliteBrowserApp app) : ContactFormBrowserTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class ContactFormBrowserTestsOnPostgres(PostgresBrowserApp app) : ContactFormBrowserTests(app), IClassFixture<PostgresBrowserApp>;
