using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>
/// The survey's button on a company's website: another site includes the script (twice, under CSS that would hide
/// its buttons), the button opens the dialog, the survey is answered inside the frame without Cerchio's cookies, Esc
/// closes it and the focus comes back; axe-core on the host page with the dialog open, and on the survey page that
/// gives the tag to paste.
/// </summary>
public abstract class SurveyWidgetBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task OnAnotherSite_TheButtonOpensTheSurvey_AnAnswerIsSent_AndEscGivesTheFocusBack()
    {
        var org = await app.App.CreateOrganizationAsync("Widget Browser S.r.l.");
        var api = org.Api();
        var survey = await (await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Sul sito", kind = "nps", brand = "Rossi Arredamenti", color = "#7a3e00" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var id = survey.GetProperty("id").GetGuid();
        var published = await (await api.PostAsync($"/api/v1/surveys/{id}/publish", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var script = $"{published.GetProperty("public_url").GetString()}/widget.js";

        // The company's site on another site than Cerchio's (localhost is not 127.0.0.1): no cookie of Cerchio's
        // reaches the frame. Its CSS would hide every button and move every div; the script is included twice.
        var site = $"http://localhost:{LocalPorts.Free()}/";
        using var listener = new HttpListener { Prefixes = { site } };
        listener.Start();
        var withScript = System.Text.Encoding.UTF8.GetBytes($$"""
            <!DOCTYPE html><html lang="it"><head><meta charset="utf-8"><title>Negozio Rossi</title>
            <style>button { display: none !important; } div { position: absolute; left: -9999px; }</style></head>
            <body><main><h1>Negozio Rossi</h1><p>Mobili su misura dal 1962.</p></main>
            <script src="{{script}}" async></script><script src="{{script}}" async></script></body></html>
            """);
        var plain = System.Text.Encoding.UTF8.GetBytes("<!DOCTYPE html><html lang=\"it\"><head><title>Negozio Rossi</title></head><body><h1>Negozio Rossi</h1></body></html>");
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                var context = await listener.GetContextAsync();
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(context.Request.Url!.AbsolutePath == "/senza-script" ? plain : withScript);
                context.Response.Close();
            }
        });

        var page = await app.NewPageAsync();
        await page.GotoAsync(site + "senza-script");
        var globalsWithout = await page.EvaluateAsync<string[]>("() => Object.keys(window)");
        await page.GotoAsync(site);
        var open = page.GetByRole(AriaRole.Button, new() { Name = "Dacci il tuo parere" });
        await Expect(open).ToBeVisibleAsync();
        await Expect(open).ToHaveCountAsync(1);
        Assert.Equal(1, await page.Locator("[data-cerchio-widget]").CountAsync());
        // No global of its own: the window has what a page of this site without the script has.
        Assert.Empty((await page.EvaluateAsync<string[]>("() => Object.keys(window)")).Except(globalsWithout));

        await open.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Il tuo parere per Rossi Arredamenti" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Chiudi" })).ToBeFocusedAsync();
        var frame = page.FrameLocator("iframe");
        await Expect(frame.Locator("legend")).ToContainTextAsync("Rossi Arredamenti");
        Assert.Contains("canale=sito&incorporato=1&lang=it", await page.Locator("iframe").GetAttributeAsync("src"), StringComparison.Ordinal);
        await Accessibility.AssertAccessibleAsync(page);

        await frame.GetByRole(AriaRole.Button, new() { Name = "9", Exact = true }).ClickAsync();
        await frame.GetByLabel("Cosa ti è piaciuto di più?").FillAsync("Il divano è arrivato in anticipo.");
        await frame.GetByRole(AriaRole.Button, new() { Name = "Invia la tua risposta" }).ClickAsync();
        await Expect(frame.Locator("#thanks")).ToBeVisibleAsync();
        Assert.Equal(site, page.Url);

        // Esc with the focus inside the frame closes the dialog too, and the button has the focus again.
        await frame.Locator("#thanks").ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(open).ToBeFocusedAsync();

        // Opened again, the frame keeps its page; Esc from the dialog's own bar closes it as well.
        await open.ClickAsync();
        await Expect(frame.Locator("#thanks")).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Chiudi" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(open).ToBeFocusedAsync();

        var answer = (await api.GetFromJsonAsync<JsonElement>("/api/v1/survey-answers")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal((9, "sito"), (answer.GetProperty("score").GetInt32(), answer.GetProperty("channel").GetString()));
        listener.Stop();
        await Task.WhenAny(serving);

        // The survey page gives the very tag the site pasted, and stays accessible with it.
        var lead = await app.SignedInPageAsync(org.AdminEmail);
        await lead.GotoAsync($"/ascolto/sondaggi/{id}");
        await Expect(lead.Locator("#widget-snippet")).ToHaveTextAsync($"<script src=\"{script}\" async></script>");
        await Accessibility.AssertAccessibleAsync(lead);
    }
}

public sealed class SurveyWidgetBrowserTestsOnSqlite(SqliteBrowserApp app) : SurveyWidgetBrowserTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class SurveyWidgetBrowserTestsOnPostgres(PostgresBrowserApp app) : SurveyWidgetBrowserTests(app), IClassFixture<PostgresBrowserApp>;
