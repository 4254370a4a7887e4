using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Service.Domain;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Mailboxes;

/// <summary>Mailbox passwords in and out of their protected form; nothing else ever sees them in clear.</summary>
internal sealed class MailboxSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Cerchio.Service.MailboxPassword.v1");

    public string? Protect(string? password) => string.IsNullOrEmpty(password) ? null : _protector.Protect(password);

    public string? Unprotect(string? protectedPassword) => protectedPassword is null ? null : _protector.Unprotect(protectedPassword);
}

/// <summary>The SMTP server of each mailbox for the outbox; anything else goes to the system server.</summary>
internal sealed class MailboxSmtpEndpoints(CerchioDb db, MailboxSecrets secrets, ConfiguredSmtp system) : ISmtpEndpoints
{
    public async ValueTask<SmtpEndpoint?> FindAsync(string? route, CancellationToken ct)
    {
        if (route is null || !route.StartsWith("mailbox:", StringComparison.Ordinal) || !Guid.TryParse(route["mailbox:".Length..], out var id))
        {
            return await system.FindAsync(route, ct);
        }

        var mailbox = await db.Set<Mailbox>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        return mailbox is { SmtpHost: { Length: > 0 } host }
            ? new SmtpEndpoint(host, mailbox.SmtpPort, mailbox.SmtpSecurity, mailbox.SmtpUserName, secrets.Unprotect(mailbox.SmtpPasswordProtected))
            : null;
    }
}

/// <summary>"Prova connessione": what each server answers, in its own words.</summary>
internal sealed class MailboxConnectionTest(MailboxSecrets secrets)
{
    public sealed record Result(bool Imap, string ImapAnswer, bool Smtp, string SmtpAnswer);

    public async Task<Result> RunAsync(Mailbox mailbox, CancellationToken ct)
    {
        var (imapOk, imapAnswer) = await TryAsync(async () =>
        {
            using var imap = new ImapClient { Timeout = 15_000 };
            await imap.ConnectAsync(mailbox.ImapHost!, mailbox.ImapPort, mailbox.ImapSecurity, ct);
            await imap.AuthenticateAsync(mailbox.ImapUserName ?? "", secrets.Unprotect(mailbox.ImapPasswordProtected) ?? "", ct);
            var folder = await imap.GetFolderAsync(mailbox.ImapFolder, ct);
            await folder.OpenAsync(MailKit.FolderAccess.ReadOnly, ct);
            var answer = $"OK: {folder.FullName}, {folder.Count} messaggi (UIDVALIDITY {folder.UidValidity})";
            await imap.DisconnectAsync(true, ct);
            return answer;
        }, mailbox.ImapHost);
        var (smtpOk, smtpAnswer) = await TryAsync(async () =>
        {
            using var smtp = new SmtpClient { Timeout = 15_000 };
            await smtp.ConnectAsync(mailbox.SmtpHost!, mailbox.SmtpPort, mailbox.SmtpSecurity, ct);
            if (!string.IsNullOrEmpty(mailbox.SmtpUserName))
            {
                await smtp.AuthenticateAsync(mailbox.SmtpUserName, secrets.Unprotect(mailbox.SmtpPasswordProtected) ?? "", ct);
            }

            var answer = $"OK: {smtp.Capabilities}";
            await smtp.DisconnectAsync(true, ct);
            return answer;
        }, mailbox.SmtpHost);
        return new Result(imapOk, imapAnswer, smtpOk, smtpAnswer);
    }

    private static async Task<(bool, string)> TryAsync(Func<Task<string>> attempt, string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return (false, "—");
        }

        try
        {
            return (true, await attempt());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server's own words (MailKit reports them in the message); never the password.
            return (false, e.Message);
        }
    }
}
