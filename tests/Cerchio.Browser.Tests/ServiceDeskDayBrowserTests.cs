using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>
/// The desk's golden thread in Chromium, by keyboard where the desk has a shortcut: an email arrives and appears in the
/// open inbox without reload, the agent replies, asks Logistica, the warehouse answers from its task list, the agent
/// resolves, and the customer's timeline tells each step.
/// </summary>
public abstract class ServiceDeskDayBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task AnEmail_IsAnswered_HandedOffToLogistica_AnsweredThere_AndResolved_OnTheCustomersTimeline()
    {
        var org = await app.App.CreateOrganizationAsync("Giornata al Banco S.r.l.");
        var warehouse = $"magazzino.{Guid.NewGuid():N}@example.test";
        await app.App.InOrganizationAsync(org.Id, async services =>
        {
            var (_, errors) = await services.GetRequiredService<IOrganizationProvisioning>().AddPersonAsync(
                new NewPerson("Marco Magazzino", warehouse, Cerchio.Tests.Infrastructure.TestOrganization.Password, Role.TeamMember, "Logistica e magazzino"));
            Assert.False(errors.Any);
            return 0;
        });
        var customer = await (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi Costruzioni S.r.l.", email = "giulia@bianchi.test" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

        var agent = await app.SignedInPageAsync(org.AdminEmail);
        await agent.GotoAsync("/assistenza");
        await Expect(agent.Locator("#empty-state")).ToBeVisibleAsync();
        var loads = 0;
        agent.Load += (_, _) => loads++;

        // 1. The customer writes; the case appears without a reload.
        (await org.Api().PostAsJsonAsync("/api/v1/inbound/email", new
        {
            from = "Giulia Bianchi <giulia@bianchi.test>",
            to = new[] { "assistenza@giornata.test" },
            subject = "Consegna 26/4711 in ritardo",
            text = "Buongiorno, l'ordine 26/4711 doveva arrivare ieri. Quando arriva?",
            message_id = "<ordine-4711@bianchi.test>",
        })).EnsureSuccessStatusCode();
        var subject = agent.GetByRole(AriaRole.Link, new() { Name = "Consegna 26/4711 in ritardo" });
        await Expect(subject).ToBeVisibleAsync();
        Assert.Equal(0, loads);

        // 2. j to the row, Enter to open it.
        await agent.Keyboard.PressAsync("j");
        await Expect(subject).ToBeFocusedAsync();
        await agent.Keyboard.PressAsync("Enter");
        await Expect(agent).ToHaveURLAsync(new Regex("/assistenza/pratiche/1$"));

        // 3. r, the reply, sent.
        await agent.Keyboard.PressAsync("r");
        await Expect(agent.Locator("#reply-text")).ToBeFocusedAsync();
        await agent.Keyboard.TypeAsync("Gentile Giulia, verifichiamo subito con il magazzino.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Invia la risposta" }).ClickAsync();
        await Expect(agent.Locator("#conversation")).ToContainTextAsync("verifichiamo subito con il magazzino");

        // 4. Ask Logistica.
        await agent.Locator("#handoff-department").SelectOptionAsync(new SelectOptionValue { Label = "Logistica e magazzino" });
        await agent.Locator("#handoff-text").FillAsync("Dov'è la consegna 26/4711?");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Chiedi", Exact = true }).ClickAsync();
        await Expect(agent.Locator("#case-status")).ToHaveTextAsync("In attesa di un reparto");

        // 5. The warehouse answers from its own task list.
        var logistics = await app.SignedInPageAsync(warehouse);
        await logistics.GotoAsync("/assistenza/attivita");
        await Expect(logistics.Locator("#tasks > li")).ToContainTextAsync("Dov'è la consegna 26/4711?");
        await logistics.GetByLabel("La tua risposta").FillAsync("Partita stamattina, arriva domani entro le 12.");
        await logistics.GetByRole(AriaRole.Button, new() { Name = "Rispondi" }).ClickAsync();
        await Expect(logistics.Locator("main").GetByRole(AriaRole.Status)).ToContainTextAsync("Risposta inviata alla pratica #1");

        // 6. Back on the case: the answer is there, e resolves.
        await agent.ReloadAsync();
        await Expect(agent.Locator("#conversation")).ToContainTextAsync("arriva domani entro le 12");
        await Expect(agent.Locator("#case-status")).ToHaveTextAsync("Aperta");
        await agent.Keyboard.PressAsync("e");
        await Expect(agent.Locator("#case-status")).ToHaveTextAsync("Risolta");

        // 7. The customer's timeline, newest first.
        await agent.GotoAsync($"/clienti/{customer.GetProperty("id").GetGuid()}");
        var steps = await agent.Locator("#timeline > li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.type)");
        Assert.Equal(["case_resolved", "case_hand_off_answered", "case_handed_off", "case_replied", "case_opened"], steps.Where(s => s.StartsWith("case_")));
        await Accessibility.AssertAccessibleAsync(agent);
    }

    [Fact]
    public async Task QuestionMark_ListsTheShortcuts_Slash_GoesToSearch_AndEscapeLeavesBoth()
    {
        var org = await app.App.CreateOrganizationAsync("Tasti Utili S.r.l.");
        var page = await app.SignedInPageAsync(org.AdminEmail);
        await page.GotoAsync("/assistenza");

        await page.Keyboard.PressAsync("Shift+Slash");

        var help = page.GetByRole(AriaRole.Dialog, new() { Name = "Scorciatoie da tastiera" });
        await Expect(help).ToBeVisibleAsync();
        await Expect(help).ToContainTextAsync("Prendi in carico");
        await Accessibility.AssertAccessibleAsync(page);
        await page.Keyboard.PressAsync("Escape");
        await Expect(help).ToBeHiddenAsync();

        // / goes to the search box, empty (the slash is not typed); Esc leaves it so keys are shortcuts again.
        var search = page.GetByRole(AriaRole.Searchbox, new() { Name = "Cerca nell'assistenza" });
        await page.Keyboard.PressAsync("/");
        await Expect(search).ToBeFocusedAsync();
        await Expect(search).ToHaveValueAsync("");
        await page.Keyboard.PressAsync("Escape");
        await Expect(search).Not.ToBeFocusedAsync();
    }

    [Fact]
    public async Task JAndK_WalkTheInbox_AndFromACase_OpenTheNextOneOfTheSameList()
    {
        var org = await app.App.CreateOrganizationAsync("Tasti Elenco S.r.l.");
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Verdi Arredi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        foreach (var subject in new[] { "Anta rigata", "Fattura doppia", "Manuale mancante" })
        {
            (await org.Api().PostAsJsonAsync("/api/v1/cases", new { subject, customer = new { external_id = "CLI-1" }, channel = "phone" })).EnsureSuccessStatusCode();
        }

        var page = await app.SignedInPageAsync(org.AdminEmail);
        await page.GotoAsync("/assistenza");
        var rows = await page.Locator("[data-row-link]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(3, rows.Length);

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("k");
        await Expect(page.Locator("[data-row-link]").First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(app.BaseUrl + rows[0]);

        // The address changes before the page's module scripts run: a key pressed in between would be lost. The
        // shortcuts' own button shows once they listen.
        await Expect(page.Locator("#shortcuts-button")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("j");
        await Expect(page).ToHaveURLAsync(app.BaseUrl + rows[1]);
        await Expect(page.Locator("#shortcuts-button")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("k");
        await Expect(page).ToHaveURLAsync(app.BaseUrl + rows[0]);
    }

    [Fact]
    public async Task TwoAgentsOnOneCase_TheFirstIsWarnedWhenTheOtherStartsAReply()
    {
        var agentEmail = $"operatore.{Guid.NewGuid():N}@presenza.test";
        var org = await app.App.CreateOrganizationAsync("Presenza Browser S.r.l.", (agentEmail, Role.Agent));
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Verdi Arredi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        (await org.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Anta rigata", customer = new { external_id = "CLI-1" }, channel = "phone" })).EnsureSuccessStatusCode();
        var first = await app.SignedInPageAsync(org.AdminEmail);
        await first.GotoAsync("/assistenza/pratiche/1");
        await Expect(first.Locator("#case-presence")).ToBeHiddenAsync();

        var second = await app.SignedInPageAsync(agentEmail);
        await second.GotoAsync("/assistenza/pratiche/1");
        await Expect(first.Locator("#case-presence")).ToHaveTextAsync($"{agentEmail} sta guardando questa pratica.");
        await second.Locator("#reply-text").FillAsync("Gentile cliente,");

        await Expect(first.Locator("#case-presence")).ToHaveTextAsync($"{agentEmail} sta scrivendo una risposta a questa pratica.");
        await Expect(first.Locator("#case-presence")).ToHaveClassAsync(new Regex("alert-warning"));
        await second.CloseAsync();
        await Expect(first.Locator("#case-presence")).ToBeHiddenAsync();
    }
}

public sealed class ServiceDeskDayBrowserTestsOnSqlite(SqliteBrowserApp app) : ServiceDeskDayBrowserTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class ServiceDeskDayBrowserTestsOnPostgres(PostgresBrowserApp app) : ServiceDeskDayBrowserTests(app), IClassFixture<PostgresBrowserApp>;
