using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp;
using AngleSharp.Dom;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

/// <summary>
/// The knowledge base through HTTP on both databases: articles written from the form and the API, every save kept as a
/// version, searched in Italian with stems and accents, drafts kept from the front line, languages linked, review dates
/// flagged, Markdown inert.
/// </summary>
public abstract class KnowledgeTests(AppFixture app)
{
    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private static string Day(int fromToday) => Cerchio.Text.Times.FormDate(Cerchio.Text.Times.DayInItaly(DateTimeOffset.UtcNow).AddDays(fromToday));

    private static async Task<string> WriteAsync(HttpClient writer, string title, string body, string status = "published", string tags = "", string reviewBy = "", string url = "/comunicazioni/conoscenza/nuovo")
    {
        var saved = await Html.SubmitFormAsync(writer, url, "article", new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Body"] = body, ["Input.Category"] = "Resi e garanzie", ["Input.Tags"] = tags, ["Input.Status"] = status, ["Input.ReviewBy"] = reviewBy,
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return Html.LocationPath(saved)!;
    }

    private static async Task<List<string>> FoundAsync(HttpClient client, string q) =>
        (await Html.GetAsync(client, $"/comunicazioni/conoscenza?q={Uri.EscapeDataString(q)}")).QuerySelectorAll("#knowledge-results [data-article] a").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task Articles_AreVersioned_AndFoundInItalianWithStemsAccentsAndTags_HighlightedInTheirSnippet()
    {
        var org = await app.CreateOrganizationAsync("Conoscenza Ricerca S.r.l.", (Email("lead"), Role.CxLead), (Email("agente"), Role.Agent));
        var lead = await org.SignInAsync(Role.CxLead);
        var page = await WriteAsync(lead, "Come funzionano i resi", "La consegna del ritiro avviene entro 5 giorni lavorativi. Perché serve la bolla? Per il rimborso.", tags: "resi, rimborso");
        await WriteAsync(lead, "Orari del punto vendita", "Il negozio è aperto dal lunedì al sabato.");

        // A second save: a new version, the first kept.
        var edited = await Html.SubmitFormAsync(lead, $"{page}/modifica", "article", new Dictionary<string, string> { ["Input.Body"] = "La consegna del ritiro avviene entro 3 giorni lavorativi. Perché serve la bolla? Per il rimborso." });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var shown = await Html.GetAsync(lead, page);
        Assert.Contains("3 giorni", shown.QuerySelector("#article-body")!.TextContent);
        Assert.Equal(["2", "1"], shown.QuerySelectorAll("#article-versions [data-version]").Select(v => v.GetAttribute("data-version")!));
        Assert.Contains("5 giorni", shown.QuerySelector("#article-versions [data-version='1']")!.TextContent);

        var agent = await org.SignInAsync(Role.Agent);
        Assert.Equal(["Come funzionano i resi"], await FoundAsync(agent, "consegne"));        // a stem: consegne → consegna
        Assert.Equal(["Come funzionano i resi"], await FoundAsync(agent, "perche bolla"));    // no accent typed, both words
        Assert.Equal(["Come funzionano i resi"], await FoundAsync(agent, "RIMBORSO"));
        Assert.Equal(["Orari del punto vendita"], await FoundAsync(agent, "negozio sabato"));
        Assert.Empty(await FoundAsync(agent, "fattura"));
        Assert.Empty(await FoundAsync(agent, "\"* OR -'"));                                    // query syntax is only text
        var snippet = (await Html.GetAsync(agent, "/comunicazioni/conoscenza?q=consegne")).QuerySelector("#knowledge-results mark");
        Assert.NotNull(snippet);

        var api = await org.Api().GetFromJsonAsync<JsonElement>("/api/v1/articles?q=ritiro");
        Assert.Equal("Come funzionano i resi", api.EnumerateArray().Single().GetProperty("article").GetProperty("title").GetString());
        Assert.Equal(2, api.EnumerateArray().Single().GetProperty("article").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Drafts_AreForTheirWriters_TheFrontLineReadsPublishedArticlesOnly()
    {
        var org = await app.CreateOrganizationAsync("Conoscenza Bozze S.r.l.", (Email("lead"), Role.CxLead), (Email("agente"), Role.Agent));
        var lead = await org.SignInAsync(Role.CxLead);
        var draft = await WriteAsync(lead, "Listino segreto 2027", "Prezzi non ancora annunciati: sconto quantità.", status: "draft");
        var agent = await org.SignInAsync(Role.Agent);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync(draft)).StatusCode);
        Assert.Empty(await FoundAsync(agent, "listino"));
        Assert.Null((await Html.GetAsync(agent, "/comunicazioni/conoscenza")).QuerySelector("[data-article]"));
        Assert.Equal(["Listino segreto 2027"], await FoundAsync(lead, "listino"));
        Assert.NotEqual(HttpStatusCode.OK, (await agent.GetAsync("/comunicazioni/conoscenza/nuovo")).StatusCode);
    }

    [Fact]
    public async Task Languages_AreLinked_AndASecondVersionInTheSameLanguageIsRefused()
    {
        var org = await app.CreateOrganizationAsync("Conoscenza Lingue S.r.l.", (Email("lead"), Role.CxLead));
        var lead = await org.SignInAsync(Role.CxLead);
        var italian = await WriteAsync(lead, "Garanzia sui mobili", "Due anni su tutti i mobili.");
        var id = Guid.Parse(italian.Split('/').Last());
        var english = await WriteAsync(lead, "Furniture warranty", "Two years on all furniture.", url: $"/comunicazioni/conoscenza/nuovo?traduzione={id}");
        Assert.Equal("en", (await Html.GetAsync(lead, english)).QuerySelector("#article-body")!.GetAttribute("lang"));
        Assert.NotNull((await Html.GetAsync(lead, italian)).QuerySelector($"#article-meta a[href='{english}']"));
        Assert.Null((await Html.GetAsync(lead, italian)).QuerySelector("#translate-article"));

        var again = await org.Api().PostAsJsonAsync("/api/v1/articles", new { title = "Warranty again", body = "Two years.", language = "en", translation_of = id });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("language", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var groups = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<Article>().Select(a => a.GroupId).Distinct().CountAsync());
        Assert.Equal(1, groups);
    }

    [Fact]
    public async Task BadInput_IsRefusedNextToTheField_AndThroughTheApi_AndNothingIsStored()
    {
        var org = await app.CreateOrganizationAsync("Conoscenza Errori S.r.l.", (Email("lead"), Role.CxLead));
        var lead = await org.SignInAsync(Role.CxLead);
        var form = await Html.SubmitFormAsync(lead, "/comunicazioni/conoscenza/nuovo", "article", new Dictionary<string, string>
        {
            ["Input.Title"] = " ", ["Input.Body"] = "Testo tenuto", ["Input.ReviewBy"] = "31/02/2026", ["Input.Status"] = "segreto", ["Input.Language"] = "fr",
        });
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var page = await Html.ParseAsync(form);
        foreach (var field in new[] { "Title", "ReviewBy", "Status", "Language" })
        {
            Assert.NotNull(page.QuerySelector($"#{field}-error"));
        }

        Assert.Equal("Testo tenuto", page.QuerySelector("#article-body")!.TextContent);
        var api = org.Api();
        var unknownOwner = await api.PostAsJsonAsync("/api/v1/articles", new { title = "T", body = "B", owner_department_id = Guid.NewGuid(), touchpoints = new[] { "nessuno" } });
        var problem = await unknownOwner.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, unknownOwner.StatusCode);
        Assert.Equal(["owner_department_id", "touchpoints"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync($"/api/v1/articles/{Guid.NewGuid()}", new { title = "T", body = "B" })).StatusCode);
        Assert.Equal(0, await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<Article>().CountAsync()));
    }

    [Fact]
    public async Task ApiCrud_KeepsVersions_ArchivingHidesFromTheFrontLine_AndPastReviewDatesAreFlagged()
    {
        var org = await app.CreateOrganizationAsync("Conoscenza Api S.r.l.", (Email("agente"), Role.Agent));
        var api = org.Api();
        var created = await api.PostAsJsonAsync("/api/v1/articles", new { title = "Montaggio a domicilio", body = "Il montatore arriva <script>alert(1)</script> [qui](javascript:alert(1)).", status = "published", review_by = Day(-1), tags = "montaggio" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var article = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = article.GetProperty("id").GetGuid();
        var html = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(article.GetProperty("body_html").GetString()!));
        Assert.Empty(html.QuerySelectorAll("script"));
        Assert.DoesNotContain(html.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));

        var agent = await org.SignInAsync(Role.Agent);
        Assert.NotNull((await Html.GetAsync(agent, "/comunicazioni/conoscenza")).QuerySelector($"[data-article='{id}'] [data-stale]"));
        var page = await Html.GetAsync(agent, $"/comunicazioni/conoscenza/{id}");
        Assert.NotNull(page.QuerySelector("#article-stale"));
        Assert.Empty(page.QuerySelectorAll("#article-body script, #article-body a[href^='javascript']"));

        var updated = await api.PutAsJsonAsync($"/api/v1/articles/{id}", new { title = "Montaggio a domicilio", body = "Il montatore arriva in giornata.", status = "published", review_by = Day(90) });
        Assert.Equal(2, (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Null((await Html.GetAsync(agent, "/comunicazioni/conoscenza")).QuerySelector($"[data-article='{id}'] [data-stale]"));

        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/articles/{id}", new { title = "Montaggio a domicilio", body = "Il montatore arriva in giornata.", status = "archived" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/comunicazioni/conoscenza/{id}")).StatusCode);
        Assert.Empty(await FoundAsync(agent, "montatore"));
        var versions = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<ArticleVersion>()
            .Where(v => v.ArticleId == id).OrderBy(v => v.Version).Select(v => v.Status).ToListAsync());
        Assert.Equal([ArticleStatus.Published, ArticleStatus.Published, ArticleStatus.Archived], versions);
    }

    [Fact]
    public async Task CasePage_SuggestsArticlesFromTheCase_InsertsOneIntoTheReply_AndTheArticleCountsTheUse()
    {
        var org = await app.CreateOrganizationAsync("Conoscenza Pratica S.r.l.", (Email("lead"), Role.CxLead), (Email("agente"), Role.Agent));
        var lead = await org.SignInAsync(Role.CxLead);
        var returns = await WriteAsync(lead, "Come funzionano i resi", "Il **ritiro** a domicilio avviene entro 5 giorni lavorativi dalla richiesta.", tags: "resi");
        await WriteAsync(lead, "Orari del punto vendita", "Il negozio è aperto dal lunedì al sabato.");
        await WriteAsync(lead, "Resi: bozza interna", "Ritiro e rimborso, regole non ancora decise.", status: "draft");
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        var opened = await (await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Richiesta di ritiro del divano", customer = new { external_id = "CLI-1" }, channel = "email", text = "Vorrei organizzare il ritiro per un reso." }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var page = $"/assistenza/pratiche/{opened.GetProperty("number").GetInt32()}";

        var agent = await org.SignInAsync(Role.Agent);
        var suggested = (await Html.GetAsync(agent, page)).QuerySelectorAll("#suggested-articles [data-article] a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Come funzionano i resi"], suggested);   // not the shop hours, not the draft

        var id = returns.Split('/').Last();
        var inserted = await Html.SubmitFormAsync(agent, page, "reply", new Dictionary<string, string> { ["Reply.Text"] = "Buongiorno,", ["Reply.Article"] = id });
        var composer = (await Html.ParseAsync(inserted)).QuerySelector("#reply-text")!.TextContent;
        Assert.StartsWith("Buongiorno,", composer, StringComparison.Ordinal);
        Assert.Contains("ritiro a domicilio avviene entro 5 giorni", composer, StringComparison.Ordinal);
        Assert.DoesNotContain("**", composer, StringComparison.Ordinal);
        Assert.Equal(0, await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<CaseEntry>().CountAsync(e => e.Kind == CaseEntryKind.Reply)));

        var article = await Html.GetAsync(lead, returns);
        Assert.Contains(page, article.QuerySelectorAll("#article-uses a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Agents_RateArticlesOncePerPerson_TheWritersSeeTheVerdictsAndNotes_AndAnArticleBecomesACannedReply()
    {
        var org = await app.CreateOrganizationAsync("Conoscenza Giudizi S.r.l.", (Email("lead"), Role.CxLead), (Email("agente"), Role.Agent));
        var lead = await org.SignInAsync(Role.CxLead);
        var page = await WriteAsync(lead, "Fasce orarie di consegna", "Consegniamo dalle **8:30** alle 13:00 e dalle 14:00 alle 18:00.");
        var agent = await org.SignInAsync(Role.Agent);

        var noChoice = await Html.ParseAsync(await Html.SubmitFormAsync(agent, page, "rate", new Dictionary<string, string> { ["Rate.Note"] = "?" }));
        Assert.NotNull(noChoice.QuerySelector("#Useful-error"));
        var rated = await Html.ParseAsync(await Html.SubmitFormAsync(agent, page, "rate", new Dictionary<string, string> { ["Rate.Useful"] = "false", ["Rate.Note"] = "Manca il sabato." }));
        Assert.NotNull(rated.QuerySelector("#rated"));
        Assert.Null(rated.QuerySelector("#article-ratings"));   // the verdicts are for those who write
        await Html.SubmitFormAsync(agent, page, "rate", new Dictionary<string, string> { ["Rate.Useful"] = "true", ["Rate.Note"] = "Ora sì." });
        await Html.SubmitFormAsync(lead, page, "rate", new Dictionary<string, string> { ["Rate.Useful"] = "true" });

        var verdicts = (await Html.GetAsync(lead, page)).QuerySelector("#article-ratings")!;
        Assert.Contains("2", verdicts.QuerySelector("h2")!.TextContent);
        Assert.Equal(["Ora sì."], verdicts.QuerySelectorAll("[data-rating]").Select(r => r.TextContent.Split(": ").Last()));

        // The canned reply's form comes filled with the article as plain text; saving makes it one.
        var id = page.Split('/').Last();
        var saved = await Html.SubmitFormAsync(lead, $"/assistenza/risposte-predefinite/nuova?articolo={id}", "canned-reply", []);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var reply = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<CannedReply>().SingleAsync());
        Assert.Equal("Fasce orarie di consegna", reply.Title);
        Assert.Equal("Consegniamo dalle 8:30 alle 13:00 e dalle 14:00 alle 18:00.", reply.Body);
    }
}

public sealed class KnowledgeTestsOnSqlite(SqliteApp app) : KnowledgeTests(app), IClassFixture<SqliteApp>;

public sealed class KnowledgeTestsOnPostgres(PostgresApp app) : KnowledgeTests(app), IClassFixture<PostgresApp>;
