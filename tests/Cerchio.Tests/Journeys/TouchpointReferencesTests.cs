using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;

namespace Cerchio.Tests.Journeys;

/// <summary>
/// What names a touchpoint's code, on both databases: the cases (merged ones left out), the events other systems sent
/// (not the desk's own timeline records) and the journey maps' cards, counted on the catalog's form beside "Archiviato"
/// and in the API's answer; archiving keeps them all, and the counts stay.
/// </summary>
public abstract class TouchpointReferencesTests(AppFixture app)
{
    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private const string FormPath = "/viaggi/touchpoint/reso/modifica";

    private static async Task<Dictionary<string, int>> ApiReferencesAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/v1/touchpoints/reso")).GetProperty("references")
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    private static async Task<(Dictionary<string, int> Counts, string Text)> FormReferencesAsync(HttpClient lead)
    {
        var element = (await Html.GetAsync(lead, FormPath)).QuerySelector("#touchpoint-references")!;
        var counts = new[] { "cases", "events", "cards" }.ToDictionary(k => k, k => int.Parse(element.GetAttribute($"data-{k}")!));
        return (counts, element.TextContent.Trim());
    }

    [Fact]
    public async Task References_CountCasesEventsAndCards_OnTheFormAndInTheApi_AndArchivingKeepsThem()
    {
        var org = await app.CreateOrganizationAsync("Touchpoint Citati S.r.l.", (Email("lead"), Role.CxLead));
        var api = org.Api();
        var lead = await org.SignInAsync(Role.CxLead);
        (await api.PostAsJsonAsync("/api/v1/touchpoints", new { code = "reso", name = "Ritiro del reso", online = false })).EnsureSuccessStatusCode();

        // Nothing names it yet.
        Assert.Equal(new Dictionary<string, int> { ["cases"] = 0, ["events"] = 0, ["cards"] = 0 }, await ApiReferencesAsync(api));
        var (none, noneText) = await FormReferencesAsync(lead);
        Assert.All(none.Values, v => Assert.Equal(0, v));
        Assert.Contains("Nessuna pratica", noneText, StringComparison.Ordinal);
        // The list does not count (it would for every code).
        Assert.False((await api.GetFromJsonAsync<JsonElement>("/api/v1/touchpoints")).EnumerateArray().First().TryGetProperty("references", out _));

        // Three cases, one merged into another: two count. Their own timeline records (the desk's) are not events.
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        var numbers = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await (await api.PostAsJsonAsync("/api/v1/cases", new { subject = $"Reso {i}", customer = new { external_id = "CLI-1" }, channel = "email", touchpoint = "reso", text = "Buongiorno" }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32());
        }

        (await api.PostAsJsonAsync($"/api/v1/cases/{numbers[2]}/merge", new { into = numbers[0] })).EnsureSuccessStatusCode();

        // Two events from another system on the code, one on another code.
        var at = DateTimeOffset.UtcNow.AddHours(-1).ToString("O");
        (await api.PostAsJsonAsync("/api/v1/events", new
        {
            events = new[]
            {
                new { id = "r1", type = "delivered", customer = new { external_id = "CLI-1" }, occurred_at = at, touchpoint = "reso" },
                new { id = "r2", type = "custom", customer = new { external_id = "CLI-1" }, occurred_at = at, touchpoint = "reso" },
                new { id = "f1", type = "invoice_issued", customer = new { external_id = "CLI-1" }, occurred_at = at, touchpoint = "fattura" },
            },
        })).EnsureSuccessStatusCode();

        // Two cards on the default journey: two new stages show it.
        var mapPath = (await Html.GetAsync(lead, "/viaggi/mappe")).QuerySelector("[data-journey] a")!.GetAttribute("href")!;
        foreach (var stage in new[] { "Reso", "Ritiro" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, $"{mapPath}/fasi/nuova", "stage",
                new() { ["Input.Name"] = stage, ["Input.Phase"] = "After", ["Input.Touchpoints"] = "reso" })).StatusCode);
        }

        var expected = new Dictionary<string, int> { ["cases"] = 2, ["events"] = 2, ["cards"] = 2 };
        Assert.Equal(expected, await ApiReferencesAsync(api));
        var (counts, text) = await FormReferencesAsync(lead);
        Assert.Equal(expected, counts);
        Assert.Contains("Citato da 2 pratiche, 2 eventi, 2 carte in 1 mappa", text, StringComparison.Ordinal);

        // Archived through the form: nothing is lost, the counts stay, the cards are still on the map marked archived.
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, FormPath, "touchpoint", new() { ["Input.Archived"] = "true" })).StatusCode);
        Assert.True((await api.GetFromJsonAsync<JsonElement>("/api/v1/touchpoints/reso")).GetProperty("archived").GetBoolean());
        Assert.Equal(expected, await ApiReferencesAsync(api));
        Assert.Equal(expected, (await FormReferencesAsync(lead)).Counts);
        Assert.Equal("reso", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{numbers[1]}")).GetProperty("touchpoint").GetString());
        var map = await Html.GetAsync(lead, mapPath);
        Assert.Equal(2, map.QuerySelectorAll("[data-touchpoint=reso]").Length);
        Assert.All(map.QuerySelectorAll("[data-touchpoint=reso]"), card => Assert.Contains("Archiviato", card.TextContent, StringComparison.Ordinal));

        // In English the sentence is translated, each module's part with it.
        var token = (await Html.GetAsync(lead, FormPath)).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        Assert.Equal(HttpStatusCode.Redirect, (await lead.PostAsync("/lingua", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = "en", ["returnUrl"] = FormPath, ["__RequestVerificationToken"] = token,
        }))).StatusCode);
        Assert.Contains("Named by 2 cases, 2 events, 2 cards in 1 map", (await FormReferencesAsync(lead)).Text, StringComparison.Ordinal);
    }
}

public sealed class TouchpointReferencesTestsOnSqlite(SqliteApp app) : TouchpointReferencesTests(app), IClassFixture<SqliteApp>;

public sealed class TouchpointReferencesTestsOnPostgres(PostgresApp app) : TouchpointReferencesTests(app), IClassFixture<PostgresApp>;
