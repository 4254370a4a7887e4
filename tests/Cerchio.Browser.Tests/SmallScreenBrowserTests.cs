using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>The frame on a phone: the sidebar is a panel that the menu button opens, walked and used by keyboard alone.</summary>
public abstract class SmallScreenBrowserTests(BrowserApp app)
{
    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return (e?.closest('#sidebar') ? 'sidebar ' : 'outside ') + (e?.getAttribute('href') ?? e?.id ?? ''); }");

    [Fact]
    public async Task OnAPhone_TheSidebarIsHidden_TheMenuButtonOpensIt_AndItsLinksWorkByKeyboard()
    {
        var org = await app.App.CreateOrganizationAsync("Telefono S.r.l.");
        var page = await app.SignedInPageAsync(org.AdminEmail);
        await page.SetViewportSizeAsync(375, 667);
        await page.GotoAsync("/");
        var sidebar = page.Locator("#sidebar");
        var customers = sidebar.Locator("a[href='/clienti']");
        await Expect(sidebar).ToBeHiddenAsync();
        await Expect(customers).ToBeHiddenAsync();

        // The menu button is reached by keyboard (after the skip link) and opens the panel; the focus goes into it.
        var toggle = page.Locator("#sidebar-toggle");
        await Expect(toggle).ToHaveAccessibleNameAsync("Apri il menu");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(toggle).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(sidebar).ToBeFocusedAsync();   // once it has slid in: the focus is trapped from then on
        await Expect(sidebar).ToHaveAttributeAsync("aria-modal", "true");
        await Expect(customers).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(page);

        // Esc closes it and gives the focus back to the button.
        await page.Keyboard.PressAsync("Escape");
        await Expect(sidebar).ToBeHiddenAsync();
        await Expect(toggle).ToBeFocusedAsync();

        // Open again; Tab walks the panel's links (the focus stays inside while it is open) down to the customers'.
        await page.Keyboard.PressAsync("Enter");
        await Expect(sidebar).ToBeFocusedAsync();
        var focused = "";
        for (var presses = 0; presses < 60 && focused != "sidebar /clienti"; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await FocusedAsync(page);
            Assert.StartsWith("sidebar ", focused, StringComparison.Ordinal);
        }

        Assert.Equal("sidebar /clienti", focused);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/clienti");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Clienti");
        // The new page starts with the panel closed, its link marked as the current page.
        await Expect(sidebar).ToBeHiddenAsync();
        await Expect(customers).ToHaveAttributeAsync("aria-current", "page");

        // Every page of the sidebar (and the person's own) fits the phone's width: only a wide table scrolls, in its own box.
        var pages = await sidebar.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.True(pages.Length > 10, "the administrator sees every section");
        var wide = new List<string>();
        foreach (var href in pages.Append("/profilo").Append("/notifiche"))
        {
            await page.GotoAsync(href);
            if (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > innerWidth"))
            {
                wide.Add(href);
            }
        }

        Assert.Empty(wide);
    }
}

public sealed class SmallScreenBrowserTestsOnSqlite(SqliteBrowserApp app) : SmallScreenBrowserTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class SmallScreenBrowserTestsOnPostgres(PostgresBrowserApp app) : SmallScreenBrowserTests(app), IClassFixture<PostgresBrowserApp>;
