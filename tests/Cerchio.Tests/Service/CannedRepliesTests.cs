using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

/// <summary>Canned replies: kept per organization on their own page, inserted into a case's reply with the case's values.</summary>
public abstract class CannedRepliesTests(AppFixture app)
{
    private const string List = "/assistenza/risposte-predefinite";
    private const string New = "/assistenza/risposte-predefinite/nuova";

    private Task<List<CannedReply>> StoredAsync(Guid organizationId) =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<CannedReply>().AsNoTracking().OrderBy(r => r.TitleKey).ToListAsync());

    private static string? ErrorOf(IDocument page, string field) => page.QuerySelector($"[id='{field}-error']")?.TextContent;

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string url, string title, string body, string language = "") =>
        Html.SubmitFormAsync(client, url, "canned-reply", new() { ["Input.Title"] = title, ["Input.Body"] = body, ["Input.Language"] = language });

    private static async Task<Guid> CreateAsync(HttpClient client, string title, string body, string language = "")
    {
        var response = await SaveAsync(client, New, title, body, language);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(Html.LocationPath(response)!.Split('/').Last());
    }

    private static async Task<int> OpenCaseAsync(TestOrganization org, string customer, string subject)
    {
        var api = org.Api();
        var external = $"CLI-{Guid.NewGuid():N}"[..12];
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = customer, external_id = external, email = $"{external}@example.test" })).EnsureSuccessStatusCode();
        var opened = await (await api.PostAsJsonAsync("/api/v1/cases", new { subject, customer = new { external_id = external }, channel = "email", text = "Quando arriva?" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return opened.GetProperty("number").GetInt32();
    }

    [Fact]
    public async Task ManagementPage_CreatesEditsAndDeletes_RefusingBadInputWithoutSavingIt()
    {
        var org = await app.CreateOrganizationAsync("Risposte Pronte S.r.l.");
        var admin = await org.SignInAsync();
        Assert.NotNull((await Html.GetAsync(admin, "/assistenza")).QuerySelector($"#desk-settings-links a[href='{List}']"));
        Assert.NotNull((await Html.GetAsync(admin, List)).QuerySelector("#no-canned-replies"));

        // Empty: both fields named, nothing saved.
        var empty = await Html.ParseAsync(await SaveAsync(admin, New, "  ", ""));
        Assert.Contains("Il titolo è obbligatorio", ErrorOf(empty, "Title"));
        Assert.Contains("Il testo è obbligatorio", ErrorOf(empty, "Body"));

        // Too long: refused, and what was typed stays in the form.
        var tooLongTitle = await Html.ParseAsync(await SaveAsync(admin, New, new string('T', CannedReply.MaxTitle + 1), "Testo da tenere"));
        Assert.Contains("al massimo 120 caratteri", ErrorOf(tooLongTitle, "Title"));
        Assert.Equal("Testo da tenere", tooLongTitle.QuerySelector<IHtmlTextAreaElement>("#canned-body")!.Value);
        var tooLongBody = await Html.ParseAsync(await SaveAsync(admin, New, "Lunghissima", new string('x', CannedReply.MaxBody + 1)));
        Assert.Contains("al massimo 10000 caratteri", ErrorOf(tooLongBody, "Body"));
        Assert.Equal("Lunghissima", tooLongBody.QuerySelector<IHtmlInputElement>("#canned-title")!.Value);
        var badLanguage = await Html.ParseAsync(await SaveAsync(admin, New, "Lingua strana", "Testo", "fr"));
        Assert.NotNull(ErrorOf(badLanguage, "Language"));
        Assert.Empty(await StoredAsync(org.Id));

        var id = await CreateAsync(admin, " Spedizione in ritardo ", "Gentile {{cliente}},\nla pratica {{pratica}} è in lavorazione.", "it");
        var stored = Assert.Single(await StoredAsync(org.Id));
        Assert.Equal((id, "Spedizione in ritardo", "Gentile {{cliente}},\nla pratica {{pratica}} è in lavorazione.", "it"), (stored.Id, stored.Title, stored.Body, stored.Language));
        Assert.StartsWith("Admin Risposte Pronte S.r.l.", stored.CreatedBy);
        Assert.Equal(stored.CreatedBy, stored.UpdatedBy);

        // The same title in other capitals is the same reply to whoever picks it.
        var duplicate = await Html.ParseAsync(await SaveAsync(admin, New, "SPEDIZIONE IN RITARDO", "Un altro testo"));
        Assert.Contains("Esiste già una risposta predefinita con questo titolo", ErrorOf(duplicate, "Title"));
        Assert.Equal("Un altro testo", duplicate.QuerySelector<IHtmlTextAreaElement>("#canned-body")!.Value);
        Assert.Single(await StoredAsync(org.Id));

        // An unknown placeholder is saved as typed, with a warning naming it.
        var url = $"{List}/{id}";
        var edited = await SaveAsync(admin, url, "Spedizione partita", "Il pacco dell'ordine {{ordine}} è partito, {{cliente}}.", "");
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var editedPage = await Html.ParseAsync(edited);
        Assert.NotNull(editedPage.QuerySelector("#canned-reply-saved"));
        Assert.Contains("{{ordine}}", editedPage.QuerySelector("#unknown-placeholders")!.TextContent);
        stored = Assert.Single(await StoredAsync(org.Id));
        Assert.Equal(("Spedizione partita", "Il pacco dell'ordine {{ordine}} è partito, {{cliente}}.", (string?)null), (stored.Title, stored.Body, stored.Language));

        // Editing into another reply's title is refused too; keeping its own title is not a duplicate.
        await CreateAsync(admin, "Reso", "Per il reso usa il modulo.");
        var clash = await Html.ParseAsync(await SaveAsync(admin, url, "reso", "Cambiato"));
        Assert.Contains("Esiste già", ErrorOf(clash, "Title"));
        Assert.Equal("Il pacco dell'ordine {{ordine}} è partito, {{cliente}}.", (await StoredAsync(org.Id)).Single(r => r.Id == id).Body);

        var list = await Html.GetAsync(admin, List);
        Assert.Equal(["Reso", "Spedizione partita"], list.QuerySelectorAll("#canned-replies summary strong").Select(s => s.TextContent).ToArray());

        // Delete asks first, naming the reply; only the confirmation deletes.
        var confirm = await Html.GetAsync(admin, url + "?elimina=1");
        Assert.Contains("«Spedizione partita»", confirm.QuerySelector("#confirm-delete")!.TextContent);
        Assert.Equal(2, (await StoredAsync(org.Id)).Count);
        var deleted = await Html.SubmitFormAsync(admin, url + "?elimina=1", "delete-canned-reply", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(List, Html.LocationPath(deleted));
        Assert.Equal("Reso", Assert.Single(await StoredAsync(org.Id)).Title);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task ErrorsAreInEnglish_ForAnEnglishSpeaker()
    {
        var org = await app.CreateOrganizationAsync("English Replies Ltd");
        var admin = await org.SignInAsync();
        var token = (await Html.GetAsync(admin, New)).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var switched = await admin.PostAsync("/lingua", new FormUrlEncodedContent(new Dictionary<string, string> { ["language"] = "en", ["returnUrl"] = New, ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var page = await Html.ParseAsync(await SaveAsync(admin, New, "", "Body kept"));

        Assert.Contains("The title is required", ErrorOf(page, "Title"));
        Assert.Equal("Body kept", page.QuerySelector<IHtmlTextAreaElement>("#canned-body")!.Value);
    }

    [Fact]
    public async Task Inserting_OnTheCasePage_AppendsTheExpandedReply_KeepingTypedTextAndCc_AndSendsNothing()
    {
        var org = await app.CreateOrganizationAsync("Inserisci S.r.l.");
        var admin = await org.SignInAsync();
        var number = await OpenCaseAsync(org, "Verdi S.r.l.", "Tempi di consegna");
        var id = await CreateAsync(admin, "Presa in carico", "Gentile {{cliente}}, la pratica {{pratica}} («{{oggetto}}») è seguita da {{operatore}}. {{ordine}}");
        var url = $"/assistenza/pratiche/{number}";
        var page = await Html.GetAsync(admin, url);
        Assert.Equal(["", id.ToString()], page.QuerySelectorAll("#canned-reply option").Select(o => o.GetAttribute("value") ?? "null").ToArray());

        // As the browser sends the reply form: multipart, with a file chosen.
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == "reply");
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in Html.FormValues(form).Where(v => !v.Key.StartsWith("Reply.", StringComparison.Ordinal)))
        {
            content.Add(new StringContent(value, Encoding.UTF8), name);
        }

        content.Add(new StringContent("Buongiorno,\nho controllato.", Encoding.UTF8), "Reply.Text");
        content.Add(new StringContent("capo@example.test", Encoding.UTF8), "Reply.Cc");
        content.Add(new StringContent(id.ToString(), Encoding.UTF8), "Reply.Canned");
        content.Add(new StringContent("inserisci", Encoding.UTF8), "Reply.Action");
        content.Add(new ByteArrayContent("ciao"u8.ToArray()), "ReplyFiles", "nota.txt");
        var response = await admin.PostAsync(url, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await Html.ParseAsync(response);
        Assert.Equal(
            $"Buongiorno,\nho controllato.\n\nGentile Verdi S.r.l., la pratica #{number} («Tempi di consegna») è seguita da Admin Inserisci S.r.l.. {{{{ordine}}}}",
            after.QuerySelector<IHtmlTextAreaElement>("#reply-text")!.Value.ReplaceLineEndings("\n"));
        Assert.Equal("capo@example.test", after.QuerySelector<IHtmlInputElement>("#reply-cc")!.Value);
        Assert.Equal(id.ToString(), after.QuerySelector<IHtmlSelectElement>("#canned-reply")!.Value);
        Assert.Contains("scegli di nuovo gli allegati", after.QuerySelector("#ReplyFiles-error")!.TextContent);
        var entries = await org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}/entries");
        Assert.DoesNotContain(entries.EnumerateArray(), e => e.GetProperty("kind").GetString() == "reply");

        // Nothing chosen: said so, the typed text stays.
        var none = await Html.ParseAsync(await Html.SubmitFormAsync(admin, url, "reply", new() { ["Reply.Text"] = "Solo questo", ["Reply.Action"] = "inserisci" }));
        Assert.Contains("Scegli una risposta predefinita", none.QuerySelector("#Reply-error")!.TextContent);
        Assert.Equal("Solo questo", none.QuerySelector<IHtmlTextAreaElement>("#reply-text")!.Value);
    }

    [Fact]
    public async Task AnotherOrganizationsReply_IsNeverListedNorInserted()
    {
        var mine = await app.CreateOrganizationAsync("Mia Risposta S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Loro Risposta S.r.l.");
        var theirAdmin = await theirs.SignInAsync();
        var theirId = await CreateAsync(theirAdmin, "Segreto loro", "Testo riservato loro");
        var admin = await mine.SignInAsync();
        await CreateAsync(admin, "Segreto loro", "Il mio testo");   // the same title in another organization is no duplicate
        var number = await OpenCaseAsync(mine, "Rossi S.r.l.", "Fattura");
        var url = $"/assistenza/pratiche/{number}";

        Assert.DoesNotContain("Testo riservato loro", (await Html.GetAsync(admin, List)).Body!.InnerHtml);
        Assert.DoesNotContain(theirId.ToString(), (await Html.GetAsync(admin, url)).Body!.InnerHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{List}/{theirId}")).StatusCode);

        var inserted = await Html.ParseAsync(await Html.SubmitFormAsync(admin, url, "reply", new() { ["Reply.Text"] = "Mio", ["Reply.Canned"] = theirId.ToString(), ["Reply.Action"] = "inserisci" }));
        Assert.Equal("Mio", inserted.QuerySelector<IHtmlTextAreaElement>("#reply-text")!.Value);
        Assert.Contains("Scegli una risposta predefinita", inserted.QuerySelector("#Reply-error")!.TextContent);

        // Nor filled in for the page's JavaScript: their reply on my case, or a case number nobody has.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{url}/risposte-predefinite/{theirId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/assistenza/pratiche/999999/risposte-predefinite/{theirId}")).StatusCode);

        var edit = await admin.PostAsync($"{List}/{theirId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "canned-reply", ["__RequestVerificationToken"] = (await Html.GetAsync(admin, New)).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value!,
            ["Input.Title"] = "Preso", ["Input.Body"] = "Preso",
        }));
        // Their page is not found here, so neither is its form: refused either way.
        Assert.True(edit.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{(int)edit.StatusCode}");
        Assert.Equal(("Segreto loro", "Testo riservato loro"), (await StoredAsync(theirs.Id)).Select(r => (r.Title, r.Body)).Single());
    }

    [Fact]
    public async Task Api_ListsTheOrganizationsOwnReplies_AsWritten()
    {
        var mine = await app.CreateOrganizationAsync("Api Risposte S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Api Altri S.r.l.");
        await CreateAsync(await theirs.SignInAsync(), "Loro", "Non per te");
        var admin = await mine.SignInAsync();
        await CreateAsync(admin, "Zeta", "Ciao {{cliente}}", "it");
        await CreateAsync(admin, "alfa", "Hello {{cliente}}", "en");

        var replies = await mine.Api().GetFromJsonAsync<JsonElement>("/api/v1/canned-replies");

        Assert.Equal(
            [("alfa", "Hello {{cliente}}", "en"), ("Zeta", "Ciao {{cliente}}", "it")],
            replies.EnumerateArray().Select(r => (r.GetProperty("title").GetString(), r.GetProperty("body").GetString(), r.GetProperty("language").GetString())).ToArray());
    }

    [Fact]
    public async Task ATeamMember_ReadsAndInsertsReplies_ButCannotChangeThem()
    {
        var org = await app.CreateOrganizationAsync("Solo Lettura S.r.l.", ("referente@lettura.test", Role.TeamMember));
        var admin = await org.SignInAsync();
        var id = await CreateAsync(admin, "Orari", "Siamo aperti dalle 9 alle 18, {{cliente}}.");
        var number = await OpenCaseAsync(org, "Neri S.r.l.", "Orari");
        var member = await org.SignInAsync(Role.TeamMember);

        var list = await Html.GetAsync(member, List);
        Assert.Contains("Siamo aperti dalle 9 alle 18", list.QuerySelector("#canned-replies")!.TextContent);
        Assert.Null(list.QuerySelector("#new-canned-reply"));
        Assert.Null(list.QuerySelector($"a[href='{List}/{id}']"));
        Assert.Null((await Html.GetAsync(member, "/assistenza")).QuerySelector("#desk-settings-links"));
        foreach (var denied in new[] { New, $"{List}/{id}" })
        {
            var response = await member.GetAsync(denied);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/accesso-negato", Html.LocationPath(response));
        }

        // Posted anyway, with the member's own token: refused, nothing changed.
        var token = list.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value!;
        foreach (var (url, handler) in new[] { (New, "canned-reply"), ($"{List}/{id}", "canned-reply"), ($"{List}/{id}", "delete-canned-reply") })
        {
            var post = await member.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = handler, ["__RequestVerificationToken"] = token, ["Input.Title"] = "Cambiato", ["Input.Body"] = "Cambiato",
            }));
            Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{url} {handler}: {(int)post.StatusCode}");
            Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        }

        Assert.Equal(("Orari", "Siamo aperti dalle 9 alle 18, {{cliente}}."), (await StoredAsync(org.Id)).Select(r => (r.Title, r.Body)).Single());

        var inserted = await Html.ParseAsync(await Html.SubmitFormAsync(member, $"/assistenza/pratiche/{number}", "reply", new() { ["Reply.Canned"] = id.ToString(), ["Reply.Action"] = "inserisci" }));
        Assert.Equal("Siamo aperti dalle 9 alle 18, Neri S.r.l..", inserted.QuerySelector<IHtmlTextAreaElement>("#reply-text")!.Value);

        // What js/canned-replies.js asks for: the same text, filled in for this case, as plain text.
        var picker = inserted.QuerySelector("#canned-reply-picker")!;
        var expanded = await member.GetAsync($"{picker.GetAttribute("data-expand")}/{id}");
        Assert.Equal(HttpStatusCode.OK, expanded.StatusCode);
        Assert.Equal("text/plain", expanded.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Siamo aperti dalle 9 alle 18, Neri S.r.l..", await expanded.Content.ReadAsStringAsync());
        Assert.StartsWith("/accedi", Html.LocationPath(await app.Browser().GetAsync($"{picker.GetAttribute("data-expand")}/{id}")));
    }
}

public sealed class CannedRepliesTestsOnSqlite(SqliteApp app) : CannedRepliesTests(app), IClassFixture<SqliteApp>;

public sealed class CannedRepliesTestsOnPostgres(PostgresApp app) : CannedRepliesTests(app), IClassFixture<PostgresApp>;
