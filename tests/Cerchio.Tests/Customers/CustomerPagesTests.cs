using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;

namespace Cerchio.Tests.Customers;

public abstract class CustomerPagesTests(AppFixture app)
{
    private static Dictionary<string, string> Form(string name, string? vat = null, string? email = null) => new()
    {
        ["Input.Kind"] = "azienda",
        ["Input.Name"] = name,
        ["Input.VatNumber"] = vat ?? "",
        ["Input.Email"] = email ?? "",
        ["Input.City"] = "Vicenza",
        ["Input.Province"] = "VI",
        ["Input.Country"] = "IT",
        ["Input.Attributes"] = "segmento: A\nsettore: edilizia",
    };

    [Fact]
    public async Task Create_ShowsErrorsNextToFields_ThenCreatesAndShowsTheTimeline()
    {
        var org = await app.CreateOrganizationAsync("Pagine Uno S.r.l.");
        var client = await org.SignInAsync();

        var bad = await Html.SubmitFormAsync(client, "/clienti/nuovo", "create-customer", Form("Bianchi Costruzioni S.r.l.", vat: "123", email: "not-mail"));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var page = await Html.ParseAsync(bad);
        Assert.NotNull(page.QuerySelector("#VatNumber-error"));
        Assert.NotNull(page.QuerySelector("#Email-error"));
        Assert.Equal("Bianchi Costruzioni S.r.l.", page.QuerySelector<IHtmlInputElement>("#name")!.Value);
        Assert.Contains("segmento: A", page.QuerySelector<IHtmlTextAreaElement>("#attributes")!.Value);

        var good = await Html.SubmitFormAsync(client, "/clienti/nuovo", "create-customer", Form("Bianchi Costruzioni S.r.l.", vat: "01234567897", email: "info@bianchi.test"));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var detail = await Html.GetAsync(client, Html.LocationPath(good)!);
        Assert.Equal("Bianchi Costruzioni S.r.l.", detail.QuerySelector("h1")!.TextContent);
        Assert.Contains("edilizia", detail.QuerySelector("#details-title")!.ParentElement!.TextContent);
        Assert.Equal("customer_created", Assert.Single(detail.QuerySelectorAll("#timeline > li")).GetAttribute("data-type"));

        var list = await Html.GetAsync(client, "/clienti?q=bianchi");
        Assert.Equal("Bianchi Costruzioni S.r.l.", Assert.Single(list.QuerySelectorAll("tbody tr a")).TextContent);
    }

    [Fact]
    public async Task Edit_RecordsWhatChangedOnTheTimeline_AndContactsCanBeAdded()
    {
        var org = await app.CreateOrganizationAsync("Pagine Due S.r.l.");
        var client = await org.SignInAsync();
        var created = await Html.SubmitFormAsync(client, "/clienti/nuovo", "create-customer", Form("Verdi Interni S.r.l.", email: "info@verdi.test"));
        var url = Html.LocationPath(created)!;

        var edited = await Html.SubmitFormAsync(client, url + "/modifica", "edit-customer", new() { ["Input.Email"] = "ordini@verdi.test" });
        Assert.Equal(url, Html.LocationPath(edited));

        var contact = await Html.SubmitFormAsync(client, url, "add-contact", new() { ["Contact.FirstName"] = "Maria", ["Contact.LastName"] = "Verdi", ["Contact.Email"] = "maria@verdi.test" });
        Assert.Equal(HttpStatusCode.Redirect, contact.StatusCode);
        var badContact = await Html.SubmitFormAsync(client, url, "add-contact", new() { ["Contact.FirstName"] = "", ["Contact.LastName"] = "", ["Contact.Email"] = "x" });
        Assert.NotNull((await Html.ParseAsync(badContact)).QuerySelector("#Email-error"));

        var detail = await Html.GetAsync(client, url);
        var types = detail.QuerySelectorAll("#timeline > li").Select(li => li.GetAttribute("data-type")).ToList();
        Assert.Equal(["contact_added", "customer_updated", "customer_created"], types);
        var update = detail.QuerySelectorAll("#timeline > li")[1].TextContent;
        Assert.Contains("info@verdi.test", update);
        Assert.Contains("ordini@verdi.test", update);
        Assert.Contains("Maria Verdi", detail.QuerySelector("#contacts-title")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task Merge_JoinsTimelinesAndContacts_AndTheDuplicateLeadsToTheSurvivor()
    {
        var org = await app.CreateOrganizationAsync("Pagine Tre S.r.l.");
        var api = org.Api();
        var survivor = await CreateAsync(api, new { name = "Rossi Mobili S.r.l.", external_id = "R-1" });
        var duplicate = await CreateAsync(api, new { name = "Rossi Mobili Srl", email = "info@rossimobili.test", vat_number = "01234567897" });
        (await api.PostAsJsonAsync($"/api/v1/customers/{duplicate}/contacts", new { first_name = "Luca", last_name = "Rossi" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/v1/events", new { events = new[] { new { id = "o-1", type = "order_placed", customer = new { vat_number = "01234567897" }, occurred_at = "2026-10-01T08:00:00Z" } } })).EnsureSuccessStatusCode();

        var client = await org.SignInAsync();
        var search = await Html.GetAsync(client, $"/clienti/{survivor}/unisci?q=rossi");
        var form = search.QuerySelectorAll<IHtmlFormElement>("form[method=post]")
            .Single(f => f.QuerySelector<IHtmlInputElement>("input[name='Merge.DuplicateId']")?.Value == duplicate.ToString());
        var merged = await Html.PostFormAsync(client, form, []);
        Assert.Equal($"/clienti/{survivor}", Html.LocationPath(merged));

        var detail = await Html.GetAsync(client, $"/clienti/{survivor}");
        Assert.Contains("info@rossimobili.test", detail.QuerySelector("#details-title")!.ParentElement!.TextContent);
        Assert.Contains("Luca Rossi", detail.QuerySelector("#contacts-title")!.ParentElement!.TextContent);
        var types = detail.QuerySelectorAll("#timeline > li").Select(li => li.GetAttribute("data-type")).ToList();
        Assert.Contains("customer_merged", types);
        Assert.Contains("order_placed", types);
        Assert.Equal(2, types.Count(t => t == "customer_created"));

        var old = await client.GetAsync($"/clienti/{duplicate}");
        Assert.Equal($"/clienti/{survivor}", Html.LocationPath(old));
        var list = await Html.GetAsync(client, "/clienti?q=rossi");
        Assert.Single(list.QuerySelectorAll("tbody tr"));

        // Events sent later with the duplicate's references land on the survivor.
        var late = await (await api.PostAsJsonAsync("/api/v1/events", new { events = new[] { new { id = "o-2", type = "delivered", customer = new { email = "info@rossimobili.test" }, occurred_at = "2026-10-20T08:00:00Z" } } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(survivor, late.GetProperty("results")[0].GetProperty("customer_id").GetGuid());
    }

    [Fact]
    public async Task Executive_ReadsCustomersButCannotChangeThem()
    {
        var org = await app.CreateOrganizationAsync("Pagine Quattro S.r.l.", ("direzione@quattro.test", Role.Executive));
        var id = await CreateAsync(org.Api(), new { name = "Cliente Quattro S.r.l." });
        var client = await org.SignInAsync(Role.Executive);

        var list = await Html.GetAsync(client, "/clienti");
        Assert.Null(list.QuerySelector("a[href='/clienti/nuovo']"));
        Assert.NotNull(list.QuerySelector($"a[href='/clienti/{id}']"));
        var detail = await Html.GetAsync(client, $"/clienti/{id}");
        Assert.Null(detail.QuerySelector($"a[href='/clienti/{id}/modifica']"));

        foreach (var url in new[] { "/clienti/nuovo", $"/clienti/{id}/modifica", $"/clienti/{id}/unisci" })
        {
            var denied = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/accesso-negato", Html.LocationPath(denied));
        }
    }

    [Fact]
    public async Task UnknownCustomer_Is404Page()
    {
        var org = await app.CreateOrganizationAsync("Pagine Cinque S.r.l.");
        var client = await org.SignInAsync();
        var response = await client.GetAsync($"/clienti/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Non trovato", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task English_IsChosenPerPerson()
    {
        var org = await app.CreateOrganizationAsync("Pagine Sei S.r.l.");
        var client = await org.SignInAsync();
        var home = await Html.GetAsync(client, "/clienti");
        Assert.Equal("it", home.DocumentElement.GetAttribute("lang"));
        var form = home.QuerySelector<IHtmlFormElement>("form[action='/lingua']");
        Assert.Null(form);   // signed in: the language lives in the profile menu, not the anonymous switch

        var switched = await client.PostAsync("/lingua", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = "en",
            ["returnUrl"] = "/clienti",
            ["__RequestVerificationToken"] = home.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
        }));
        Assert.Equal("/clienti", Html.LocationPath(switched));
        var english = await Html.GetAsync(client, "/clienti");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Customers", english.QuerySelector("h1")!.TextContent);
        Assert.Contains("0 customers", english.QuerySelector("#result-count")!.TextContent);
    }

    private static async Task<Guid> CreateAsync(HttpClient api, object body)
    {
        var response = await api.PostAsJsonAsync("/api/v1/customers", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}

public sealed class CustomerPagesTestsOnSqlite(SqliteApp app) : CustomerPagesTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerPagesTestsOnPostgres(PostgresApp app) : CustomerPagesTests(app), IClassFixture<PostgresApp>;

public abstract class MergeRaceTests(AppFixture app)
{
    [Fact]
    public async Task CrossingMerges_MergeOnlyOnce()
    {
        var org = await app.CreateOrganizationAsync("Fusioni S.r.l.");
        var api = org.Api();
        for (var round = 0; round < 3; round++)
        {
            var a = (await (await api.PostAsJsonAsync("/api/v1/customers", new { name = $"Uno {round} S.r.l." })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var b = (await (await api.PostAsJsonAsync("/api/v1/customers", new { name = $"Due {round} S.r.l." })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var one = await org.SignInAsync();
            var two = await org.SignInAsync();
            var intoA = await MergeFormAsync(one, a, b, $"Due {round}");
            var intoB = await MergeFormAsync(two, b, a, $"Uno {round}");
            await Task.WhenAll(Html.PostFormAsync(one, intoA, []), Html.PostFormAsync(two, intoB, []));

            var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers?q={round}%20s.r.l.");
            Assert.Equal(1, list.GetProperty("total").GetInt32());   // exactly one survivor, never none
        }
    }

    private static async Task<IHtmlFormElement> MergeFormAsync(HttpClient client, Guid survivor, Guid duplicate, string search) =>
        (await Html.GetAsync(client, $"/clienti/{survivor}/unisci?q={Uri.EscapeDataString(search)}")).QuerySelectorAll<IHtmlFormElement>("form[method=post]")
            .Single(f => f.QuerySelector<IHtmlInputElement>("input[name='Merge.DuplicateId']")?.Value == duplicate.ToString());
}

public sealed class MergeRaceTestsOnSqlite(SqliteApp app) : MergeRaceTests(app), IClassFixture<SqliteApp>;

public sealed class MergeRaceTestsOnPostgres(PostgresApp app) : MergeRaceTests(app), IClassFixture<PostgresApp>;
