using Cerchio.Service.Domain;
using MailKit.Security;

namespace Cerchio.Service.Features.Mailboxes;

/// <summary>The mailbox form. Passwords are write-only: left empty, the stored one stays.</summary>
internal sealed class MailboxInput
{
    public string? Name { get; set; }
    public string? Address { get; set; }
    public string? SenderName { get; set; }
    public string? Signature { get; set; }
    /// <summary>False unless the box is ticked: an unticked checkbox sends nothing.</summary>
    public bool IsActive { get; set; }
    public string? ImapHost { get; set; }
    public int ImapPort { get; set; } = 993;
    public SecureSocketOptions ImapSecurity { get; set; } = SecureSocketOptions.SslOnConnect;
    public string? ImapUserName { get; set; }
    public string? ImapPassword { get; set; }
    public string? ImapFolder { get; set; } = "INBOX";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public SecureSocketOptions SmtpSecurity { get; set; } = SecureSocketOptions.StartTls;
    public string? SmtpUserName { get; set; }
    public string? SmtpPassword { get; set; }

    public static MailboxInput From(Mailbox m) => new()
    {
        Name = m.Name, Address = m.Address, SenderName = m.SenderName, Signature = m.Signature, IsActive = m.IsActive,
        ImapHost = m.ImapHost, ImapPort = m.ImapPort, ImapSecurity = m.ImapSecurity, ImapUserName = m.ImapUserName, ImapFolder = m.ImapFolder,
        SmtpHost = m.SmtpHost, SmtpPort = m.SmtpPort, SmtpSecurity = m.SmtpSecurity, SmtpUserName = m.SmtpUserName,
    };

    public Errors Validate()
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
        {
            errors.Add(nameof(Name), "Il nome è obbligatorio, al massimo {0} caratteri.", 100);
        }

        if (string.IsNullOrWhiteSpace(Address) || Address.Trim().Length > 254 || !System.Net.Mail.MailAddress.TryCreate(Address.Trim(), out var parsed) || parsed.Address != Address.Trim())
        {
            errors.Add(nameof(Address), "L'indirizzo email non è valido.");
        }

        if ((SenderName?.Trim().Length ?? 0) > 200)
        {
            errors.Add(nameof(SenderName), "Al massimo {0} caratteri.", 200);
        }

        if ((Signature?.Length ?? 0) > 4000)
        {
            errors.Add(nameof(Signature), "Al massimo {0} caratteri.", 4000);
        }

        foreach (var (field, host, port) in new[] { (nameof(ImapHost), ImapHost, ImapPort), (nameof(SmtpHost), SmtpHost, SmtpPort) })
        {
            if ((host?.Trim().Length ?? 0) > 255 || (host is { Length: > 0 } && Uri.CheckHostName(host.Trim()) == UriHostNameType.Unknown))
            {
                errors.Add(field, "Il nome del server non è valido.");
            }

            if (port is < 1 or > 65535)
            {
                errors.Add(field, "La porta deve essere tra 1 e 65535.");
            }
        }

        if (!Enum.IsDefined(ImapSecurity) || !Enum.IsDefined(SmtpSecurity))
        {
            errors.Add(nameof(ImapSecurity), "Sicurezza della connessione non valida.");
        }

        foreach (var (field, value, max) in new[] { (nameof(ImapUserName), ImapUserName, 254), (nameof(SmtpUserName), SmtpUserName, 254), (nameof(ImapFolder), ImapFolder, 200), (nameof(ImapPassword), ImapPassword, 500), (nameof(SmtpPassword), SmtpPassword, 500) })
        {
            if ((value?.Length ?? 0) > max)
            {
                errors.Add(field, "Al massimo {0} caratteri.", max);
            }
        }

        return errors;
    }

    public void ApplyTo(Mailbox m, MailboxSecrets secrets)
    {
        m.Name = Name!.Trim();
        m.Address = Address!.Trim().ToLowerInvariant();
        m.SenderName = string.IsNullOrWhiteSpace(SenderName) ? m.Name : SenderName.Trim();
        m.Signature = string.IsNullOrWhiteSpace(Signature) ? null : Signature.Trim();
        m.IsActive = IsActive;
        if (m.ImapHost != Clean(ImapHost) || m.ImapUserName != Clean(ImapUserName) || m.ImapFolder != (Clean(ImapFolder) ?? "INBOX"))
        {
            // Another server, account or folder: its UIDs mean nothing here; Message-IDs keep what is already in from coming twice.
            m.LastUid = 0;
            m.UidValidity = null;
        }

        m.ImapHost = Clean(ImapHost);
        m.ImapPort = ImapPort;
        m.ImapSecurity = ImapSecurity;
        m.ImapUserName = Clean(ImapUserName);
        m.ImapFolder = Clean(ImapFolder) ?? "INBOX";
        m.SmtpHost = Clean(SmtpHost);
        m.SmtpPort = SmtpPort;
        m.SmtpSecurity = SmtpSecurity;
        m.SmtpUserName = Clean(SmtpUserName);
        if (!string.IsNullOrEmpty(ImapPassword))
        {
            m.ImapPasswordProtected = secrets.Protect(ImapPassword);
        }

        if (!string.IsNullOrEmpty(SmtpPassword))
        {
            m.SmtpPasswordProtected = secrets.Protect(SmtpPassword);
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
