using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>
/// The golden thread's loop, in Chromium: a case about Consegna is resolved; the survey email arrives at the real SMTP
/// server; its "4" link is opened on a phone and the comment sent; the answer reads negative, about delivery times; a
/// loop opens for Logistica, whose referente records the call and closes it with a cause; the journey map's Consegna
/// card now shows the NPS. Every page passes axe-core.
/// </summary>
public abstract class CloseTheLoopBrowserTests(BrowserApp app)
{
    private const string Comment = "Consegna in ritardo di due settimane e nessuno mi ha avvisato.";

    [Fact]
    public async Task ResolvedCase_SurveyEmail_Detractor_LoopForLogistica_CalledAndClosed_NpsOnTheMap()
    {
        var org = await app.App.CreateOrganizationAsync("Cerchio Browser S.r.l.");
        var paolo = $"paolo.{Guid.NewGuid():N}@example.test";
        var maria = $"maria.{Guid.NewGuid():N}@example.test";
        await app.App.InOrganizationAsync(org.Id, async services =>
        {
            var added = await services.GetRequiredService<IOrganizationProvisioning>()
                .AddPersonAsync(new NewPerson("Paolo Ferri", paolo, TestOrganization.Password, Role.TeamMember, "Logistica e magazzino"));
            Assert.False(added.Errors.Any);
            return 0;
        });
        var api = org.Api();
        var survey = await (await api.PostAsJsonAsync("/api/v1/surveys", new { name = "NPS dopo la pratica", kind = "nps", brand = "Cerchio Browser" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var surveyId = survey.GetProperty("id").GetGuid();
        (await api.PostAsync($"/api/v1/surveys/{surveyId}/publish", null)).EnsureSuccessStatusCode();
        (await api.PutAsJsonAsync($"/api/v1/surveys/{surveyId}/trigger", new { enabled = true, touchpoint = "consegna" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi Costruzioni S.r.l.", email = maria, external_id = "BC-1" })).EnsureSuccessStatusCode();

        // Nothing measured on Consegna's NPS yet.
        var lead = await app.SignedInPageAsync(org.AdminEmail);
        await lead.GotoAsync("/viaggi/mappe");
        await lead.GetByRole(AriaRole.Link, new() { Name = "Cliente B2B" }).ClickAsync();
        await Expect(lead.Locator("[data-touchpoint=consegna] [data-metric=nps]")).ToHaveCountAsync(0);

        // The case about the late delivery is resolved: the survey goes out by itself.
        var opened = await (await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Consegna in ritardo", customer = new { external_id = "BC-1" }, channel = "email", type = "complaint", touchpoint = "consegna", text = "Dov'è il mio ordine?" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await api.PostAsJsonAsync($"/api/v1/cases/{opened.GetProperty("number").GetInt32()}/status", new { status = "resolved" })).EnsureSuccessStatusCode();
        await Wait.UntilAsync(() => app.Smtp!.Messages().Any(m => m.To.Mailboxes.Any(t => t.Address == maria)), "the survey email");
        var email = app.Smtp!.Messages().Last(m => m.To.Mailboxes.Any(t => t.Address == maria));
        var four = new Uri(email.TextBody!.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("4: ", StringComparison.Ordinal))[3..]).PathAndQuery;

        // Maria answers on her phone: the 4 from the email, then why.
        await using (var phone = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 360, Height = 740 }, Locale = "it-IT" }))
        {
            var page = await phone.NewPageAsync();
            await page.GotoAsync(four);
            await Expect(page.Locator("[data-score='4']")).ToHaveAttributeAsync("aria-pressed", "true");
            await page.GetByLabel("Cosa possiamo migliorare?").FillAsync(Comment);
            await page.GetByRole(AriaRole.Button, new() { Name = "Invia la tua risposta" }).ClickAsync();
            await Expect(page.Locator("#thanks")).ToBeVisibleAsync();
        }

        // The loop opens for Logistica with both reasons once the comment is read.
        await Wait.UntilAsync(async () =>
        {
            var loops = await api.GetFromJsonAsync<JsonElement>("/api/v1/loops");
            return loops.GetProperty("items").EnumerateArray().Any(l => l.GetProperty("reasons").GetArrayLength() == 2);
        }, "the loop with the comment's reason");

        // The warehouse's referente sees it in Ascolto, reads the answer and its analysis.
        var referente = await app.SignedInPageAsync(paolo);
        await referente.Locator("[data-nav=loops]").ClickAsync();
        await Expect(referente.Locator("h1")).ToHaveTextAsync("Cerchi da chiudere");
        await Accessibility.AssertAccessibleAsync(referente);
        await referente.Locator("#loops tr[data-loop='1'] a").First.ClickAsync();
        await Expect(referente.Locator("#loop-comment")).ToHaveTextAsync(Comment);
        await Expect(referente.Locator("#loop-analysis [data-sentiment=negative]")).ToHaveTextAsync("negativo");
        await Expect(referente.Locator("#loop-analysis [data-topic=delivery_times]")).ToHaveTextAsync("tempi di consegna");
        await Expect(referente.Locator("#loop-status")).ToContainTextAsync("Logistica e magazzino");
        await Accessibility.AssertAccessibleAsync(referente);

        // He calls her and records it, then closes the loop with the cause.
        await referente.GetByLabel("Telefonata").CheckAsync();
        await referente.GetByLabel("Sì", new() { Exact = true }).CheckAsync();
        await referente.GetByLabel("Testo", new() { Exact = true }).FillAsync("Chiamata Maria: scuse, consegna confermata per giovedì.");
        await referente.GetByRole(AriaRole.Button, new() { Name = "Registra" }).ClickAsync();
        await Expect(referente.Locator("#activities [data-activity=call]")).ToContainTextAsync("consegna confermata per giovedì");
        await referente.GetByLabel("Com'è andata").SelectOptionAsync("solved");
        await referente.GetByLabel("Causa", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Cliente non avvisato di un ritardo" });
        await referente.GetByRole(AriaRole.Button, new() { Name = "Chiudi il cerchio" }).ClickAsync();
        await Expect(referente.Locator("#loop-status")).ToContainTextAsync("Raggiunto e risolto");
        await Expect(referente.Locator("#loop-status")).ToContainTextAsync("nei tempi");
        await Accessibility.AssertAccessibleAsync(referente);

        // The map's Consegna card now carries the measured NPS: one detractor.
        await lead.ReloadAsync();
        await Expect(lead.Locator("[data-touchpoint=consegna] [data-metric=nps] .tp-number").First).ToHaveAttributeAsync("data-value", "-100");
    }
}

public sealed class CloseTheLoopBrowserTestsOnSqlite(SqliteMailBrowserApp app) : CloseTheLoopBrowserTests(app), IClassFixture<SqliteMailBrowserApp>;

public sealed class CloseTheLoopBrowserTestsOnPostgres(PostgresMailBrowserApp app) : CloseTheLoopBrowserTests(app), IClassFixture<PostgresMailBrowserApp>;
