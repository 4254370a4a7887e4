using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cerchio.Tests.Platform;

/// <summary>The app sending through a real SMTP server that the tests can stop and start.</summary>
public abstract class MailApp : AppFixture, IAsyncLifetime
{
    public SmtpSink Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Outbox:RetryDelay", "00:00:00.100");
        builder.UseSetting("Outbox:MaxRetryDelay", "00:00:01");
        builder.UseSetting("Outbox:MaxAttempts", "8");
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}

public sealed class MailSqliteApp : MailApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class MailPostgresApp : MailApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public abstract class EmailOutboxTests(MailApp app)
{
    private static MimeMessage Message(string subject)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Assistenza Rossi", "assistenza@rossi.example"));
        message.To.Add(new MailboxAddress("Giulia Bianchi", "giulia.bianchi@example.test"));
        message.Subject = subject;
        message.InReplyTo = "<domanda-1@cliente.example>";
        message.Body = new TextPart("plain") { Text = "Gentile cliente,\nla consegna è prevista per giovedì.\n" };
        return message;
    }

    private Task<OutgoingEmail> QueueAsync(Guid organizationId, MimeMessage message) =>
        app.InOrganizationAsync(organizationId, async services =>
        {
            var email = services.GetRequiredService<EmailOutbox>().Queue(message);
            await services.GetRequiredService<CerchioDb>().SaveChangesAsync();
            return email;
        });

    private Task<OutgoingEmail> ReloadAsync(OutgoingEmail email) =>
        app.InOrganizationAsync(email.OrganizationId, services =>
            services.GetRequiredService<CerchioDb>().Set<OutgoingEmail>().AsNoTracking().SingleAsync(e => e.Id == email.Id));

    [Fact]
    public async Task QueuedEmail_ArrivesOnce_AsItWasWritten()
    {
        var org = await app.CreateOrganizationAsync("Posta S.r.l.");
        var subject = $"Re: Consegna in ritardo [#{Random.Shared.Next(1000, 9999)}] — è partita?";

        var email = await QueueAsync(org.Id, Message(subject));

        await Wait.UntilAsync(async () => (await ReloadAsync(email)).Status == EmailStatus.Sent, "the message is sent");
        var received = Assert.Single(app.Smtp.MessagesWithId(email.MessageId));
        Assert.Equal(subject, received.Subject);
        Assert.Equal("domanda-1@cliente.example", received.InReplyTo);
        Assert.Contains("giovedì", received.TextBody);
        Assert.Equal("giulia.bianchi@example.test", Assert.Single(received.To.Mailboxes).Address);
        var sent = await ReloadAsync(email);
        Assert.Equal(1, sent.Attempts);
        Assert.NotNull(sent.SentAt);
    }

    [Fact]
    public async Task ServerDown_LosesNothing_AndTheMessageGoesOnceWhenItReturns()
    {
        var org = await app.CreateOrganizationAsync("Server Giù S.r.l.");
        app.Smtp.Stop();
        OutgoingEmail email;
        try
        {
            email = await QueueAsync(org.Id, Message("Conferma ricezione"));
            await Wait.UntilAsync(async () => (await ReloadAsync(email)).Attempts >= 2, "two attempts fail");
            var waiting = await ReloadAsync(email);
            Assert.Equal(EmailStatus.Queued, waiting.Status);
            Assert.False(string.IsNullOrEmpty(waiting.LastError));
        }
        finally
        {
            app.Smtp.Start();
        }

        await Wait.UntilAsync(async () => (await ReloadAsync(email)).Status == EmailStatus.Sent, "the message is sent after the server returns");
        Assert.Single(app.Smtp.MessagesWithId(email.MessageId));
        Assert.Null((await ReloadAsync(email)).LastError);
    }

    [Fact]
    public async Task EmailOfARolledBackChange_IsNeverSent()
    {
        var org = await app.CreateOrganizationAsync("Annullata S.r.l.");
        var lost = Message("Mai partita");
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            services.GetRequiredService<EmailOutbox>().Queue(lost);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });

        var kept = await QueueAsync(org.Id, Message("Partita"));

        await Wait.UntilAsync(async () => (await ReloadAsync(kept)).Status == EmailStatus.Sent, "the committed message is sent");
        Assert.Empty(app.Smtp.MessagesWithId(lost.MessageId!));
    }

    [Fact]
    public async Task AfterTheLastAttempt_TheFailureIsKept_AndARetrySendsTheSameMessage()
    {
        var org = await app.CreateOrganizationAsync("Ultimo Tentativo S.r.l.");
        app.Smtp.Stop();
        OutgoingEmail email;
        try
        {
            email = await QueueAsync(org.Id, Message("Sollecito fattura"));
            await Wait.UntilAsync(async () => (await ReloadAsync(email)).Status == EmailStatus.Failed, "the message is given up");
        }
        finally
        {
            app.Smtp.Start();
        }

        var failed = await ReloadAsync(email);
        Assert.Equal(8, failed.Attempts);
        Assert.Contains("refused", failed.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(app.Smtp.MessagesWithId(email.MessageId));

        var retried = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<EmailOutbox>().RetryAsync(email.Id, CancellationToken.None));

        Assert.True(retried);
        await Wait.UntilAsync(async () => (await ReloadAsync(email)).Status == EmailStatus.Sent, "the retried message is sent");
        Assert.Single(app.Smtp.MessagesWithId(email.MessageId));
    }

    [Fact]
    public async Task Retry_OfAnotherOrganizationsMessage_ChangesNothing()
    {
        var mine = await app.CreateOrganizationAsync("Mia S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Loro S.r.l.");
        var email = await QueueAsync(theirs.Id, Message("Loro posta"));
        await Wait.UntilAsync(async () => (await ReloadAsync(email)).Status == EmailStatus.Sent, "their message is sent");

        var retried = await app.InOrganizationAsync(mine.Id, services => services.GetRequiredService<EmailOutbox>().RetryAsync(email.Id, CancellationToken.None));

        Assert.False(retried);
        Assert.Single(app.Smtp.MessagesWithId(email.MessageId));
    }
}

public sealed class EmailOutboxOnSqlite(MailSqliteApp app) : EmailOutboxTests(app), IClassFixture<MailSqliteApp>;

public sealed class EmailOutboxOnPostgres(MailPostgresApp app) : EmailOutboxTests(app), IClassFixture<MailPostgresApp>;
