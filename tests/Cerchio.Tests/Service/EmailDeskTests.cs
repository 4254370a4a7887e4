using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Mailboxes;
using Cerchio.Tests.Infrastructure;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cerchio.Tests.Service;

/// <summary>The desk with real mail servers: dovecot holds the support mailboxes, aiosmtpd takes what Cerchio sends.</summary>
public abstract class DeskMailApp : AppFixture, IAsyncLifetime
{
    public ImapServer Imap { get; } = new(Enumerable.Range(1, 12).Select(i => $"assistenza{i}@rossi.test").ToArray());

    public SmtpSink Smtp { get; } = new();

    private int _nextMailbox;

    /// <summary>Each test gets its own IMAP account, so no test reads another's mail.</summary>
    public string NextAccount() => $"assistenza{Interlocked.Increment(ref _nextMailbox)}@rossi.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Mailboxes:PollInterval", "00:00:00.300");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Outbox:RetryDelay", "00:00:00.100");
        builder.UseSetting("Outbox:MaxRetryDelay", "00:00:01");
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Imap.Dispose();
        Smtp.Dispose();
    }
}

public sealed class DeskMailSqliteApp : DeskMailApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class DeskMailPostgresApp : DeskMailApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public abstract class EmailDeskTests(DeskMailApp app)
{
    private async Task<(TestOrganization Org, string Account, Guid MailboxId)> DeskAsync(string name)
    {
        var org = await app.CreateOrganizationAsync(name);
        var account = app.NextAccount();
        var mailboxId = await app.InOrganizationAsync(org.Id, async services =>
        {
            var secrets = services.GetRequiredService<MailboxSecrets>();
            var mailbox = new Mailbox
            {
                Id = Cerchio.Ids.New(),
                Name = "Assistenza",
                Address = account,
                SenderName = "Assistenza Rossi",
                Signature = "Rossi Arredamenti S.r.l.",
                ImapHost = "127.0.0.1",
                ImapPort = app.Imap.Port,
                ImapSecurity = SecureSocketOptions.None,
                ImapUserName = account,
                ImapPasswordProtected = secrets.Protect(ImapServer.Password),
                SmtpHost = "127.0.0.1",
                SmtpPort = app.Smtp.Port,
                SmtpSecurity = SecureSocketOptions.None,
            };
            var db = services.GetRequiredService<CerchioDb>();
            db.Add(mailbox);
            await db.SaveChangesAsync();
            return mailbox.Id;
        });
        return (org, account, mailboxId);
    }

    private static MimeMessage Mail(string from, string to, string subject, string text, string? inReplyTo = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = $"{Guid.NewGuid():N}@cliente.test";
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
            message.References.Add(inReplyTo);
        }

        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private Task<List<Case>> CasesAsync(Guid organizationId) =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<Case>().AsNoTracking().OrderBy(c => c.Number).ToListAsync());

    private Task<List<CaseEntry>> EntriesAsync(Guid organizationId, Guid caseId) =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<CaseEntry>().AsNoTracking()
            .Where(e => e.CaseId == caseId).OrderBy(e => e.At).ToListAsync());

    [Fact]
    public async Task EmailRoundTrip_CaseFromImap_ReplyBySmtp_CustomerAnswerJoinsTheCase()
    {
        var (org, account, mailboxId) = await DeskAsync("Posta Giro S.r.l.");
        var customer = await (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi Costruzioni S.r.l.", email = "giulia@bianchi.test" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var first = Mail("Giulia Bianchi <giulia@bianchi.test>", account, "Consegna in ritardo", "Buongiorno, l'ordine 26/4711 non è ancora arrivato. Perché?");

        await app.Imap.DeliverAsync(account, first);

        await Wait.UntilAsync(async () => (await CasesAsync(org.Id)).Count == 1, "the email becomes a case");
        var opened = (await CasesAsync(org.Id)).Single();
        Assert.Equal("Consegna in ritardo", opened.Subject);
        Assert.Equal(CaseChannel.Email, opened.Channel);
        Assert.Equal(customer.GetProperty("id").GetGuid(), opened.CustomerId);
        Assert.Equal(mailboxId, opened.MailboxId);
        Assert.Contains("Perché?", Assert.Single(await EntriesAsync(org.Id, opened.Id)).Text);

        var reply = await org.Api().PostAsJsonAsync($"/api/v1/cases/{opened.Number}/replies", new { text = "Gentile Giulia, la consegna è prevista per giovedì." });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        await Wait.UntilAsync(() => app.Smtp.Messages().Any(m => m.InReplyTo == first.MessageId), "the reply reaches the SMTP server");
        var sent = app.Smtp.Messages().Single(m => m.InReplyTo == first.MessageId);
        Assert.Equal($"Re: Consegna in ritardo [#{opened.Number}]", sent.Subject);
        Assert.Equal(account, sent.From.Mailboxes.Single().Address);
        Assert.Equal("giulia@bianchi.test", sent.To.Mailboxes.Single().Address);
        Assert.Contains(first.MessageId, sent.References);
        Assert.Contains("giovedì", sent.TextBody);
        Assert.Contains("Rossi Arredamenti S.r.l.", sent.TextBody);

        await org.Api().PostAsJsonAsync($"/api/v1/cases/{opened.Number}/status", new { status = "resolved" });
        var answer = Mail("giulia@bianchi.test", account, sent.Subject!, "Grazie, ma giovedì non ci sono: venerdì?\n\n> Gentile Giulia, la consegna è prevista per giovedì.", inReplyTo: sent.MessageId);
        await app.Imap.DeliverAsync(account, answer);

        await Wait.UntilAsync(async () => (await EntriesAsync(org.Id, opened.Id)).Any(e => e.MessageId == answer.MessageId), "the customer's answer joins the case");
        var reopened = (await CasesAsync(org.Id)).Single();
        Assert.Equal(CaseStatus.Open, reopened.Status);
        Assert.Equal(1, reopened.ReopenCount);
        var joined = (await EntriesAsync(org.Id, opened.Id)).Single(e => e.MessageId == answer.MessageId);
        Assert.Equal("Grazie, ma giovedì non ci sono: venerdì?", joined.Text.Trim());
        Assert.Contains("prevista per giovedì", joined.QuotedText);
    }

    [Fact]
    public async Task AutoReplyAndUnknownSender_NoCaseForTheOne_ANewCustomerToReviewForTheOther()
    {
        var (org, account, _) = await DeskAsync("Posta Filtri S.r.l.");
        var away = Mail("luca@fornitore.test", account, "Risposta automatica: fuori sede", "Sono fuori sede fino al 5.");
        away.Headers.Add("Auto-Submitted", "auto-replied");
        var stranger = Mail("Marco Neri <marco.neri@nuovo-cliente.test>", account, "Preventivo armadio", "Vorrei un preventivo.");

        await app.Imap.DeliverAsync(account, away);
        await app.Imap.DeliverAsync(account, stranger);

        await Wait.UntilAsync(async () => (await CasesAsync(org.Id)).Count == 1, "the stranger's email becomes a case");
        await Wait.UntilAsync(() => app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<InboundEmail>()
            .AnyAsync(e => e.MessageId == away.MessageId && e.Outcome == InboundOutcome.Ignored)), "the auto-reply is kept as ignored");
        var opened = (await CasesAsync(org.Id)).Single();
        Assert.Equal("Preventivo armadio", opened.Subject);
        var customer = await org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/customers/{opened.CustomerId}");
        Assert.Equal("marco.neri@nuovo-cliente.test", customer.GetProperty("email").GetString());
        Assert.Equal("Marco Neri", customer.GetProperty("name").GetString());
        Assert.True(await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<Cerchio.Customers.Domain.Customer>()
            .Where(c => c.Id == opened.CustomerId).Select(c => c.NeedsReview).SingleAsync()));
        Assert.DoesNotContain(app.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == "luca@fornitore.test"));
    }

    [Fact]
    public async Task TwoInstancesPollingOneMailbox_ImportEachMessageOnce()
    {
        var (org, account, _) = await DeskAsync("Posta Doppia S.r.l.");
        await using var other = app.WithWebHostBuilder(_ => { });
        _ = other.Services;   // its poller runs too
        for (var i = 0; i < 8; i++)
        {
            await app.Imap.DeliverAsync(account, Mail($"cliente{i}@esempio.test", account, $"Richiesta {i}", $"Testo {i}"));
        }

        await Wait.UntilAsync(async () => (await CasesAsync(org.Id)).Count >= 8, "eight cases");
        await Wait.UntilAsync(() => app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<Mailbox>()
            .AnyAsync(m => m.LastUid == 8)), "the mailbox has read up to the last UID");
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"Richiesta {i}"), (await CasesAsync(org.Id)).Select(c => c.Subject));
        var records = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<InboundEmail>().AsNoTracking().ToListAsync());
        Assert.Equal(8, records.Count(r => r.Outcome == InboundOutcome.Imported));
    }

    [Fact]
    public async Task Webhook_TakesJsonAndRawMessages_IntoTheSamePipeline()
    {
        var (org, account, mailboxId) = await DeskAsync("Posta Webhook S.r.l.");
        var api = org.Api();

        var json = await api.PostAsJsonAsync("/api/v1/inbound/email", new
        {
            from = "Anna Verdi <anna@verdi.test>",
            to = new[] { account },
            subject = "Fattura 26/88 errata",
            text = "L'importo della fattura è sbagliato: € 1.250,00 invece di € 1.025,00.",
            message_id = "<fattura-88@verdi.test>",
            attachments = new[] { new { filename = "fattura.pdf", content_type = "application/pdf", content = Convert.ToBase64String("%PDF-1.4 prova"u8.ToArray()) } },
        });
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var result = await json.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("imported", result.GetProperty("outcome").GetString());
        var number = result.GetProperty("case_number").GetInt32();
        var opened = (await CasesAsync(org.Id)).Single(c => c.Number == number);
        Assert.Equal(mailboxId, opened.MailboxId);
        var attachment = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<CaseAttachment>().SingleAsync(a => a.CaseId == opened.Id));
        Assert.Equal("fattura.pdf", attachment.FileName);

        var followUp = Mail("anna@verdi.test", account, "Re: Fattura 26/88 errata", "Vi allego anche il DDT.", inReplyTo: "fattura-88@verdi.test");
        using var raw = new MemoryStream();
        await followUp.WriteToAsync(raw);
        var rawResponse = await api.PostAsync("/api/v1/inbound/email", new ByteArrayContent(raw.ToArray()) { Headers = { ContentType = new("message/rfc822") } });
        Assert.Equal(number, (await rawResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("case_number").GetInt32());

        var again = await api.PostAsync("/api/v1/inbound/email", new ByteArrayContent(raw.ToArray()) { Headers = { ContentType = new("message/rfc822") } });
        Assert.Equal("duplicate", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(2, (await EntriesAsync(org.Id, opened.Id)).Count);
    }

    [Theory]
    [InlineData("application/json", """{"from":"non è un indirizzo","text":"x"}""", HttpStatusCode.BadRequest)]
    [InlineData("application/json", """{"from":"a@b.test","attachments":[{"filename":"x","content":"%%%"}]}""", HttpStatusCode.BadRequest)]
    [InlineData("application/json", """{"from":"a@b.test",""", HttpStatusCode.BadRequest)]
    [InlineData("text/plain", "ciao", HttpStatusCode.UnsupportedMediaType)]
    public async Task Webhook_RefusesWhatIsNotAMessage_AndOpensNothing(string contentType, string body, HttpStatusCode expected)
    {
        var (org, _, _) = await DeskAsync("Posta Rifiuti S.r.l.");

        var response = await org.Api().PostAsync("/api/v1/inbound/email", new StringContent(body, System.Text.Encoding.UTF8, contentType));

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(await CasesAsync(org.Id));
    }
}

public sealed class EmailDeskOnSqlite(DeskMailSqliteApp app) : EmailDeskTests(app), IClassFixture<DeskMailSqliteApp>;

public sealed class EmailDeskOnPostgres(DeskMailPostgresApp app) : EmailDeskTests(app), IClassFixture<DeskMailPostgresApp>;
