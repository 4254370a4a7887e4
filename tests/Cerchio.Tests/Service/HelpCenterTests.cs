using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

/// <summary>
/// The public help page (/aiuto/{slug}) through HTTP on both databases: only the organization's published public
/// articles, in the language asked, searched with the knowledge base's engine, nothing for staff only; and on the case
/// page, the article search as the agent types with the text or the public link put into the reply, the use recorded.
/// </summary>
public abstract class HelpCenterTests(AppFixture app)
{
    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private sealed record Written(Guid Id, string Title);

    private static async Task<Written> WriteAsync(HttpClient api, string title, string body, bool isPublic, string status = "published", string language = "it",
        Guid? translationOf = null, Guid? owner = null, string category = "Resi e consegne", string tags = "")
    {
        var response = await api.PostAsJsonAsync("/api/v1/articles", new
        {
            title, body, category, tags, language, status, is_public = isPublic, translation_of = translationOf, owner_department_id = owner,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var article = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Written(article.GetProperty("id").GetGuid(), title);
    }

    private static async Task<List<string>> TitlesAsync(HttpClient client, string url, string list = "#help-articles") =>
        (await Html.GetAsync(client, url)).QuerySelectorAll($"{list} [data-article] a").Select(a => a.TextContent.Trim()).ToList();

    private Task<string> SlugAsync(TestOrganization org) => ContactForms.SlugAsync(app, org.Id);

    private Task<int> UsesAsync(TestOrganization org, Guid articleId) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<ArticleUse>().CountAsync(u => u.ArticleId == articleId));

    /// <summary>An organization with a public article (and its English version), an internal one, a public draft and a public archived one.</summary>
    private async Task<(TestOrganization Org, string Slug, Written Public, Written English, Written Internal, Written Draft, Written Archived, string Department)> SeedAsync(string name)
    {
        var org = await app.CreateOrganizationAsync(name, (Email("lead"), Role.CxLead), (Email("agente"), Role.Agent), (Email("direzione"), Role.Executive));
        var department = await app.InOrganizationAsync(org.Id, async services => (await services.GetRequiredService<IOrganizationDirectory>().DepartmentsAsync()).First());
        var api = org.Api();
        var shown = await WriteAsync(api, "Come restituire un prodotto", "La **consegna** del reso è gratuita entro 30 giorni. Perché conservare lo scontrino? Serve per il rimborso.",
            isPublic: true, owner: department.Id, tags: "tagriservato");
        var english = await WriteAsync(api, "How to return a product", "Returning is free within 30 days: delivery of the parcel is on us.", isPublic: true, language: "en", translationOf: shown.Id);
        var inside = await WriteAsync(api, "Consegne: margini interni", "La consegna costa a noi 7 euro: non dirlo al cliente.", isPublic: false, category: "Solo per noi");
        var draft = await WriteAsync(api, "Consegne del 2027", "La consegna sarà gratuita dal 2027.", isPublic: true, status: "draft");
        var archived = await WriteAsync(api, "Vecchie consegne", "La consegna costava 5 euro.", isPublic: true);
        (await api.PutAsJsonAsync($"/api/v1/articles/{archived.Id}", new { title = archived.Title, body = "La consegna costava 5 euro.", category = "Resi e consegne", language = "it", status = "archived", is_public = true }))
            .EnsureSuccessStatusCode();
        return (org, await SlugAsync(org), shown, english, inside, draft, archived, department.Name);
    }

    [Fact]
    public async Task HelpPage_ListsOnlyThePublishedPublicArticlesOfItsOrganization_InItsLanguage_ForAnyone()
    {
        var (_, slug, shown, english, _, _, _, department) = await SeedAsync("Aiuto Elenco S.r.l.");
        var other = await app.CreateOrganizationAsync("Aiuto Altra S.r.l.");
        await WriteAsync(other.Api(), "Articolo di un'altra azienda", "La consegna è lenta.", isPublic: true);
        var visitor = app.Browser();

        var page = await Html.GetAsync(visitor, $"/aiuto/{slug}");
        Assert.Equal("it", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal([shown.Title], page.QuerySelectorAll("#help-articles [data-article] a").Select(a => a.TextContent.Trim()));
        Assert.Equal("Resi e consegne", page.QuerySelector("#help-articles [data-category] h2")!.TextContent);
        Assert.Equal($"/contatti/{slug}", page.QuerySelector("#help-contact a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("main h1"));
        Assert.NotNull(page.QuerySelector("form[role=search] label[for=help-q]"));
        Assert.DoesNotContain(department, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("tagriservato", page.Body!.TextContent, StringComparison.Ordinal);

        var inEnglish = await Html.GetAsync(visitor, $"/aiuto/{slug}?lang=en");
        Assert.Equal("en", inEnglish.DocumentElement.GetAttribute("lang"));
        Assert.Equal("How can we help?", inEnglish.QuerySelector("h1")!.TextContent);
        Assert.Equal([english.Title], inEnglish.QuerySelectorAll("#help-articles [data-article] a").Select(a => a.TextContent.Trim()));
        Assert.Equal($"/aiuto/{slug}/{english.Id}?lang=en", inEnglish.QuerySelector("#help-articles [data-article] a")!.GetAttribute("href"));
        Assert.Equal($"/contatti/{slug}?lang=en", inEnglish.QuerySelector("#help-contact a")!.GetAttribute("href"));

        // A person signed in to another organization sees this organization's page, not their own articles.
        var stranger = await other.SignInAsync();
        Assert.Equal([shown.Title], await TitlesAsync(stranger, $"/aiuto/{slug}"));
        Assert.Equal(["Articolo di un'altra azienda"], await TitlesAsync(stranger, $"/aiuto/{await SlugAsync(other)}"));

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/aiuto/nessuna-azienda-cosi")).StatusCode);
    }

    [Fact]
    public async Task HelpSearch_FindsByItalianStemsAndAccents_AndNeverInternalDraftArchivedOrOtherLanguageArticles()
    {
        var (_, slug, shown, english, _, _, _, _) = await SeedAsync("Aiuto Ricerca S.r.l.");
        var visitor = app.Browser();
        Task<List<string>> FoundAsync(string q, string lang = "") => TitlesAsync(visitor, $"/aiuto/{slug}?q={Uri.EscapeDataString(q)}{lang}", "#help-results");

        Assert.Equal([shown.Title], await FoundAsync("consegne"));          // a stem: every article says "consegna", only one is public
        Assert.Equal([shown.Title], await FoundAsync("perche scontrino"));  // no accent typed
        Assert.Empty(await FoundAsync("euro"));                              // only in the internal, draft and archived ones
        Assert.Empty(await FoundAsync("delivery"));                          // English, asked in Italian
        Assert.Equal([english.Title], await FoundAsync("delivery", "&lang=en"));
        Assert.Empty(await FoundAsync("\"* OR -'"));
        var page = await Html.GetAsync(visitor, $"/aiuto/{slug}?q=consegne");
        Assert.NotNull(page.QuerySelector("#help-results mark"));
        Assert.NotNull((await Html.GetAsync(visitor, $"/aiuto/{slug}?q=fattura")).QuerySelector("#help-no-results"));
    }

    [Fact]
    public async Task ArticlePage_ShowsAPublicArticle_AndIsNotFoundForDraftArchivedInternalOtherOrganizationsOrUnknown()
    {
        var (org, slug, shown, english, inside, draft, archived, department) = await SeedAsync("Aiuto Articolo S.r.l.");
        var other = await SeedAsync("Aiuto Articolo Altra S.r.l.");
        var visitor = app.Browser();

        var page = await Html.GetAsync(visitor, $"/aiuto/{slug}/{shown.Id}");
        Assert.Equal(shown.Title, page.QuerySelector("h1")!.TextContent);
        Assert.Equal("consegna", page.QuerySelector("#help-article-body strong")!.TextContent);
        Assert.Contains("Resi e consegne", page.QuerySelector("#help-article-meta")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Aggiornato il", page.QuerySelector("#help-article-meta")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/aiuto/{slug}/{english.Id}?lang=en", page.QuerySelector("#help-other-language")!.GetAttribute("href"));
        Assert.Equal($"/contatti/{slug}", page.QuerySelector("#help-contact a")!.GetAttribute("href"));
        foreach (var staffOnly in new[] { department, "tagriservato", "Versione", "utile" })
        {
            Assert.DoesNotContain(staffOnly, page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        }

        var inEnglish = await Html.GetAsync(visitor, $"/aiuto/{slug}/{english.Id}?lang=en");
        Assert.Equal("en", inEnglish.DocumentElement.GetAttribute("lang"));
        Assert.Equal($"/aiuto/{slug}/{shown.Id}", inEnglish.QuerySelector("#help-other-language")!.GetAttribute("href"));

        foreach (var hidden in new[] { $"/aiuto/{slug}/{inside.Id}", $"/aiuto/{slug}/{draft.Id}", $"/aiuto/{slug}/{archived.Id}", $"/aiuto/{slug}/{other.Public.Id}",
                     $"/aiuto/{other.Slug}/{shown.Id}", $"/aiuto/nessuna-azienda-cosi/{shown.Id}", $"/aiuto/{slug}/{Guid.NewGuid()}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(hidden)).StatusCode);
        }

        // The staff's page of a public article leads to its public address; an internal one has none.
        var lead = await org.SignInAsync(Role.CxLead);
        Assert.Equal($"/aiuto/{slug}/{shown.Id}", (await Html.GetAsync(lead, $"/comunicazioni/conoscenza/{shown.Id}")).QuerySelector("#article-help-page")!.GetAttribute("href"));
        Assert.Null((await Html.GetAsync(lead, $"/comunicazioni/conoscenza/{inside.Id}")).QuerySelector("#article-help-page"));
    }

    [Fact]
    public async Task PublicArticleFiles_AreForAnyone_AnInternalArticlesFilesForNobodyOutside()
    {
        var (org, slug, shown, _, inside, draft, _, _) = await SeedAsync("Aiuto Allegati S.r.l.");
        var other = await SeedAsync("Aiuto Allegati Altra S.r.l.");
        var pdf = "%PDF-1.4 manuale"u8.ToArray();
        var files = await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            DocumentFile FileOf(Guid article, string name) => new()
            {
                Id = Ids.New(), OwnerKind = DocumentOwner.Article, OwnerId = article, FileName = name, ContentType = "application/pdf", Content = pdf, Size = pdf.Length,
                AddedAt = DateTimeOffset.UtcNow,
            };
            var (manual, margins, future) = (FileOf(shown.Id, "manuale di reso.pdf"), FileOf(inside.Id, "margini.pdf"), FileOf(draft.Id, "listino 2027.pdf"));
            db.AddRange(manual, margins, future);
            await db.SaveChangesAsync();
            return (Manual: manual.Id, Margins: margins.Id, Future: future.Id);
        });

        var visitor = app.Browser();
        var chip = (await Html.GetAsync(visitor, $"/aiuto/{slug}/{shown.Id}")).QuerySelector("#help-article-files a.attachment-chip")!;
        Assert.Equal("manuale di reso.pdf", chip.QuerySelector(".attachment-name")!.TextContent);
        var download = await visitor.GetAsync(chip.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);

        foreach (var hidden in new[]
                 {
                     $"/aiuto/{slug}/{inside.Id}/allegati/{files.Margins}", $"/aiuto/{slug}/{shown.Id}/allegati/{files.Margins}",
                     $"/aiuto/{slug}/{draft.Id}/allegati/{files.Future}", $"/aiuto/{other.Slug}/{shown.Id}/allegati/{files.Manual}",
                     $"/aiuto/{slug}/{shown.Id}/allegati/{Guid.NewGuid()}",
                 })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(hidden)).StatusCode);
        }
    }

    private static async Task<int> OpenCaseAsync(TestOrganization org)
    {
        var api = org.Api();
        await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1" });   // the second time: already there
        var opened = await (await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Domanda sul reso", customer = new { external_id = "CLI-1" }, channel = "email", text = "Come funziona?" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return opened.GetProperty("number").GetInt32();
    }

    /// <summary>What js/article-insert.js posts: the mode and the reply form's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> InsertAsync(HttpClient client, int number, Guid articleId, string mode, string? tokenFrom = null)
    {
        var page = await Html.GetAsync(client, tokenFrom ?? $"/assistenza/pratiche/{number}");
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        return await client.PostAsync($"/assistenza/pratiche/{number}/articoli/{articleId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["modo"] = mode, ["__RequestVerificationToken"] = token }));
    }

    [Fact]
    public async Task CasePage_SearchesArticlesAsTyped_AndInsertsTheTextOrThePublicLink_RecordingTheUse()
    {
        var (org, slug, shown, _, inside, _, _, _) = await SeedAsync("Aiuto Pratica S.r.l.");
        var other = await SeedAsync("Aiuto Pratica Altra S.r.l.");
        var number = await OpenCaseAsync(org);
        // Case numbers count per organization: the other's second case has a number this one has not.
        await OpenCaseAsync(other.Org);
        var otherNumber = await OpenCaseAsync(other.Org);
        Assert.NotEqual(number, otherNumber);
        var agent = await org.SignInAsync(Role.Agent);

        // As typed: the fragment lists the published articles, a link offered only for the public one.
        var fragment = await Html.GetAsync(agent, $"/assistenza/pratiche/{number}/articoli?q=consegne");
        var hits = fragment.QuerySelectorAll("[data-article]").ToDictionary(h => h.GetAttribute("data-article")!);
        Assert.Equal(new[] { shown.Id, inside.Id }.Select(i => i.ToString()).Order(), hits.Keys.Order());
        Assert.NotNull(hits[shown.Id.ToString()].QuerySelector("button[name='Reply.ArticleLink'][form=reply-form]"));
        Assert.Null(hits[inside.Id.ToString()].QuerySelector("button[name='Reply.ArticleLink']"));
        Assert.NotNull(hits[inside.Id.ToString()].QuerySelector("button[name='Reply.Article'][form=reply-form]"));
        Assert.NotNull((await Html.GetAsync(agent, $"/assistenza/pratiche/{number}/articoli?q=fattura")).QuerySelector("[data-no-article]"));
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/assistenza/pratiche/{otherNumber}/articoli?q=consegne")).StatusCode);
        // Without JavaScript the search box's form brings the page back with the same hits.
        Assert.Equal(2, (await Html.GetAsync(agent, $"/assistenza/pratiche/{number}?q=consegne")).QuerySelectorAll("#article-results [data-article]").Length);

        // The link: the help page's absolute address, the use recorded.
        var link = await InsertAsync(agent, number, shown.Id, "link");
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        Assert.Equal($"http://localhost/aiuto/{slug}/{shown.Id}", await link.Content.ReadAsStringAsync());
        Assert.Equal(1, await UsesAsync(org, shown.Id));
        var text = await InsertAsync(agent, number, shown.Id, "testo");
        Assert.StartsWith("La consegna del reso è gratuita", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await UsesAsync(org, shown.Id));

        // An internal article has no public address; other organizations' cases and articles are not found; nothing recorded.
        Assert.Equal(HttpStatusCode.Conflict, (await InsertAsync(agent, number, inside.Id, "link")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await InsertAsync(agent, otherNumber, other.Public.Id, "link", tokenFrom: $"/assistenza/pratiche/{number}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await InsertAsync(agent, number, other.Public.Id, "link")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await InsertAsync(agent, number, shown.Id, "tutto")).StatusCode);
        var forged = await agent.PostAsync($"/assistenza/pratiche/{number}/articoli/{shown.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["modo"] = "link" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var executive = await org.SignInAsync(Role.Executive);
        // Who may only read cases puts nothing into a reply (sent to the access-denied page, as for any page of the app).
        Assert.False((await InsertAsync(executive, number, shown.Id, "link")).IsSuccessStatusCode);
        Assert.Equal(0, await UsesAsync(org, inside.Id));
        Assert.Equal(0, await UsesAsync(other.Org, other.Public.Id));
        Assert.Equal(2, await UsesAsync(org, shown.Id));

        // Without JavaScript the buttons post the reply form: the link goes after what is typed; an internal one is refused, the text kept.
        var posted = await Html.SubmitFormAsync(agent, $"/assistenza/pratiche/{number}", "reply", new Dictionary<string, string> { ["Reply.Text"] = "Trova qui le istruzioni:", ["Reply.ArticleLink"] = shown.Id.ToString() });
        Assert.Equal($"Trova qui le istruzioni: http://localhost/aiuto/{slug}/{shown.Id}", (await Html.ParseAsync(posted)).QuerySelector("#reply-text")!.TextContent);
        Assert.Equal(3, await UsesAsync(org, shown.Id));
        var refused = await Html.ParseAsync(await Html.SubmitFormAsync(agent, $"/assistenza/pratiche/{number}", "reply", new Dictionary<string, string> { ["Reply.Text"] = "Buongiorno", ["Reply.ArticleLink"] = inside.Id.ToString() }));
        Assert.Equal("Buongiorno", refused.QuerySelector("#reply-text")!.TextContent);
        Assert.Contains("solo per uso interno", refused.QuerySelector("#Reply-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await UsesAsync(org, inside.Id));
        Assert.Equal(0, await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<CaseEntry>().CountAsync(e => e.Kind == CaseEntryKind.Reply)));
    }
}

public sealed class HelpCenterTestsOnSqlite(SqliteApp app) : HelpCenterTests(app), IClassFixture<SqliteApp>;

public sealed class HelpCenterTestsOnPostgres(PostgresApp app) : HelpCenterTests(app), IClassFixture<PostgresApp>;
