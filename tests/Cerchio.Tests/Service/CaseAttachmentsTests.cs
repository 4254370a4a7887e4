using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Cerchio.Data;
using Cerchio.Tests.Infrastructure;
using Cerchio.Tests.Platform;
using Cerchio.Service.Features.Reply;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Utils;

namespace Cerchio.Tests.Service;

/// <summary>The desk sending through a real SMTP server, with a message size of 1 MB so the limit is cheap to reach.</summary>
public abstract class SmallMessagesMailApp : MailApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mailboxes:MaxMessageMegabytes", "1");
    }
}

public sealed class SmallMessagesSqliteApp : SmallMessagesMailApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SmallMessagesPostgresApp : SmallMessagesMailApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>
/// The files of a case: downloaded only inside the organization and served so they cannot run in Cerchio; an email's
/// HTML shown without scripts and without remote images until the agent asks; files attached to replies reach the customer.
/// </summary>
public abstract class CaseAttachmentsTests(SmallMessagesMailApp app)
{
    private const string AccentedName = "Preventivo «caffè» \"v2\".pdf";
    private static readonly byte[] Pdf = [.. "%PDF-1.4 preventivo "u8, 0x00, 0xFF, 0xC3, 0xA8];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    /// <summary>A customer's email with a script, an onerror, a tracking image, an embedded logo and three files, through the webhook.</summary>
    private static async Task<(int Number, JsonElement Message)> ReceiveAsync(TestOrganization org)
    {
        var body = new BodyBuilder
        {
            TextBody = "Buongiorno, allego il preventivo.\n\nGrazie",
            HtmlBody = """
                <p>Buongiorno, allego il <b>preventivo</b>.</p>
                <script>alert('script')</script>
                <img src="x" onerror="alert('onerror')">
                <img src="https://tracker.example/pixel.gif" alt="Logo del fornitore" width="1" height="1">
                <img src="cid:logo@rossi.test" alt="Logo">
                <form action="https://evil.example/"><input name="password"></form>
                <blockquote>Il 30/11 avete scritto: <blockquote>Gentile cliente</blockquote></blockquote>
                """,
        };
        var logo = body.LinkedResources.Add("logo.png", Png, new ContentType("image", "png"));
        logo.ContentId = "logo@rossi.test";
        body.Attachments.Add(AccentedName, Pdf, new ContentType("application", "pdf"));
        body.Attachments.Add("pagina.html", "<script>alert(1)</script>"u8.ToArray(), new ContentType("text", "html"));
        body.Attachments.Add("disegno.svg", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"u8.ToArray(), new ContentType("image", "svg+xml"));
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Mario Bianchi", $"mario.{Guid.NewGuid():N}@example.test"));
        message.To.Add(new MailboxAddress("Assistenza", "assistenza@rossi.test"));
        message.Subject = "Preventivo allegato";
        message.MessageId = MimeUtils.GenerateMessageId("example.test");
        message.Body = body.ToMessageBody();
        using var raw = new MemoryStream();
        await message.WriteToAsync(raw);
        var content = new ByteArrayContent(raw.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");

        var received = await (await org.Api().PostAsync("/api/v1/inbound/email", content)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var number = received.GetProperty("case_number").GetInt32();
        var entries = await org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}/entries");
        return (number, entries.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "customer_message"));
    }

    private static JsonElement File(JsonElement message, string name) =>
        message.GetProperty("attachments").EnumerateArray().Single(a => a.GetProperty("file_name").GetString() == name);

    [Fact]
    public async Task Download_InTheOrganization_ServesTheFileAsAnInertAttachment()
    {
        var org = await app.CreateOrganizationAsync("Allegati Scaricati S.r.l.");
        var (number, message) = await ReceiveAsync(org);
        var agent = await org.SignInAsync();
        var pdf = File(message, AccentedName);
        Assert.Equal("application/pdf", pdf.GetProperty("content_type").GetString());
        Assert.Equal(Pdf.Length, pdf.GetProperty("size").GetInt64());

        foreach (var (client, url) in new[] { (agent, $"/assistenza/pratiche/{number}/allegati/{pdf.GetProperty("id").GetString()}"), (org.Api(), pdf.GetProperty("url").GetString()!) })
        {
            var response = await client.GetAsync(url);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal(AccentedName, response.Content.Headers.ContentDisposition.FileNameStar);
            Assert.Contains("filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        // Files that a browser would run as a document are never served as themselves, not even asked for inline.
        foreach (var name in new[] { "pagina.html", "disegno.svg" })
        {
            var response = await agent.GetAsync($"/assistenza/pratiche/{number}/allegati/{File(message, name).GetProperty("id").GetString()}?inline=true");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        var logo = await agent.GetAsync($"/assistenza/pratiche/{number}/allegati/{File(message, "logo.png").GetProperty("id").GetString()}?inline=true");
        Assert.Equal("image/png", logo.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", logo.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(Png, await logo.Content.ReadAsByteArrayAsync());

        var list = await org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}/attachments");
        Assert.Equal(4, list.GetArrayLength());
    }

    [Fact]
    public async Task AnotherOrganizationsAttachment_IsNotFound_WhicheverCaseItIsAskedThrough()
    {
        var mine = await app.CreateOrganizationAsync("Allegati Miei S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Allegati Altrui S.r.l.");
        var (myNumber, _) = await ReceiveAsync(mine);
        var (theirNumber, theirMessage) = await ReceiveAsync(theirs);
        var theirFile = File(theirMessage, AccentedName).GetProperty("id").GetString();
        var agent = await mine.SignInAsync();

        foreach (var number in new[] { myNumber, theirNumber })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/assistenza/pratiche/{number}/allegati/{theirFile}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await mine.Api().GetAsync($"/api/v1/cases/{number}/attachments/{theirFile}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/assistenza/pratiche/{myNumber}/allegati/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mine.Api().GetAsync($"/api/v1/cases/{myNumber + 1000}/attachments")).StatusCode);
    }

    [Fact]
    public async Task Download_WithoutSigningIn_IsRefused()
    {
        var org = await app.CreateOrganizationAsync("Allegati Riservati S.r.l.");
        var (number, message) = await ReceiveAsync(org);
        var id = File(message, AccentedName).GetProperty("id").GetString();

        var page = await app.Browser().GetAsync($"/assistenza/pratiche/{number}/allegati/{id}");
        var api = await app.CreateClient().GetAsync($"/api/v1/cases/{number}/attachments/{id}");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/accedi", Html.LocationPath(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.DoesNotContain("%PDF", await page.Content.ReadAsStringAsync() + await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmailHtml_NeverRunsScripts_AndLoadsRemoteImagesOnlyWhenAsked()
    {
        var org = await app.CreateOrganizationAsync("Immagini Bloccate S.r.l.");
        var (number, message) = await ReceiveAsync(org);
        var agent = await org.SignInAsync();
        var entry = message.GetProperty("id").GetString();
        var logoId = File(message, "logo.png").GetProperty("id").GetString();

        // By default the text, with the files as download links, and a way to the original.
        var page = await Html.GetAsync(agent, $"/assistenza/pratiche/{number}");
        Assert.Null(page.QuerySelector("iframe"));
        Assert.Contains("allego il preventivo", page.QuerySelector($"#entry-{entry}")!.TextContent, StringComparison.Ordinal);
        var chips = page.QuerySelectorAll($"#entry-{entry} a.attachment-chip");
        Assert.Equal(4, chips.Length);
        var pdfChip = chips.Single(c => c.TextContent.Contains("caffè", StringComparison.Ordinal));
        Assert.Equal($"/assistenza/pratiche/{number}/allegati/{File(message, AccentedName).GetProperty("id").GetString()}", pdfChip.GetAttribute("href"));
        Assert.Contains("B)", pdfChip.TextContent, StringComparison.Ordinal);
        var original = page.QuerySelectorAll<IHtmlAnchorElement>($"#entry-{entry} a").Single(a => a.TextContent == "Mostra l'email originale");

        // The HTML in a sandbox: no script, handler or form; the tracking image replaced; the embedded logo from Cerchio.
        var html = await Html.GetAsync(agent, original.PathName + original.Search);
        var frame = html.QuerySelector($"#entry-{entry} iframe.email-html")!;
        Assert.DoesNotContain("allow-scripts", frame.GetAttribute("sandbox")!, StringComparison.Ordinal);
        Assert.DoesNotContain("allow-forms", frame.GetAttribute("sandbox")!, StringComparison.Ordinal);
        var blocked = Frame(frame);
        AssertInert(blocked);
        Assert.DoesNotContain("tracker.example", blocked.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains("Immagine bloccata: Logo del fornitore", blocked.QuerySelector(".blocked-image")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"/assistenza/pratiche/{number}/allegati/{logoId}?inline=true", blocked.QuerySelectorAll("img").Select(i => i.GetAttribute("src")));
        Assert.Contains("img-src 'self';", Csp(blocked), StringComparison.Ordinal);
        Assert.Equal("Messaggi precedenti citati", blocked.QuerySelector("details > summary")!.TextContent);
        Assert.Contains("Gentile cliente", blocked.QuerySelector("details > blockquote")!.TextContent, StringComparison.Ordinal);
        Assert.Single(blocked.QuerySelectorAll("details"));
        // The logo shows inside the email, so it is not listed again beside it.
        Assert.Equal(3, html.QuerySelectorAll($"#entry-{entry} a.attachment-chip").Length);

        var show = html.QuerySelectorAll<IHtmlAnchorElement>($"#entry-{entry} a").Single(a => a.TextContent == "Mostra immagini");
        var withImages = await Html.GetAsync(agent, show.PathName + show.Search);
        var shown = Frame(withImages.QuerySelector($"#entry-{entry} iframe.email-html")!);
        AssertInert(shown);
        Assert.Contains("https://tracker.example/pixel.gif", shown.QuerySelectorAll("img").Select(i => i.GetAttribute("src")));
        Assert.Contains("https:", Csp(shown), StringComparison.Ordinal);
        Assert.Null(shown.QuerySelector(".blocked-image"));
        Assert.DoesNotContain(withImages.QuerySelectorAll("a"), a => a.TextContent == "Mostra immagini");
    }

    private static IDocument Frame(IElement frame) => new HtmlParser().ParseDocument(frame.GetAttribute("srcdoc")!);

    private static string Csp(IDocument frame) =>
        frame.QuerySelector("meta[http-equiv=Content-Security-Policy]")!.GetAttribute("content")!;

    private static void AssertInert(IDocument frame)
    {
        Assert.Empty(frame.QuerySelectorAll("script, form, input, iframe, object, embed, link"));
        Assert.DoesNotContain(frame.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("alert(", frame.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyWithAttachments_FromThePageAndTheApi_ArriveAsSent()
    {
        var org = await app.CreateOrganizationAsync("Risposte Allegate S.r.l.");
        var (number, _) = await ReceiveAsync(org);
        var customer = (await org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}")).GetProperty("requester_email").GetString()!;
        var agent = await org.SignInAsync();
        var offer = RandomBytes(300_000);
        const string offerName = "Offerta è «estate» 2026.pdf";

        var posted = await PostReplyAsync(agent, number, "Ecco l'offerta.", (offerName, offer), ("listino.xlsx", RandomBytes(1_000)));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        await Wait.UntilAsync(() => app.Smtp.Messages().Any(m => m.To.Mailboxes.Any(a => a.Address == customer)), "the reply reaches the customer");
        var sent = app.Smtp.Messages().Single(m => m.To.Mailboxes.Any(a => a.Address == customer));
        var files = sent.Attachments.OfType<MimePart>().ToList();
        Assert.Equal([offerName, "listino.xlsx"], files.Select(f => f.FileName));
        Assert.Equal(offer, Decoded(files[0]));
        Assert.Equal("application/pdf", files[0].ContentType.MimeType);
        Assert.Contains("Ecco l'offerta.", sent.TextBody, StringComparison.Ordinal);

        // The reply lists what it carried, downloadable like any file of the case.
        var page = await Html.GetAsync(agent, $"/assistenza/pratiche/{number}");
        var chip = page.QuerySelectorAll(".entry-reply a.attachment-chip").Single(a => a.TextContent.Contains("estate", StringComparison.Ordinal));
        Assert.Equal(offer, await (await agent.GetAsync(chip.GetAttribute("href"))).Content.ReadAsByteArrayAsync());

        var byApi = await org.Api().PostAsJsonAsync($"/api/v1/cases/{number}/replies", new
        {
            text = "Anche la scheda tecnica.",
            attachments = new[] { new { filename = "scheda tecnica.pdf", content = Convert.ToBase64String(Pdf) } },
        });
        Assert.Equal(HttpStatusCode.Created, byApi.StatusCode);
        Assert.Equal("scheda tecnica.pdf", (await byApi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachments")[0].GetProperty("file_name").GetString());
        static bool FromApi(MimeMessage m) => m.TextBody?.Contains("Anche la scheda tecnica.", StringComparison.Ordinal) == true;
        await Wait.UntilAsync(() => app.Smtp.Messages().Any(FromApi), "the API's reply reaches the customer");
        var second = app.Smtp.Messages().Single(FromApi);
        Assert.Equal(Pdf, Decoded(second.Attachments.OfType<MimePart>().Single(p => p.FileName == "scheda tecnica.pdf")));
    }

    [Fact]
    public async Task OversizedReplyAttachments_AreRefused_TheTextStays_AndNothingIsSent()
    {
        var org = await app.CreateOrganizationAsync("Allegati Troppo Grandi S.r.l.");
        var (number, _) = await ReceiveAsync(org);
        var agent = await org.SignInAsync();
        var before = app.Smtp.Messages().Count;

        var posted = await PostReplyAsync(agent, number, "Testo da non perdere.", ("enorme.pdf", RandomBytes(1024 * 1024 + 1)));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = await Html.ParseAsync(posted);
        Assert.Contains("1 MB", page.QuerySelector("#ReplyFiles-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Testo da non perdere.", page.QuerySelector<IHtmlTextAreaElement>("#reply-text")!.Value);

        var tooMany = await PostReplyAsync(agent, number, "Tanti file.", [.. Enumerable.Range(1, 11).Select(i => ($"file-{i}.txt", RandomBytes(10)))]);
        Assert.Contains("al massimo 10 file", (await Html.ParseAsync(tooMany)).QuerySelector("#ReplyFiles-error")!.TextContent, StringComparison.Ordinal);

        var byApi = await org.Api().PostAsJsonAsync($"/api/v1/cases/{number}/replies", new
        {
            text = "Testo",
            attachments = new[] { new { filename = "enorme.pdf", content = Convert.ToBase64String(RandomBytes(1024 * 1024 + 1)) } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, byApi.StatusCode);
        Assert.True((await byApi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("attachments", out _));
        var notBase64 = await org.Api().PostAsJsonAsync($"/api/v1/cases/{number}/replies", new { text = "Testo", attachments = new[] { new { filename = "a.pdf", content = "non è base64!" } } });
        Assert.Equal(HttpStatusCode.BadRequest, notBase64.StatusCode);

        var entries = await org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}/entries");
        Assert.DoesNotContain(entries.EnumerateArray(), e => e.GetProperty("kind").GetString() == "reply");
        Assert.Equal(1, (await org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}/attachments")).EnumerateArray().Count(a => a.GetProperty("file_name").GetString() == AccentedName));
        Assert.Equal(4, (await org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}/attachments")).GetArrayLength());
        Assert.Equal(before, app.Smtp.Messages().Count);
    }

    [Fact]
    public void CasePage_ReadsReplyFormsUpToTheReplyLimit_NotTheServersDefault()
    {
        var page = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText == "/assistenza/pratiche/{Number:int}").ToList();

        Assert.NotEmpty(page);
        Assert.All(page, e => Assert.Equal(ReplyAttachments.MaxRequestBytes, e.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize));
    }

    /// <summary>The page's reply form as a browser sends it with files chosen: multipart, antiforgery token included.</summary>
    private static Task<HttpResponseMessage> PostReplyAsync(HttpClient agent, int number, string text, params (string Name, byte[] Content)[] files) =>
        Html.SubmitMultipartAsync(agent, $"/assistenza/pratiche/{number}", "reply", new Dictionary<string, string> { ["Reply.Text"] = text }, files);

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Decoded(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}

public sealed class CaseAttachmentsOnSqlite(SmallMessagesSqliteApp app) : CaseAttachmentsTests(app), IClassFixture<SmallMessagesSqliteApp>;

public sealed class CaseAttachmentsOnPostgres(SmallMessagesPostgresApp app) : CaseAttachmentsTests(app), IClassFixture<SmallMessagesPostgresApp>;
