using Microsoft.Extensions.Configuration;

namespace Cerchio.Service.Features.InboundEmail;

/// <summary>
/// How much of one inbound message the parser accepts. Bounds that protect the process (size, header block,
/// MIME entities, time) refuse the message; bounds that only trim what is kept (parts, attachments, references,
/// HTML length) keep the message and record what was dropped in <see cref="ParsedEmail.Warnings"/>, because
/// losing a customer's message is worse than losing its 501st part.
/// </summary>
internal sealed record InboundLimits
{
    public static InboundLimits Default { get; } = new();

    /// <summary>
    /// The defaults with the size per message from Mailboxes:MaxMessageMegabytes: the same bound applies to what
    /// customers send and to what agents attach to a reply.
    /// </summary>
    public static InboundLimits From(IConfiguration configuration) =>
        Default with { MaxMessageBytes = Math.Max(1, configuration.GetValue("Mailboxes:MaxMessageMegabytes", 25L)) * 1024 * 1024 };

    /// <summary>Raw RFC 5322 bytes read at most; one byte more and the message is refused (25 MB, as most providers).</summary>
    public long MaxMessageBytes { get; init; } = 25L * 1024 * 1024;

    /// <summary>
    /// The largest header block of the message or of any MIME part. 256 KB leaves room for long References chains
    /// and Received trails (Postfix truncates at 100 KB) and refuses header floods.
    /// </summary>
    public int MaxHeaderBytes { get; init; } = 256 * 1024;

    /// <summary>Leaf MIME parts looked at, in document order; the rest are dropped and counted.</summary>
    public int MaxParts { get; init; } = 500;

    /// <summary>
    /// MIME entities (multiparts, parts, embedded messages) the parser builds before it gives up and refuses the
    /// message: a 25 MB message of tiny parts would otherwise hold millions of objects in memory.
    /// </summary>
    public int MaxMimeEntities { get; init; } = 5_000;

    /// <summary>Attachments kept (inline images included); the rest are dropped and counted.</summary>
    public int MaxAttachments { get; init; } = 100;

    /// <summary>References kept: the first (the thread's root) and the most recent ones.</summary>
    public int MaxReferences { get; init; } = 50;

    /// <summary>HTML characters sanitised; beyond this the HTML is cut (the DOM parser's cost grows with it).</summary>
    public int MaxHtmlChars { get; init; } = 2 * 1024 * 1024;

    /// <summary>
    /// HTML elements sanitised for display; beyond this only the text rendering is kept (the sanitiser costs about
    /// 50 µs per element, and a newsletter has a few thousand).
    /// </summary>
    public int MaxHtmlElements { get; init; } = 20_000;

    /// <summary>Time one parse may take before it is abandoned as a failure (a slow stream, a pathological body).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
