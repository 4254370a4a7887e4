using Cerchio.Tenancy;

namespace Cerchio.Service.Domain;

/// <summary>One line of a case's conversation: a message in or out, a note, a change of status or hands.</summary>
[NotAudited]   // the conversation is the record of itself
internal sealed class CaseEntry : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid CaseId { get; set; }
    public CaseEntryKind Kind { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The person who wrote it; null for the customer or the system.</summary>
    public Guid? AuthorId { get; set; }
    public string? AuthorName { get; set; }

    /// <summary>Plain text: what the customer or the agent wrote, or what changed ("Aperta → Risolta").</summary>
    public string Text { get; set; } = "";

    /// <summary>For messages: the channel it came or went by.</summary>
    public CaseChannel? Channel { get; set; }

    /// <summary>The email's Message-ID (without angle brackets): replies find their case by it, and a message seen twice is stored once.</summary>
    public string? MessageId { get; set; }

    /// <summary>The email's sender and recipients as written (inbound), or where the reply went (outbound).</summary>
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Cc { get; set; }

    /// <summary>The email's HTML after the allow-list (never the original): shown on request, with remote images blocked.</summary>
    public string? SafeHtml { get; set; }

    /// <summary>The quoted history and signature under the new text, folded away on the page.</summary>
    public string? QuotedText { get; set; }

    /// <summary>For replies: the outbox message, whose status (queued, sent, failed) the page shows.</summary>
    public Guid? OutgoingEmailId { get; set; }
    public Guid? MailboxId { get; set; }
}

/// <summary>The last case number given in an organization; one row each, locked while a number is taken.</summary>
internal sealed class CaseCounter
{
    public Guid OrganizationId { get; set; }
    public int LastNumber { get; set; }
}
