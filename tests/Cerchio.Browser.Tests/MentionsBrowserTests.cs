using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>The note composer's "@" suggestions in Chromium, by keyboard only; the colleague then sees the bell count it.</summary>
public abstract class MentionsBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task TypingAt_OffersColleagues_ArrowAndEnterInsertTheName_AndTheNoteNotifiesThem()
    {
        var colleague = $"collega.{Guid.NewGuid():N}@example.test";
        var org = await app.App.CreateOrganizationAsync("Menzioni Browser S.r.l.", (colleague, Cerchio.Tenancy.Role.Agent));
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        (await org.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Consegna in ritardo", customer = new { external_id = "CLI-1" }, channel = "phone" })).EnsureSuccessStatusCode();
        var page = await app.SignedInPageAsync(org.AdminEmail);
        await page.GotoAsync("/assistenza/pratiche/1");

        // People in this test are named by their address: "@coll" offers the colleague.
        await page.Locator("#note-text").FocusAsync();
        await page.Keyboard.TypeAsync("Puoi vedere tu, @coll");
        var suggestions = page.Locator("#note-text-mentions");
        var option = suggestions.GetByRole(AriaRole.Option, new() { Name = colleague });
        await Expect(option).ToBeVisibleAsync();
        await Expect(option).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#note-text")).ToHaveAttributeAsync("aria-activedescendant", (await option.GetAttributeAsync("id"))!);
        await Accessibility.AssertAccessibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#note-text")).ToHaveValueAsync($"Puoi vedere tu, @{colleague} ");
        await Expect(suggestions).ToBeHiddenAsync();

        await page.Keyboard.TypeAsync("grazie");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aggiungi nota" }).ClickAsync();
        await Expect(page.Locator("[data-kind=note] mark.mention")).ToHaveTextAsync($"@{colleague}");

        // The colleague's bell counts it.
        var theirs = await app.SignedInPageAsync(colleague);
        await Expect(theirs.Locator("#notifications-bell")).ToHaveAttributeAsync("aria-label", "1 notifica non letta");

        // Another mention while their page is open: the bell's next poll (run now rather than in 30 s, with the bell's
        // own values) updates the count and tells screen readers through the page's polite region.
        (await org.Api().PostAsJsonAsync("/api/v1/cases/1/notes", new { text = $"@{colleague} ancora una cosa" })).EnsureSuccessStatusCode();
        await theirs.EvaluateAsync("() => htmx.ajax('GET', '/notifiche/campanella', { source: '#notifications-bell', target: '#notifications-bell', swap: 'outerHTML' })");
        await Expect(theirs.Locator("#notifications-bell")).ToHaveAttributeAsync("aria-label", "2 notifiche non lette");
        await Expect(theirs.Locator("#notifications-news[role=status]")).ToHaveTextAsync("Nuove notifiche: 2 notifiche non lette");
    }
}

public sealed class MentionsBrowserTestsOnSqlite(SqliteBrowserApp app) : MentionsBrowserTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class MentionsBrowserTestsOnPostgres(PostgresBrowserApp app) : MentionsBrowserTests(app), IClassFixture<PostgresBrowserApp>;
