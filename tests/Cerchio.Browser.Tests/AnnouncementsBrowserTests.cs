using System.Net.Http.Json;
using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>
/// The front line informed first, in Chromium: the CX lead writes and publishes next Monday's price change; the agent
/// sees the banner, acknowledges, asks a question; the CX lead answers it, makes it a frequent question and an article;
/// the agent finds the article from a case and puts it into the reply. Every page on the way passes axe-core.
/// </summary>
public abstract class AnnouncementsBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task CxLeadPublishes_AgentAcknowledgesAndAsks_CxLeadAnswersAndMakesItAnArticle_TheAgentInsertsItFromACase()
    {
        var org = await app.App.CreateOrganizationAsync("Annunci Browser S.r.l.");
        var unique = Guid.NewGuid().ToString("N")[..8];
        var (lead, agent) = ($"giulia.{unique}@example.test", $"luca.{unique}@example.test");
        await app.App.InOrganizationAsync(org.Id, async services =>
        {
            var provisioning = services.GetRequiredService<IOrganizationProvisioning>();
            Assert.False((await provisioning.AddPersonAsync(new NewPerson("Giulia Conti", lead, TestOrganization.Password, Role.CxLead, "Direzione"))).Errors.Any);
            Assert.False((await provisioning.AddPersonAsync(new NewPerson("Luca Ferri", agent, TestOrganization.Password, Role.Agent, "Customer service e post-vendita"))).Errors.Any);
            return 0;
        });
        var today = DateOnly.FromDateTime(Cerchio.Text.Times.InItaly(DateTimeOffset.UtcNow).DateTime);
        var toMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        var monday = today.AddDays(toMonday == 0 ? 7 : toMonday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // The CX lead writes it: the front line is the audience unless she changes it.
        var cx = await app.SignedInPageAsync(lead);
        await cx.GotoAsync("/comunicazioni/annunci");
        await cx.GetByRole(AriaRole.Link, new() { Name = "Nuovo annuncio" }).ClickAsync();
        await cx.GetByLabel("Tipo").SelectOptionAsync("price_change");
        await cx.GetByLabel("Titolo").FillAsync("Nuovo listino cucine da lunedì");
        await cx.GetByLabel("Testo").FillAsync("Da lunedì le **cucine componibili** costano il 4% in più.");
        await cx.GetByLabel("Data di lancio").FillAsync(monday);
        await Accessibility.AssertAccessibleAsync(cx);
        await cx.GetByRole(AriaRole.Button, new() { Name = "Salva la bozza" }).ClickAsync();
        await Expect(cx.Locator("#audience")).ToContainTextAsync("Luca Ferri");
        await Accessibility.AssertAccessibleAsync(cx);
        await cx.GetByRole(AriaRole.Button, new() { Name = "Pubblica a 1 persona" }).ClickAsync();
        await Expect(cx.Locator("#announcement-done")).ToBeVisibleAsync();
        var announcementUrl = cx.Url;

        // The agent sees the banner on the home page, opens it, acknowledges and asks.
        var luca = await app.SignedInPageAsync(agent);
        var banner = luca.Locator("#announcement-banner");
        await Expect(banner).ToContainTextAsync("Nuovo listino cucine da lunedì");
        await Accessibility.AssertAccessibleAsync(luca);
        await banner.GetByRole(AriaRole.Link, new() { Name = "Nuovo listino cucine da lunedì" }).ClickAsync();
        await Expect(luca.Locator("#announcement-body strong")).ToHaveTextAsync("cucine componibili");
        await luca.GetByRole(AriaRole.Button, new() { Name = "Ho letto e capito" }).ClickAsync();
        await Expect(luca.Locator("#acknowledged")).ToBeVisibleAsync();
        await Expect(luca.Locator("#announcement-banner")).ToHaveCountAsync(0);
        await luca.GetByLabel("Il tuo messaggio").FillAsync("Vale anche per i preventivi già firmati?");
        await luca.GetByRole(AriaRole.Button, new() { Name = "Invia" }).ClickAsync();
        await Expect(luca.Locator("#thread [data-post]")).ToContainTextAsync("Vale anche per i preventivi già firmati?");
        await Accessibility.AssertAccessibleAsync(luca);

        // The CX lead sees him informed before the launch, answers, and makes it a frequent question.
        await cx.GotoAsync(announcementUrl);
        await Expect(cx.Locator("#coverage-percent")).ToHaveTextAsync("100 %");
        var post = cx.Locator("#thread [data-post]").First;
        await post.Locator("summary").ClickAsync();
        await post.GetByLabel("Risposta").FillAsync("No: i preventivi firmati restano al prezzo vecchio.");
        await post.GetByRole(AriaRole.Button, new() { Name = "Rispondi", Exact = true }).ClickAsync();
        await Expect(cx.Locator("#thread [data-answer]")).ToContainTextAsync("i preventivi firmati restano al prezzo vecchio");
        await cx.Locator("#thread [data-post]").First.Locator("summary").ClickAsync();
        await cx.Locator("#thread [data-post]").First.GetByRole(AriaRole.Button, new() { Name = "Metti tra le domande frequenti" }).ClickAsync();
        await Expect(cx.Locator("#faq")).ToContainTextAsync("i preventivi firmati restano al prezzo vecchio");
        await Accessibility.AssertAccessibleAsync(cx);

        // The agent reads the answer among the frequent questions.
        await luca.ReloadAsync();
        await Expect(luca.Locator("#faq")).ToContainTextAsync("Vale anche per i preventivi già firmati?");

        // The CX lead makes the question an article in one action: the form comes filled with it and its answer.
        await cx.Locator("#thread [data-post]").First.Locator("summary").ClickAsync();
        await cx.Locator("#thread [data-post]").First.Locator("[data-to-article]").ClickAsync();
        await Expect(cx.GetByLabel("Titolo")).ToHaveValueAsync("Vale anche per i preventivi già firmati?");
        await Accessibility.AssertAccessibleAsync(cx);
        await cx.GetByRole(AriaRole.Button, new() { Name = "Salva", Exact = true }).ClickAsync();
        await Expect(cx.Locator("#article-body")).ToContainTextAsync("restano al prezzo vecchio");
        await Accessibility.AssertAccessibleAsync(cx);

        // A customer asks about it: the case page suggests the article and one click puts it into the reply.
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        var opened = await (await org.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Preventivo firmato e nuovo listino", customer = new { external_id = "CLI-1" }, channel = "email", text = "Il mio preventivo firmato resta valido?" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        await luca.GotoAsync($"/assistenza/pratiche/{opened.GetProperty("number").GetInt32()}");
        var suggestion = luca.Locator("#suggested-articles [data-article]");
        await Expect(suggestion).ToContainTextAsync("Vale anche per i preventivi già firmati?");
        await Accessibility.AssertAccessibleAsync(luca);
        await suggestion.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(luca.Locator("#reply-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("restano al prezzo vecchio"));

        // A public article, found as the agent types: its link on the help page goes where the cursor is, after the text.
        var article = await (await org.Api().PostAsJsonAsync("/api/v1/articles", new { title = "Listino cucine: cosa cambia", body = "I prezzi delle cucine salgono del 4%.", status = "published", is_public = true }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        await luca.GetByRole(AriaRole.Searchbox, new() { Name = "Cerca negli articoli" }).PressSequentiallyAsync("cucine");
        var found = luca.Locator($"#article-results [data-article='{article.GetProperty("id").GetString()}']");
        await Expect(found).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(luca);
        await found.GetByRole(AriaRole.Button, new() { Name = "Inserisci il link" }).ClickAsync();
        var slug = await ContactForms.SlugAsync(app.App, org.Id);
        await Expect(luca.Locator("#reply-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(
            $"restano al prezzo vecchio[\\s\\S]*https?://[^/]+/aiuto/{slug}/{article.GetProperty("id").GetString()}"));
        await Expect(luca.Locator("#article-insert-status")).ToHaveTextAsync("Inserito nella risposta.");
    }
}

public sealed class AnnouncementsBrowserTestsOnSqlite(SqliteBrowserApp app) : AnnouncementsBrowserTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class AnnouncementsBrowserTestsOnPostgres(PostgresBrowserApp app) : AnnouncementsBrowserTests(app), IClassFixture<PostgresBrowserApp>;
