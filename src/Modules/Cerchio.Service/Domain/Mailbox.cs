using Cerchio.Tenancy;
using MailKit.Security;

namespace Cerchio.Service.Domain;

/// <summary>
/// A support mailbox (assistenza@, reclami@): IMAP to read what customers write, SMTP to answer from the same address.
/// Passwords are stored only protected by Data Protection, whose key ring is encrypted with a certificate kept outside
/// the database (ADR 0007): a copy of the database alone does not reveal them.
/// </summary>
internal sealed class Mailbox : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string SenderName { get; set; } = "";
    public string? Signature { get; set; }

    /// <summary>Where its new cases go.</summary>
    public Guid? DepartmentId { get; set; }
    public bool IsActive { get; set; } = true;

    public string? ImapHost { get; set; }
    public int ImapPort { get; set; } = 993;
    public SecureSocketOptions ImapSecurity { get; set; } = SecureSocketOptions.SslOnConnect;
    public string? ImapUserName { get; set; }

    [NotAudited]
    public string? ImapPasswordProtected { get; set; }
    public string ImapFolder { get; set; } = "INBOX";

    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public SecureSocketOptions SmtpSecurity { get; set; } = SecureSocketOptions.StartTls;
    public string? SmtpUserName { get; set; }

    [NotAudited]
    public string? SmtpPasswordProtected { get; set; }

    /// <summary>The folder's UIDVALIDITY when <see cref="LastUid"/> was read: if the server changes it, UIDs start over.</summary>
    [NotAudited]
    public long? UidValidity { get; set; }

    /// <summary>The highest UID imported (or kept as failed): the next poll asks only for newer ones.</summary>
    [NotAudited]
    public long LastUid { get; set; }

    [NotAudited]
    public DateTimeOffset? LastPolledAt { get; set; }

    /// <summary>The server's answer when the last poll failed; cleared by the next good one.</summary>
    [NotAudited]
    public string? LastPollError { get; set; }

    /// <summary>One instance polls a mailbox at a time: it holds this lease while it reads.</summary>
    [NotAudited]
    public DateTimeOffset? PollLeaseUntil { get; set; }

    [NotAudited]
    public Guid? PollLeaseToken { get; set; }

    public bool ReadsImap => IsActive && !string.IsNullOrWhiteSpace(ImapHost);

    public string Route => RouteOf(Id);

    public static string RouteOf(Guid mailboxId) => $"mailbox:{mailboxId:N}";
}

internal enum InboundOutcome
{
    /// <summary>Became a case or joined one.</summary>
    Imported = 1,

    /// <summary>An auto-reply, bounce or bulk mail: kept, opened no case, answered nobody.</summary>
    Ignored = 2,

    /// <summary>Could not be read or stored: kept with the reason for the administrator.</summary>
    Failed = 3,

    /// <summary>The same message (same Message-ID) arrived again.</summary>
    Duplicate = 4,
}

/// <summary>Every message that reached Cerchio, whatever became of it: nothing is dropped silently.</summary>
[NotAudited]
internal sealed class InboundEmail : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? MailboxId { get; set; }

    /// <summary>"imap" or "webhook".</summary>
    public string Source { get; set; } = "";
    public long? Uid { get; set; }
    public string? MessageId { get; set; }
    public string? From { get; set; }
    public string? Subject { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public InboundOutcome Outcome { get; set; }
    public string? Reason { get; set; }
    public Guid? CaseId { get; set; }

    /// <summary>The message as it arrived, kept when it was not imported so it can be read or tried again.</summary>
    public byte[]? Raw { get; set; }
}

/// <summary>A file that came with a message or went with a reply; only people of the organization can download it.</summary>
[NotAudited]
internal sealed class CaseAttachment : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid CaseId { get; set; }
    public Guid EntryId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string? ContentId { get; set; }
    public bool IsInline { get; set; }
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
}
