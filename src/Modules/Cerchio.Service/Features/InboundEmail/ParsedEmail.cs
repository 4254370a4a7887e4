namespace Cerchio.Service.Features.InboundEmail;

/// <summary>One mailbox: the address lower-cased (how Cerchio matches contacts), the display name as written.</summary>
internal sealed record InboundAddress(string Address, string? DisplayName);

/// <summary>
/// One attachment or inline part, decoded. <see cref="ContentId"/> (without angle brackets) is what
/// <c>cid:</c> references in <see cref="ParsedEmail.SafeHtml"/> point at.
/// </summary>
internal sealed record InboundAttachment(
    string FileName,
    string ContentType,
    string? ContentId,
    bool IsInline,
    ReadOnlyMemory<byte> Content)
{
    public long Size => Content.Length;

    public Stream OpenRead() => new MemoryStream(Content.ToArray(), writable: false);
}

/// <summary>Why no one should answer this message automatically (loop protection).</summary>
internal enum AutomatedKind
{
    None = 0,

    /// <summary>Out-of-office, vacation or other automatic answer (also read receipts).</summary>
    AutoReply = 1,

    /// <summary>A delivery failure report from a mail server.</summary>
    Bounce = 2,

    /// <summary>Mailing list or bulk mail (newsletters, notifications).</summary>
    Bulk = 3,
}

/// <summary>An inbound email reduced to what a case message needs; all text is clean (see <c>TextRules</c>).</summary>
internal sealed record ParsedEmail
{
    /// <summary>Without angle brackets. Generated from the raw bytes' hash when the message has none.</summary>
    public required string MessageId { get; init; }

    public bool IsMessageIdGenerated { get; init; }

    public string? InReplyTo { get; init; }

    /// <summary>Oldest first; at most <see cref="InboundLimits.MaxReferences"/> (the root and the latest).</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    public required InboundAddress From { get; init; }

    public IReadOnlyList<InboundAddress> To { get; init; } = [];

    public IReadOnlyList<InboundAddress> Cc { get; init; } = [];

    /// <summary>The first Reply-To mailbox, if any: answers go there rather than to From.</summary>
    public InboundAddress? ReplyTo { get; init; }

    /// <summary>Decoded; "" when missing (the page shows "(nessun oggetto)").</summary>
    public string Subject { get; init; } = "";

    /// <summary>The Date header; null when missing or unreadable (use the time of receipt).</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>The plain text part, or a text rendering of the HTML when there is none; "" when neither exists.</summary>
    public string TextBody { get; init; } = "";

    /// <summary>The HTML part after the allow-list; remote images moved to <c>data-blocked-src</c>. Null when none.</summary>
    public string? SafeHtml { get; init; }

    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];

    public AutomatedKind Automated { get; init; }

    /// <summary>What marked the message as automated, in English, for logs and the admin.</summary>
    public string? AutomatedReason { get; init; }

    public bool IsAutoReply => Automated == AutomatedKind.AutoReply;

    public bool IsBounce => Automated == AutomatedKind.Bounce;

    public bool IsBulk => Automated == AutomatedKind.Bulk;

    /// <summary>Any of the three: never acknowledge or auto-answer it.</summary>
    public bool IsAutomated => Automated != AutomatedKind.None;

    /// <summary>The case number found in the subject as <c>[#1234]</c>.</summary>
    public int? CaseReference { get; init; }

    /// <summary>Leaf MIME parts beyond <see cref="InboundLimits.MaxParts"/>, not looked at.</summary>
    public int DroppedParts { get; init; }

    /// <summary>Attachments beyond <see cref="InboundLimits.MaxAttachments"/>, not kept.</summary>
    public int DroppedAttachments { get; init; }

    /// <summary>What was trimmed or guessed, in English, for the admin (parts dropped, HTML cut, no body…).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public long RawSize { get; init; }

    /// <summary>SHA-256 of the raw bytes, lower-case hex: the same message fetched twice has the same value.</summary>
    public required string RawSha256 { get; init; }
}
