using Cerchio.Events;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace Cerchio.Data.Outbox;

/// <summary>
/// The one way Cerchio sends email: the message is stored with the change that asks for it (same SaveChanges) and
/// sent after the commit by <see cref="SendQueuedEmail"/>, retried with backoff while the server is away.
/// </summary>
public sealed class EmailOutbox(CerchioDb db, TimeProvider clock)
{
    /// <summary>Adds the message to the pending changes; nothing is sent unless the caller's save succeeds.</summary>
    /// <param name="route">Which SMTP server sends it (see <see cref="ISmtpEndpoints"/>); null: the system server.</param>
    /// <param name="relatedId">The record whose page shows how delivery went.</param>
    public OutgoingEmail Queue(MimeMessage message, string? route = null, Guid? relatedId = null)
    {
        if (string.IsNullOrEmpty(message.MessageId))
        {
            var domain = message.From.Mailboxes.FirstOrDefault()?.Domain;
            message.MessageId = MimeUtils.GenerateMessageId(string.IsNullOrEmpty(domain) ? "cerchio.local" : domain);
        }

        var now = clock.GetUtcNow();
        if (message.Date == default)
        {
            message.Date = now;
        }

        using var bytes = new MemoryStream();
        message.WriteTo(FormatOptions.Default, bytes);
        var email = new OutgoingEmail
        {
            Id = Ids.New(),
            Route = route,
            RelatedId = relatedId,
            MessageId = message.MessageId,
            Recipients = Clip(string.Join(", ", message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).Select(m => m.Address)), 2000),
            Subject = Clip(message.Subject ?? "", 1000),
            Mime = bytes.ToArray(),
            Status = EmailStatus.Queued,
            CreatedAt = now,
        };
        db.Add(email);
        db.Publish(new EmailQueued(email.Id));
        return email;
    }

    /// <summary>Sends a failed message again, as it was (same bytes, same Message-ID). False when it is not a failed message of this organization.</summary>
    public async Task<bool> RetryAsync(Guid emailId, CancellationToken ct)
    {
        var email = await db.Set<OutgoingEmail>().FirstOrDefaultAsync(e => e.Id == emailId && e.Status == EmailStatus.Failed, ct);
        if (email is null)
        {
            return false;
        }

        email.Status = EmailStatus.Queued;
        email.Attempts = 0;
        db.Publish(new EmailQueued(email.Id));
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static string Clip(string text, int length) => text.Length > length ? text[..length] : text;
}

/// <summary>Published by <see cref="EmailOutbox.Queue"/>: the message is stored and waits for its server.</summary>
public sealed record EmailQueued(Guid EmailId) : IModuleEvent;

/// <summary>Where and how to reach one SMTP server. The password never leaves this record: not logged, not shown.</summary>
public sealed record SmtpEndpoint(string Host, int Port, SecureSocketOptions Security, string? UserName, string? Password)
{
    public override string ToString() => $"{Host}:{Port}";
}

/// <summary>Finds the server of a route: null is the system server; modules with their own servers (support mailboxes) add theirs.</summary>
public interface ISmtpEndpoints
{
    ValueTask<SmtpEndpoint?> FindAsync(string? route, CancellationToken ct);
}

/// <summary>The "Smtp" settings: the system server.</summary>
public sealed class SmtpSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "cerchio@localhost";
}

/// <summary>The system server of the "Smtp" settings, for route null; modules with their own servers fall back to it.</summary>
public sealed class ConfiguredSmtp(IOptions<SmtpSettings> settings) : ISmtpEndpoints
{
    public ValueTask<SmtpEndpoint?> FindAsync(string? route, CancellationToken ct)
    {
        var s = settings.Value;
        return ValueTask.FromResult(route is null && !string.IsNullOrWhiteSpace(s.Host)
            ? new SmtpEndpoint(s.Host, s.Port, s.Security, s.UserName, s.Password)
            : null);
    }
}

/// <summary>
/// Sends one stored message. Idempotent: a message already sent is not sent again when its event is redelivered.
/// A temporary failure is rethrown so the delivery is retried with backoff; a permanent refusal (5xx) is final.
/// </summary>
internal sealed class SendQueuedEmail(CerchioDb db, ISmtpEndpoints endpoints, TimeProvider clock) : IModuleEventHandler<EmailQueued>
{
    public async Task HandleAsync(EmailQueued moduleEvent, ModuleEventContext context, CancellationToken cancellationToken)
    {
        var email = await db.Set<OutgoingEmail>().FirstOrDefaultAsync(e => e.Id == moduleEvent.EmailId, cancellationToken);
        if (email is null || email.Status != EmailStatus.Queued)
        {
            return;
        }

        email.Attempts++;
        try
        {
            var endpoint = await endpoints.FindAsync(email.Route, cancellationToken)
                ?? throw new InvalidOperationException("No SMTP server is configured for this message.");
            await SendAsync(endpoint, email.Mime, cancellationToken);
        }
        catch (SmtpCommandException refused) when ((int)refused.StatusCode >= 500)
        {
            // Sending the same message again would get the same answer: record it for a person to act on.
            await RecordAsync(email, EmailStatus.Failed, ServerAnswer(refused));
            return;
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await RecordAsync(email, context.IsLastAttempt ? EmailStatus.Failed : EmailStatus.Queued, failure.Message);
            throw;
        }

        email.SentAt = clock.GetUtcNow();
        await RecordAsync(email, EmailStatus.Sent, null);
    }

    private static async Task SendAsync(SmtpEndpoint endpoint, byte[] mime, CancellationToken ct)
    {
        using var message = await MimeMessage.LoadAsync(new MemoryStream(mime), ct);
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.Security, ct);
        if (!string.IsNullOrEmpty(endpoint.UserName))
        {
            await client.AuthenticateAsync(endpoint.UserName, endpoint.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception)
        {
            // The server has accepted the message: a failed goodbye must not make it look unsent and send it twice.
        }
    }

    private static string ServerAnswer(SmtpCommandException e) => $"{(int)e.StatusCode} {e.Message}";

    private Task<int> RecordAsync(OutgoingEmail email, EmailStatus status, string? error)
    {
        email.Status = status;
        email.LastError = error is { Length: > 2000 } ? error[..2000] : error;
        return db.SaveChangesAsync(CancellationToken.None);
    }
}
