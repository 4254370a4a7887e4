using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Journeys.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Journeys;

/// <summary>
/// Personas through HTTP on both databases: made and changed on the page and through the API, a photo kept and served
/// as the image it is (anything else refused, with what was typed kept), the customers each matches counted by their
/// attribute, bad input refused with nothing stored, another organization's personas never found, and only the CX
/// lead and administrators changing them.
/// </summary>
public abstract class PersonaTests(AppFixture app)
{
    private const string List = "/viaggi/personas";
    private const string New = "/viaggi/personas/nuova";

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private static string Edit(Guid id) => $"{List}/{id}/modifica";

    private Task<List<Persona>> StoredAsync(TestOrganization org) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<Persona>().AsNoTracking().OrderBy(p => p.Name).ToListAsync());

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string url, Dictionary<string, string> fields, (string Name, byte[] Content)? photo = null, params (string Name, string Value)[] add) =>
        Html.SubmitMultipartAsync(client, url, "persona", fields, photo is { } p ? [p] : [], add);

    [Fact]
    public async Task Persona_MadeOnThePageWithAPhoto_IsShownAsACard_ItsPhotoServedAsAnImage_AndChangedLater()
    {
        var org = await app.CreateOrganizationAsync("Personas Pagina S.r.l.", (Email("lead"), Role.CxLead));
        var lead = await org.SignInAsync(Role.CxLead);
        var empty = await Html.GetAsync(lead, List);
        Assert.NotNull(empty.QuerySelector("#no-personas"));
        Assert.NotNull(empty.QuerySelector("#new-persona"));
        Assert.NotNull(empty.QuerySelector("[data-nav=personas]"));

        var created = await SaveAsync(lead, New, new()
        {
            ["Input.Name"] = "Giulia la titolare", ["Input.Kind"] = "b2c", ["Input.Segment"] = "Famiglie che arredano casa",
            ["Input.Goals"] = "Una cucina pronta per Natale.", ["Input.Quote"] = "Voglio sapere quando arriva.",
        }, ("giulia.png", Png));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var persona = Assert.Single(await StoredAsync(org));
        Assert.Equal(PersonaKind.Consumer, persona.Kind);
        Assert.Equal("image/png", persona.PhotoContentType);

        var page = await Html.GetAsync(lead, List);
        var card = page.QuerySelector($"[data-persona='{persona.Id}']")!;
        Assert.Equal("Giulia la titolare", card.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal("B2C", card.QuerySelector("[data-kind]")!.TextContent.Trim());
        Assert.Equal("Famiglie che arredano casa", card.QuerySelector("[data-segment]")!.TextContent.Trim());
        Assert.Contains("Voglio sapere quando arriva.", card.QuerySelector("[data-quote]")!.TextContent, StringComparison.Ordinal);
        var src = card.QuerySelector<IHtmlImageElement>("img[data-avatar=photo]")!.GetAttribute("src")!;
        var photo = await lead.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/png", photo.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", photo.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await photo.Content.ReadAsByteArrayAsync());

        // Changed: a business persona now, the photo taken away; the initials come back.
        var edited = await SaveAsync(lead, Edit(persona.Id), new() { ["Input.Kind"] = "b2b", ["Input.Needs"] = "Risposte in giornata." }, null, ("Input.RemovePhoto", "true"));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var after = Assert.Single(await StoredAsync(org));
        Assert.Equal((PersonaKind.Business, "Risposte in giornata.", "Una cucina pronta per Natale."), (after.Kind, after.Needs, after.Goals));
        Assert.Null(after.Photo);
        card = (await Html.GetAsync(lead, List)).QuerySelector($"[data-persona='{persona.Id}']")!;
        Assert.Equal("GL", card.QuerySelector("[data-avatar=initials]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"{List}/{persona.Id}/foto")).StatusCode);

        // Archived: out of the cards, listed apart.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(lead, Edit(persona.Id), new(), null, ("Input.Archived", "true"))).StatusCode);
        page = await Html.GetAsync(lead, List);
        Assert.Null(page.QuerySelector($"#personas [data-persona='{persona.Id}']"));
        Assert.NotNull(page.QuerySelector($"#archived-personas [data-persona='{persona.Id}']"));
    }

    [Fact]
    public async Task Photo_ThatIsNotAnImageOrTooLarge_IsRefused_WithWhatWasTypedKept_AndNothingStored()
    {
        var org = await app.CreateOrganizationAsync("Personas Foto S.r.l.");
        var admin = await org.SignInAsync();
        var script = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        foreach (var (name, content) in new[] { ("foto.png", script), ("grande.png", Png.Concat(new byte[Persona.MaxPhotoBytes]).ToArray()), ("vuota.jpg", Array.Empty<byte>()) })
        {
            var refused = await SaveAsync(admin, New, new() { ["Input.Name"] = "Tenuto", ["Input.Quote"] = "Anche questo" }, (name, content));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var form = await Html.ParseAsync(refused);
            Assert.NotNull(form.QuerySelector("#Photo-error"));
            Assert.Equal("Tenuto", form.QuerySelector("#persona-name")!.GetAttribute("value"));
            Assert.Equal("Anche questo", form.QuerySelector("#persona-quote")!.TextContent);
        }

        Assert.Empty(await StoredAsync(org));

        // A good photo with a refused field: the page says to choose it again, since no browser refills a file field.
        var again = await Html.ParseAsync(await SaveAsync(admin, New, new() { ["Input.Name"] = "" }, ("giulia.webp", Png)));
        Assert.NotNull(again.QuerySelector("#Name-error"));
        Assert.NotNull(again.QuerySelector("#Photo-error"));
        Assert.Empty(await StoredAsync(org));
    }

    [Fact]
    public async Task Api_MakesListsAndChangesPersonas_CountingTheCustomersThatHoldTheirAttribute()
    {
        var org = await app.CreateOrganizationAsync("Personas Clienti S.r.l.");
        var api = org.Api();
        async Task CustomerAsync(string name, Dictionary<string, string>? attributes) =>
            (await api.PostAsJsonAsync("/api/v1/customers", new { name, attributes })).EnsureSuccessStatusCode();
        await CustomerAsync("Edilizia Rossi S.r.l.", new() { ["Segmento"] = "A", ["settore"] = "Città" });
        await CustomerAsync("Costruzioni Verdi S.p.A.", new() { ["segmento"] = "a" });   // the name and the value in another case
        await CustomerAsync("Bianchi Arredi S.r.l.", new() { ["segmento"] = "B", ["settore"] = "CITTÀ" });
        await CustomerAsync("Senza Attributi S.n.c.", null);

        var created = await api.PostAsJsonAsync("/api/v1/personas", new
        {
            name = "Il geometra di cantiere", kind = "b2b", segment = "Imprese edili", match_attribute = "segmento", match_value = "A",
            goals = "Materiale in cantiere alle 7.", frustrations = "Consegne senza preavviso.", quote = "Se il camion non arriva, fermo dieci operai.",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var persona = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = persona.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/personas/{id}", Html.LocationPath(created));
        Assert.Equal(2, persona.GetProperty("matched_customers").GetInt32());
        Assert.False(persona.GetProperty("has_photo").GetBoolean());
        Assert.Equal(JsonValueKind.Null, persona.GetProperty("photo_url").ValueKind);

        var city = await (await api.PostAsJsonAsync("/api/v1/personas", new { name = "Il cliente di città", kind = "b2c", match_attribute = "settore", match_value = "città" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, city.GetProperty("matched_customers").GetInt32());   // accented capitals too
        var loose = await (await api.PostAsJsonAsync("/api/v1/personas", new { name = "Senza legame" })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, loose.GetProperty("matched_customers").ValueKind);
        Assert.Equal("b2b", loose.GetProperty("kind").GetString());

        var listed = (await api.GetFromJsonAsync<JsonElement>("/api/v1/personas")).EnumerateArray().ToList();
        Assert.Equal(["Il cliente di città", "Il geometra di cantiere", "Senza legame"], listed.Select(p => p.GetProperty("name").GetString()));
        var fetched = await api.GetFromJsonAsync<JsonElement>($"/api/v1/personas/{id}");
        Assert.Equal("Se il camion non arriva, fermo dieci operai.", fetched.GetProperty("quote").GetString());

        // The page shows the same numbers.
        var page = await Html.GetAsync(await org.SignInAsync(), List);
        Assert.StartsWith("2 ", page.QuerySelector($"[data-persona='{id}'] [data-customers]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("Oggi 2 ", (await Html.GetAsync(await org.SignInAsync(), Edit(id))).QuerySelector("#persona-customers")!.TextContent.Trim(), StringComparison.Ordinal);

        // Segment B instead, then archived.
        var updated = await api.PutAsJsonAsync($"/api/v1/personas/{id}", new { name = "Il geometra di cantiere", kind = "b2b", match_attribute = "segmento", match_value = "B" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var replaced = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, replaced.GetProperty("matched_customers").GetInt32());
        Assert.Equal("", replaced.GetProperty("quote").GetString());   // replaced, as PUT says
        (await api.PutAsJsonAsync($"/api/v1/personas/{id}", new { name = "Il geometra di cantiere", archived = true })).EnsureSuccessStatusCode();
        Assert.DoesNotContain(id, (await api.GetFromJsonAsync<JsonElement>("/api/v1/personas")).EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.True((await api.GetFromJsonAsync<JsonElement>("/api/v1/personas?archived=true")).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id).GetProperty("archived").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/personas/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task BadInput_IsRefusedPerField_NothingIsStored_AndANameWithScriptStaysText()
    {
        var org = await app.CreateOrganizationAsync("Personas Errori S.r.l.");
        var api = org.Api();
        async Task<List<string>> RefusedAsync(object body)
        {
            var response = await api.PostAsJsonAsync("/api/v1/personas", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        }

        Assert.Equal(["name"], await RefusedAsync(new { name = " " }));
        Assert.Equal(["name"], await RefusedAsync(new { name = new string('n', Persona.MaxName + 1) }));
        Assert.Equal(["kind"], await RefusedAsync(new { name = "Tipo sbagliato", kind = "b2x" }));
        Assert.Equal(["segment"], await RefusedAsync(new { name = "Lungo", segment = new string('s', Persona.MaxShort + 1) }));
        Assert.Equal(["frustrations"], await RefusedAsync(new { name = "Lungo", frustrations = new string('f', Persona.MaxText + 1) }));
        Assert.Equal(["match_value"], await RefusedAsync(new { name = "A metà", match_attribute = "segmento" }));
        Assert.Equal(["match_attribute"], await RefusedAsync(new { name = "A metà", match_value = "A" }));

        // From the page: the error next to the field, what was typed kept, nothing stored.
        var admin = await org.SignInAsync();
        var form = await Html.ParseAsync(await SaveAsync(admin, New, new() { ["Input.Name"] = "Tenuto", ["Input.Goals"] = new string('g', Persona.MaxText + 1) }));
        Assert.NotNull(form.QuerySelector("#Goals-error"));
        Assert.Equal("Tenuto", form.QuerySelector("#persona-name")!.GetAttribute("value"));
        Assert.Empty(await StoredAsync(org));

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(admin, New, new() { ["Input.Name"] = "<script>alert(1)</script>", ["Input.Quote"] = "<img src=x onerror=alert(1)>" })).StatusCode);
        var page = await Html.GetAsync(admin, List);
        Assert.Equal("<script>alert(1)</script>", page.QuerySelector("#personas h2 a")!.TextContent);
        Assert.Contains("<img src=x onerror=alert(1)>", page.QuerySelector("#personas [data-quote]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("#personas script, #personas [data-quote] img"));
    }

    [Fact]
    public async Task AnotherOrganizationsPersona_IsNotFound_AndAgentsReadPersonasWithoutChangingThem()
    {
        var theirs = await app.CreateOrganizationAsync("Personas Altrui S.r.l.");
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(await theirs.SignInAsync(), New, new() { ["Input.Name"] = "Persona altrui" }, ("altrui.png", Png))).StatusCode);
        var other = Assert.Single(await StoredAsync(theirs));

        var agentEmail = Email("agente");
        var org = await app.CreateOrganizationAsync("Personas Nostre S.r.l.", (agentEmail, Role.Agent));
        var admin = await org.SignInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Edit(other.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{List}/{other.Id}/foto")).StatusCode);
        var api = org.Api();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/personas/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/personas/{other.Id}/photo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync($"/api/v1/personas/{other.Id}", new { name = "Presa" })).StatusCode);
        Assert.DoesNotContain("Persona altrui", await (await admin.GetAsync(List)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unchanged = Assert.Single(await StoredAsync(theirs));
        Assert.Equal(("Persona altrui", other.UpdatedAt), (unchanged.Name, unchanged.UpdatedAt));
        Assert.Equal(Png, unchanged.Photo);

        // Its own organization's photo, through the API too.
        var theirPhoto = await theirs.Api().GetAsync($"/api/v1/personas/{other.Id}/photo");
        Assert.Equal(HttpStatusCode.OK, theirPhoto.StatusCode);
        Assert.Equal(Png, await theirPhoto.Content.ReadAsByteArrayAsync());

        // Agents see the personas; the form answers 403, shown disabled, and a post changes nothing.
        var ours = await (await api.PostAsJsonAsync("/api/v1/personas", new { name = "La nostra" })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var agent = await org.SignInAsync(agentEmail);
        var list = await Html.GetAsync(agent, List);
        Assert.Null(list.QuerySelector("#new-persona"));
        Assert.Null(list.QuerySelector("#personas h2 a"));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(New)).StatusCode);
        var edit = await agent.GetAsync(Edit(ours.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.NotNull((await Html.ParseAsync(edit)).QuerySelector("#persona-form fieldset[disabled]"));
        var token = list.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var post = await agent.PostAsync(New, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["_handler"] = "persona", ["Input.Name"] = "Intrusa" }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(["La nostra"], (await StoredAsync(org)).Select(p => p.Name));
    }
}

public sealed class PersonaTestsOnSqlite(SqliteApp app) : PersonaTests(app), IClassFixture<SqliteApp>;

public sealed class PersonaTestsOnPostgres(PostgresApp app) : PersonaTests(app), IClassFixture<PostgresApp>;
