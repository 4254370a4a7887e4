using MimeKit;

namespace Cerchio.Service.Features.InboundEmail;

/// <summary>The body parts of a message, picked the way mail clients do, and everything else as attachments.</summary>
internal sealed record CollectedBodies(
    string? Text,
    string? Html,
    IReadOnlyList<InboundAttachment> Attachments,
    int DroppedParts,
    int DroppedAttachments);

internal static class Bodies
{
    private const int MaxFileNameLength = 200;

    /// <summary>
    /// Walks the leaf parts in document order (the first <see cref="InboundLimits.MaxParts"/> of them): the first
    /// unnamed, non-attachment text/plain is the text body, the first text/html the HTML body; every other part,
    /// embedded messages and delivery reports included, is an attachment (the first
    /// <see cref="InboundLimits.MaxAttachments"/> of them).
    /// </summary>
    public static CollectedBodies Collect(MimeMessage message, InboundLimits limits, CancellationToken token)
    {
        var leaves = new List<MimeEntity>();
        var droppedParts = 0;
        var stack = new Stack<MimeEntity>();
        if (message.Body is not null)
        {
            stack.Push(message.Body);
        }

        while (stack.Count > 0)
        {
            var entity = stack.Pop();
            if (entity is Multipart multipart)
            {
                for (var i = multipart.Count - 1; i >= 0; i--)
                {
                    stack.Push(multipart[i]);
                }
            }
            else if (leaves.Count < limits.MaxParts)
            {
                leaves.Add(entity);
            }
            else
            {
                droppedParts++;
            }
        }

        string? text = null;
        string? html = null;
        var attachments = new List<InboundAttachment>();
        var droppedAttachments = 0;
        foreach (var leaf in leaves)
        {
            token.ThrowIfCancellationRequested();
            if (leaf is TextPart part && !part.IsAttachment && part.FileName is null)
            {
                if (part.IsPlain && text is null)
                {
                    text = InboundEmailParser.ReadText(part, token);
                    continue;
                }

                if (part.IsHtml && html is null)
                {
                    html = InboundEmailParser.ReadText(part, token);
                    continue;
                }
            }

            if (attachments.Count >= limits.MaxAttachments)
            {
                droppedAttachments++;
                continue;
            }

            attachments.Add(Attachment(leaf, attachments.Count + 1, token));
        }

        return new CollectedBodies(text, html, attachments, droppedParts, droppedAttachments);
    }

    private static InboundAttachment Attachment(MimeEntity entity, int number, CancellationToken token)
    {
        using var content = new MemoryStream();
        string? name = entity.ContentDisposition?.FileName;
        switch (entity)
        {
            case MimePart part:
                // Decoding is forgiving: truncated or dirty base64 yields the bytes that were there.
                part.Content?.DecodeTo(content, token);
                name = part.FileName;
                break;
            case MessagePart { Message: { } embedded } message:
                embedded.WriteTo(content, token);
                // A forwarded message is named after its subject; the headers of a bounced one (text/rfc822-headers) are not.
                if (name is null && message.ContentType.IsMimeType("message", "*") && !string.IsNullOrWhiteSpace(embedded.Subject))
                {
                    name = embedded.Subject + ".eml";
                }

                break;
            default:
                entity.WriteTo(content, contentOnly: true, token);
                break;
        }

        var type = entity.ContentType.MimeType.ToLowerInvariant();
        var contentId = string.IsNullOrWhiteSpace(entity.ContentId) ? null : InboundEmailParser.Clean(entity.ContentId.Trim('<', '>', ' '));
        var disposition = entity.ContentDisposition?.Disposition;
        var inline = disposition is null
            ? contentId is not null
            : disposition.Equals(ContentDisposition.Inline, StringComparison.OrdinalIgnoreCase);
        return new InboundAttachment(
            FileName(name, type, number),
            type,
            contentId,
            inline,
            new ReadOnlyMemory<byte>(content.GetBuffer(), 0, (int)content.Length));
    }

    /// <summary>The name as the sender (or the agent uploading it) gave it, without any path, control characters or length beyond reason.</summary>
    internal static string FileName(string? given, string mimeType, int number)
    {
        var name = InboundEmailParser.Clean(given ?? "");
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..].Trim().Trim('.').Trim();
        if (name.Length > MaxFileNameLength)
        {
            var extension = Path.GetExtension(name);
            name = name[..(MaxFileNameLength - Math.Min(extension.Length, 20))] + extension[..Math.Min(extension.Length, 20)];
        }

        if (name.Length > 0)
        {
            return name;
        }

        if (!MimeTypes.TryGetExtension(mimeType, out var ext))
        {
            ext = mimeType.StartsWith("text/", StringComparison.Ordinal) || mimeType.StartsWith("message/", StringComparison.Ordinal) ? ".txt" : "";
        }

        return $"attachment-{number}{ext}";
    }
}
