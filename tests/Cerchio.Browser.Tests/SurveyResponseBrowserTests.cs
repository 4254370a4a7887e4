using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cerchio.Browser.Tests;

/// <summary>
/// The page most customers ever see, on a phone: the invitation's link, a tap on a score, the question that fits it,
/// the comment and the further questions it asks, the thanks; a page without script, under axe-core at every step.
/// </summary>
public abstract class SurveyResponseBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task OnAPhone_WithoutScript_ATapScores_TheCommentFollows_AndTheThanksSaySo()
    {
        var org = await app.App.CreateOrganizationAsync("Sondaggio Telefono S.r.l.");
        var api = org.Api();
        var survey = await (await api.PostAsJsonAsync("/api/v1/surveys", new
            {
                name = "Dopo la consegna", kind = "nps", touchpoint = "consegna", brand = "Rossi Arredamenti", color = "#7a3e00",
                questions = new object[]
                {
                    new { kind = "single", text_it = "Cosa è andato storto?", required = true, score_to = 6, options = new[] { new { it = "Ritardo" }, new { it = "Merce danneggiata" } } },
                    new { kind = "yes_no", text_it = "Ci ricompreresti?" },
                },
            }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var id = survey.GetProperty("id").GetGuid();
        (await api.PostAsync($"/api/v1/surveys/{id}/publish", null)).EnsureSuccessStatusCode();
        var invitation = await (await api.PostAsJsonAsync($"/api/v1/surveys/{id}/invitations", new { email = "maria@bianchi.test", name = "Maria Bianchi", channel = "api" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var link = new Uri(invitation.GetProperty("url").GetString()!).PathAndQuery;

        await using var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 360, Height = 740 }, Locale = "it-IT" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await Expect(page.Locator("legend")).ToContainTextAsync("Quanto è probabile che consiglieresti Rossi Arredamenti");
        await Accessibility.AssertAccessibleAsync(page);
        // Nothing to run: the page works the same with JavaScript off (axe above is the only script, added by the test).
        Assert.Equal(1, await page.Locator("script").CountAsync());
        // Every score is a target of at least 44 px (UX.md), two rows on a narrow phone.
        foreach (var score in await page.Locator("#score-form button[data-score]").AllAsync())
        {
            var box = await score.BoundingBoxAsync();
            Assert.True(box!.Height >= 44 && box.Width >= 44, $"score {await score.TextContentAsync()}: {box.Width}×{box.Height}");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "4", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Cosa possiamo migliorare?")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-score='4']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Accessibility.AssertAccessibleAsync(page);
        await page.GetByLabel("Cosa possiamo migliorare?").FillAsync("Consegna in ritardo di due settimane e nessuno mi ha avvisato.");
        // The further questions asked at this score: a required choice left out is said beside it, the comment kept.
        await page.GetByRole(AriaRole.Button, new() { Name = "Invia la tua risposta" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Cosa è andato storto?" }).GetByRole(AriaRole.Alert)).ToContainTextAsync("Rispondi a questa domanda.");
        await Expect(page.GetByLabel("Cosa possiamo migliorare?")).ToHaveValueAsync("Consegna in ritardo di due settimane e nessuno mi ha avvisato.");
        await Accessibility.AssertAccessibleAsync(page);
        var choice = page.GetByRole(AriaRole.Group, new() { Name = "Cosa è andato storto?" }).GetByText("Ritardo");
        var target = await choice.BoundingBoxAsync();
        Assert.True(target!.Height >= 44, $"a choice is {target.Height} px high");
        await choice.ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Ci ricompreresti?" }).GetByText("No").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Invia la tua risposta" }).ClickAsync();
        await Expect(page.Locator("#thanks")).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Consegna in ritardo di due settimane");
        await Expect(page.Locator("#your-answers")).ToContainTextAsync("Ritardo");
        await Accessibility.AssertAccessibleAsync(page);

        var answers = await api.GetFromJsonAsync<JsonElement>("/api/v1/survey-answers");
        var answer = answers.GetProperty("items").EnumerateArray().Single();
        Assert.Equal((4, "consegna"), (answer.GetProperty("score").GetInt32(), answer.GetProperty("touchpoint").GetString()));
    }
}

public sealed class SurveyResponseBrowserTestsOnSqlite(SqliteBrowserApp app) : SurveyResponseBrowserTests(app), IClassFixture<SqliteBrowserApp>;

public sealed class SurveyResponseBrowserTestsOnPostgres(PostgresBrowserApp app) : SurveyResponseBrowserTests(app), IClassFixture<PostgresBrowserApp>;
