using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Knowledge;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

/// <summary>
/// The files of announcements and articles through HTTP on both databases: kept with their owner from its form,
/// downloaded inert from its page and the API, named in the announcement's email, removable; programs and scripts
/// (by name or by their first bytes), oversized and empty files refused with nothing saved. And stale articles
/// flagged to their owner once per review date.
/// </summary>
public abstract class DocumentFilesTests(MailApp app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% listino\n");

    private async Task<(TestOrganization Org, string Lead, string Agent, string Head)> TeamAsync(string name)
    {
        var org = await app.CreateOrganizationAsync(name);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var people = new[]
        {
            new NewPerson("Lead", $"lead.{unique}@example.test", TestOrganization.Password, Role.CxLead, "Direzione"),
            new NewPerson("Agente", $"agente.{unique}@example.test", TestOrganization.Password, Role.Agent, "Customer service e post-vendita"),
            new NewPerson("Capo", $"capo.{unique}@example.test", TestOrganization.Password, Role.TeamMember, "Logistica e magazzino", HeadsDepartment: true),
        };
        await app.InOrganizationAsync(org.Id, async services =>
        {
            foreach (var person in people)
            {
                Assert.False((await services.GetRequiredService<IOrganizationProvisioning>().AddPersonAsync(person)).Errors.Any);
            }

            return 0;
        });
        return (org, people[0].Email, people[1].Email, people[2].Email);
    }

    private static Task<HttpResponseMessage> SaveArticleAsync(HttpClient writer, string url, string title, params (string Name, byte[] Content)[] files) =>
        Html.SubmitMultipartAsync(writer, url, "article",
            new Dictionary<string, string> { ["Input.Title"] = title, ["Input.Body"] = "Il listino **2027** è allegato.", ["Input.Status"] = "published" }, files);

    [Fact]
    public async Task ArticleFiles_AreKeptFromTheForm_DownloadedInert_ListedByTheApi_AndRemovable()
    {
        var (org, leadEmail, agentEmail, _) = await TeamAsync("Allegati Articoli S.r.l.");
        var lead = await org.SignInAsync(leadEmail);
        var saved = await SaveArticleAsync(lead, "/comunicazioni/conoscenza/nuovo", "Listino 2027", ("listino 2027.pdf", Pdf), ("scheda.html.txt", "<b>testo</b>"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = Html.LocationPath(saved)!;
        var id = Guid.Parse(page.Split('/').Last());

        // The front line sees the files on the article and downloads them as attachments that never run.
        var agent = await org.SignInAsync(agentEmail);
        var chips = (await Html.GetAsync(agent, page)).QuerySelectorAll("#article-files a.attachment-chip").ToList();
        Assert.Equal(["listino 2027.pdf", "scheda.html.txt"], chips.Select(c => c.QuerySelector(".attachment-name")!.TextContent));
        var download = await agent.GetAsync(chips[0].GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());

        var listed = await org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}/attachments");
        Assert.Equal(["listino 2027.pdf", "scheda.html.txt"], listed.EnumerateArray().Select(f => f.GetProperty("file_name").GetString()));
        var byApi = await org.Api().GetAsync(listed[0].GetProperty("url").GetString());
        Assert.Equal(Pdf, await byApi.Content.ReadAsByteArrayAsync());

        // Another article's id with this file: not found.
        var other = Html.LocationPath(await SaveArticleAsync(lead, "/comunicazioni/conoscenza/nuovo", "Altro articolo"))!;
        var fileId = listed[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"{other}/allegati/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await org.Api().GetAsync($"/api/v1/articles/{other.Split('/').Last()}/attachments/{fileId}")).StatusCode);

        // Removing one from the form keeps the other, and the audit log records both changes without the bytes.
        var removed = await Html.SubmitMultipartAsync(lead, $"{page}/modifica", "article", [], [], ("RemoveFiles", fileId!));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(["scheda.html.txt"], (await Html.GetAsync(agent, page)).QuerySelectorAll("#article-files .attachment-name").Select(n => n.TextContent));
        var audit = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<Cerchio.Data.Audit.AuditEntry>()
            .Where(e => e.EntityType == nameof(DocumentFile)).Select(e => new { e.Action, e.Changes }).ToListAsync());
        Assert.Equal(3, audit.Count);
        Assert.Contains(audit, e => e.Action == Cerchio.Data.Audit.AuditAction.Deleted && e.Changes.Contains("listino 2027.pdf", StringComparison.Ordinal));
        Assert.All(audit, e => Assert.DoesNotContain("\"Content\"", e.Changes, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusedFiles_ProgramsByNameOrBytes_Oversized_Empty_SaveNothing_AndKeepTheText()
    {
        var (org, leadEmail, _, _) = await TeamAsync("Allegati Rifiutati S.r.l.");
        var lead = await org.SignInAsync(leadEmail);
        var program = new byte[] { (byte)'M', (byte)'Z', 0x90, 0x00, 0x03 };
        var cases = new (string Name, byte[] Content, string Expected)[]
        {
            ("setup.exe", Pdf, "programma"),
            ("listino.pdf", program, "programma"),                          // an executable whatever it is called
            ("avvia.sh", "echo ciao"u8.ToArray(), "programma"),
            ("script.txt", "#!/bin/sh\nrm -rf /"u8.ToArray(), "programma"),
            ("fattura.pdf.exe. ", Pdf, "programma"),                        // the last extension counts, trailing dots too
            ("pagina.html", "<script>alert(1)</script>"u8.ToArray(), "programma"),
            ("vuoto.pdf", [], "vuoto"),
            ("enorme.pdf", new byte[(10 * 1024 * 1024) + 1], "10 MB"),
        };
        foreach (var (name, content, expected) in cases)
        {
            var posted = await SaveArticleAsync(lead, "/comunicazioni/conoscenza/nuovo", $"Con {name}", (name, content));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            var form = await Html.ParseAsync(posted);
            Assert.Contains(expected, form.QuerySelector("#Files-error")!.TextContent, StringComparison.Ordinal);
            Assert.Equal($"Con {name}", form.QuerySelector<IHtmlInputElement>("#article-title")!.Value);
        }

        var stored = await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            return (await db.Set<Article>().CountAsync(), await db.Set<DocumentFile>().CountAsync());
        });
        Assert.Equal((0, 0), stored);

        // Refused by the article's own rules: the page asks for the files again, since a browser never refills them.
        var titleless = await Html.SubmitMultipartAsync(lead, "/comunicazioni/conoscenza/nuovo", "article", new Dictionary<string, string> { ["Input.Title"] = " " }, [("ok.pdf", Pdf)]);
        var again = await Html.ParseAsync(titleless);
        Assert.NotNull(again.QuerySelector("#Title-error .invalid-feedback, #Title-error"));
        Assert.Contains("scegli di nuovo", again.QuerySelector("#Files-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnnouncementFiles_AreNamedInTheEmail_DownloadedByTheAudience_AndHiddenWhileDraft()
    {
        var (org, leadEmail, agentEmail, _) = await TeamAsync("Allegati Annunci S.r.l.");
        var lead = await org.SignInAsync(leadEmail);
        var title = $"Listino {Guid.NewGuid():N}"[..20];
        var saved = await Html.SubmitMultipartAsync(lead, "/comunicazioni/annunci/nuovo", "announcement", new Dictionary<string, string>
        {
            ["Input.Kind"] = "price_change", ["Input.Title"] = title, ["Input.Body"] = "I nuovi prezzi sono nel listino allegato.",
            ["Input.EffectiveDate"] = Cerchio.Text.Times.FormDate(Cerchio.Text.Times.DayInItaly(DateTimeOffset.UtcNow).AddDays(5)),
        }, [("listino-2027.pdf", Pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = Html.LocationPath(saved)!;
        var id = page.Split('/').Last();

        var agent = await org.SignInAsync(agentEmail);
        var listedWhileDraft = await org.Api().GetAsync($"/api/v1/announcements/{id}/attachments");
        Assert.Equal(HttpStatusCode.NotFound, listedWhileDraft.StatusCode);
        var chip = (await Html.GetAsync(lead, page)).QuerySelector("#announcement-files a.attachment-chip")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync(chip)).StatusCode);

        var published = await Html.ParseAsync(await Html.SubmitFormWithAsync(lead, page, "publish", []));
        Assert.NotNull(published.QuerySelector("#announcement-done"));
        Assert.Equal(Pdf, await (await agent.GetAsync(chip)).Content.ReadAsByteArrayAsync());
        var listed = await org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/announcements/{id}/attachments");
        Assert.Equal("listino-2027.pdf", listed.EnumerateArray().Single().GetProperty("file_name").GetString());

        await Wait.UntilAsync(() => app.Smtp.Messages().Any(m => m.To.Mailboxes.Any(a => a.Address == agentEmail) && (m.Subject ?? "").Contains(title, StringComparison.Ordinal)), "the agent gets the announcement");
        var mail = app.Smtp.Messages().Single(m => m.To.Mailboxes.Any(a => a.Address == agentEmail) && (m.Subject ?? "").Contains(title, StringComparison.Ordinal));
        Assert.Contains("listino-2027.pdf", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(mail.Attachments);
    }

    [Fact]
    public async Task StaleArticles_AreFlaggedToTheOwnerDepartmentsHead_OncePerReviewDate_OrToTheCxLeadWithoutOne()
    {
        var (org, leadEmail, _, headEmail) = await TeamAsync("Articoli Scaduti S.r.l.");
        var ids = await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var logistics = await db.Set<Cerchio.Organizations.Domain.Department>().Where(d => d.Name == "Logistica e magazzino").Select(d => d.Id).SingleAsync();
            var yesterday = Cerchio.Text.Times.DayInItaly(DateTimeOffset.UtcNow).AddDays(-1);
            Article New(string title, Guid? owner, DateOnly? reviewBy, ArticleStatus status = ArticleStatus.Published) => new()
            {
                Id = Ids.New(), GroupId = Ids.New(), Title = title, Body = title, OwnerDepartmentId = owner, ReviewBy = reviewBy, Status = status,
                Version = 1, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            var owned = New("Spedizioni in Sardegna", logistics, yesterday);
            var orphan = New("Orari estivi", null, yesterday);
            db.AddRange(owned, orphan, New("Bozza scaduta", logistics, yesterday, ArticleStatus.Draft), New("Ancora valido", logistics, yesterday.AddDays(2)));
            await db.SaveChangesAsync();
            return (owned.Id, orphan.Id);
        });

        async Task<List<(string Email, string Link)>> FlagsAsync() => await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            return (await (from n in db.Set<Cerchio.Organizations.Domain.Notification>()
                           join u in db.Users on n.RecipientId equals u.Id
                           where n.Kind == NotificationKind.ArticleToReview
                           orderby u.Email, n.Link
                           select new { u.Email, n.Link }).ToListAsync()).Select(f => (f.Email!, f.Link)).ToList();
        });

        // The pass sees every organization's articles: the test looks at this organization's notifications only.
        StaleArticlePass Pass() => ActivatorUtilities.CreateInstance<StaleArticlePass>(app.Services, TimeProvider.System);
        await Pass().RunAsync(CancellationToken.None);
        var expected = new[] { (headEmail, KnowledgeBase.PageOf(ids.Item1)), (leadEmail, KnowledgeBase.PageOf(ids.Item2)) }.OrderBy(f => f.Item1).ToList();
        Assert.Equal(expected, await FlagsAsync());
        await Pass().RunAsync(CancellationToken.None);
        Assert.Equal(expected, await FlagsAsync());

        // A new review date, passed in its turn, flags it again.
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            (await db.Set<Article>().SingleAsync(a => a.Id == ids.Item1)).ReviewBy = Cerchio.Text.Times.DayInItaly(DateTimeOffset.UtcNow).AddDays(-2);
            return await db.SaveChangesAsync();
        });
        await Pass().RunAsync(CancellationToken.None);
        Assert.Equal(2, (await FlagsAsync()).Count(f => f.Email == headEmail));
    }
}

public sealed class DocumentFilesTestsOnSqlite(MailSqliteApp app) : DocumentFilesTests(app), IClassFixture<MailSqliteApp>;

public sealed class DocumentFilesTestsOnPostgres(MailPostgresApp app) : DocumentFilesTests(app), IClassFixture<MailPostgresApp>;
