using System.Text;
using System.Text.RegularExpressions;
using Cerchio.Text;
using MimeKit;
using MimeKit.Text;
using static System.FormattableString;

namespace Cerchio.Service.Features.InboundEmail;

/// <summary>
/// Turns one raw RFC 5322 message (IMAP fetch or inbound webhook) into a <see cref="ParsedEmail"/>, or a failure
/// with a reason. MimeKit does the MIME, charsets and RFC 2047; HtmlSanitizer the HTML. Bad input never throws:
/// the caller gets <see cref="ParseOutcome.Failed"/>; only the caller's own cancellation does. Reasons and
/// warnings are English with invariant numbers, whatever the thread's culture.
/// </summary>
internal static partial class InboundEmailParser
{
    /// <summary>MIME nesting kept by MimeKit; deeper multiparts are read as opaque parts. Real mail nests 3–5 levels.</summary>
    private const int MaxMimeDepth = 32;

    private static readonly Encoding Windows1252;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static InboundEmailParser()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    public static ParseOutcome Parse(Stream rawRfc5322, InboundLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rawRfc5322);
        ArgumentNullException.ThrowIfNull(limits);
        return Run(rawRfc5322, limits, cancellationToken, (parser, token) => Task.FromResult(parser.ParseMessage(token)))
            .GetAwaiter().GetResult();
    }

    /// <summary>For streams that must not be read synchronously (an ASP.NET Core request body).</summary>
    public static Task<ParseOutcome> ParseAsync(Stream rawRfc5322, InboundLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rawRfc5322);
        ArgumentNullException.ThrowIfNull(limits);
        return Run(rawRfc5322, limits, cancellationToken, (parser, token) => parser.ParseMessageAsync(token));
    }

    private static async Task<ParseOutcome> Run(Stream raw, InboundLimits limits, CancellationToken cancellationToken,
        Func<MimeParser, CancellationToken, Task<MimeMessage>> parse)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (raw.CanSeek && raw.Length - raw.Position > limits.MaxMessageBytes)
        {
            return TooLarge(limits);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.Timeout);
        var token = timeout.Token;
        using var bounded = new BoundedReadStream(raw, limits.MaxMessageBytes);
        try
        {
            var parser = new MimeParser(ParserOptions(), bounded, persistent: false);
            EntityGuard.Watch(parser, limits);
            var message = await parse(parser, token).ConfigureAwait(false);
            if (bounded.BytesRead == 0)
            {
                return Empty();
            }

            return Build(message, bounded, limits, token);
        }
        catch (MessageTooLargeException)
        {
            return TooLarge(limits);
        }
        catch (RefusedException refused)
        {
            return refused.Outcome;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ParseOutcome.Failed(ParseFailure.TimedOut, Invariant($"Parsing took longer than {limits.Timeout.TotalSeconds:0} s and was abandoned."));
        }
        catch (FormatException) when (bounded.BytesRead == 0)
        {
            return Empty();
        }
        catch (FormatException ex)
        {
            return ParseOutcome.Failed(ParseFailure.Malformed, $"Not an email message: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // MimeKit and the decoders were fed hostile bytes; whatever they threw, the admin sees it as a failed import.
            return ParseOutcome.Failed(ParseFailure.Malformed, $"The message could not be read ({ex.GetType().Name}: {ex.Message}).");
        }
    }

    private static ParseOutcome Empty() => ParseOutcome.Failed(ParseFailure.Empty, "The message is empty.");

    private static ParseOutcome TooLarge(InboundLimits limits) =>
        ParseOutcome.Failed(ParseFailure.TooLarge, $"The message is larger than {Megabytes(limits.MaxMessageBytes)}.");

    private static string Megabytes(long bytes) => bytes >= 1024 * 1024 ? Invariant($"{bytes / (1024.0 * 1024):0.#} MB") : Invariant($"{bytes:N0} bytes");

    private static ParserOptions ParserOptions() => new()
    {
        MaxMimeDepth = MaxMimeDepth,
        // 8-bit headers that are not UTF-8 are almost always Windows Latin-1 in Italian mail.
        CharsetEncoding = Windows1252,
        AllowUnquotedCommasInAddresses = true,
        AddressParserComplianceMode = RfcComplianceMode.Loose,
        ParameterComplianceMode = RfcComplianceMode.Loose,
        Rfc2047ComplianceMode = RfcComplianceMode.Loose,
    };

    private static ParseOutcome Build(MimeMessage message, BoundedReadStream bounded, InboundLimits limits, CancellationToken token)
    {
        var warnings = new List<string>();
        var hash = Convert.ToHexStringLower(bounded.Hash());

        var from = Mailbox(message.From.Mailboxes.FirstOrDefault()) ?? Mailbox(message.Sender);
        if (from is null)
        {
            return ParseOutcome.Failed(ParseFailure.NoSender, "The message has no valid From address.");
        }

        var subject = Clean(message.Subject ?? "").Trim();
        var messageId = NormaliseId(message.MessageId);
        var generated = messageId is null;
        messageId ??= $"{hash[..32]}@generated.cerchio.invalid";

        var body = Bodies.Collect(message, limits, token);
        if (body.DroppedParts > 0)
        {
            warnings.Add(Invariant($"{body.DroppedParts:N0} MIME parts beyond the first {limits.MaxParts:N0} were dropped."));
        }

        if (body.DroppedAttachments > 0)
        {
            warnings.Add(Invariant($"{body.DroppedAttachments:N0} attachments beyond the first {limits.MaxAttachments:N0} were dropped."));
        }

        var text = body.Text is null ? null : Clean(body.Text);
        string? safeHtml = null;
        if (body.Html is { } html)
        {
            if (html.Length > limits.MaxHtmlChars)
            {
                html = html[..limits.MaxHtmlChars];
                warnings.Add(Invariant($"The HTML part was cut to its first {limits.MaxHtmlChars:N0} characters."));
            }

            var rendering = EmailHtml.ToText(html);
            token.ThrowIfCancellationRequested();
            text ??= Clean(rendering.Text);
            if (rendering.MaxDepth > EmailHtml.MaxDepth || rendering.Elements > limits.MaxHtmlElements)
            {
                warnings.Add(Invariant($"The HTML part is too complex to display ({rendering.Elements:N0} elements, nesting {rendering.MaxDepth:N0}); only its text is kept."));
            }
            else
            {
                safeHtml = Clean(EmailHtml.Sanitize(html));
            }
        }

        if (text is null && safeHtml is null && body.Attachments.Count == 0)
        {
            warnings.Add("The message has no readable body (no text or HTML part was found).");
        }

        var (kind, reason) = AutomatedMail.Classify(message, from, subject);
        return ParseOutcome.Success(new ParsedEmail
        {
            MessageId = messageId,
            IsMessageIdGenerated = generated,
            InReplyTo = NormaliseId(message.InReplyTo),
            References = References(message, limits),
            From = from,
            To = Mailboxes(message.To),
            Cc = Mailboxes(message.Cc),
            ReplyTo = Mailbox(message.ReplyTo.Mailboxes.FirstOrDefault()),
            Subject = subject,
            Date = message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue ? message.Date : null,
            TextBody = text ?? "",
            SafeHtml = safeHtml,
            Attachments = body.Attachments,
            Automated = kind,
            AutomatedReason = reason is null ? null : Clean(reason),
            CaseReference = CaseReference(subject),
            DroppedParts = body.DroppedParts,
            DroppedAttachments = body.DroppedAttachments,
            Warnings = warnings,
            RawSize = bounded.BytesRead,
            RawSha256 = hash,
        });
    }

    private static IReadOnlyList<string> References(MimeMessage message, InboundLimits limits)
    {
        var all = message.References.Select(NormaliseId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (all.Count <= limits.MaxReferences || limits.MaxReferences < 2)
        {
            return all.Take(Math.Max(limits.MaxReferences, 0)).ToList();
        }

        // The root identifies the thread, the latest ones the branch being answered; the middle adds nothing.
        return [all[0], .. all.TakeLast(limits.MaxReferences - 1)];
    }

    private static int? CaseReference(string subject)
    {
        var match = CaseTag().Match(subject);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, out var number) && number > 0 ? number : null;
    }

    private static string? NormaliseId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var trimmed = Clean(id).Trim().Trim('<', '>').Trim();
        return trimmed.Length == 0 || trimmed.Length > 998 ? null : trimmed;
    }

    private static InboundAddress? Mailbox(MailboxAddress? mailbox)
    {
        var address = mailbox?.Address?.Trim();
        if (string.IsNullOrEmpty(address) || !address.Contains('@'))
        {
            return null;
        }

        var name = Clean(mailbox!.Name ?? "").Trim().Trim('"', '\'').Trim();
        return new InboundAddress(Clean(address).ToLowerInvariant(), name.Length == 0 ? null : name);
    }

    private static IReadOnlyList<InboundAddress> Mailboxes(InternetAddressList list) =>
        list.Mailboxes.Select(Mailbox).OfType<InboundAddress>().ToList();

    /// <summary>
    /// The text of a text part. Mail labelled ISO-8859-1 or US-ASCII is read as Windows-1252 (the WHATWG rule every
    /// browser follows: Outlook writes € as 0x80 under an ISO-8859-1 label); unlabelled text is UTF-8 when it
    /// decodes as such, else Windows-1252. Other labels are MimeKit's to honour.
    /// </summary>
    internal static string ReadText(TextPart part, CancellationToken token)
    {
        var charset = part.ContentType.Charset?.Trim().ToLowerInvariant();
        string text;
        if (charset is null or "iso-8859-1" or "iso8859-1" or "latin1" or "us-ascii" or "ascii" or "windows-1252" or "cp1252")
        {
            using var decoded = new MemoryStream();
            part.Content?.DecodeTo(decoded, token);
            var bytes = decoded.GetBuffer().AsSpan(0, (int)decoded.Length);
            text = TryUtf8(bytes) ?? Windows1252.GetString(bytes);
        }
        else
        {
            text = part.Text ?? "";
        }

        if (part.IsFlowed)
        {
            // format=flowed (RFC 3676) wraps long lines with a trailing space; join them back.
            var converter = new FlowedToText { DeleteSpace = part.ContentType.Parameters["delsp"]?.Equals("yes", StringComparison.OrdinalIgnoreCase) == true };
            text = converter.Convert(text);
        }

        return text;
    }

    private static string? TryUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Cerchio's text rule (<see cref="TextRules"/>): no control characters but tab and line breaks, no broken surrogates.</summary>
    internal static string Clean(string value)
    {
        if (TextRules.IndexOfProblem(value) < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else if (TextRules.IndexOfProblem([c]) < 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\[#(\d{1,9})\]", RegexOptions.CultureInvariant)]
    private static partial Regex CaseTag();

    /// <summary>Stops the MIME parser early on header floods and part floods, before they cost memory.</summary>
    private static class EntityGuard
    {
        public static void Watch(MimeParser parser, InboundLimits limits)
        {
            var entities = 0;
            parser.MimeMessageBegin += (_, e) => CheckHeaders(parser, e.BeginOffset, limits);
            parser.MimeEntityBegin += (_, e) =>
            {
                CheckHeaders(parser, e.BeginOffset, limits);
                if (++entities > limits.MaxMimeEntities)
                {
                    throw new RefusedException(ParseOutcome.Failed(ParseFailure.TooManyParts,
                        Invariant($"The message has more than {limits.MaxMimeEntities:N0} MIME parts.")));
                }
            };
        }

        // Raised once the entity's headers are read: the parser stands at the end of its header block.
        private static void CheckHeaders(MimeParser parser, long begin, InboundLimits limits)
        {
            var size = parser.Position - begin;
            if (size > limits.MaxHeaderBytes)
            {
                throw new RefusedException(ParseOutcome.Failed(ParseFailure.HeaderTooLarge,
                    Invariant($"A header block is {size:N0} bytes, more than the {limits.MaxHeaderBytes:N0} allowed.")));
            }
        }
    }

    private sealed class RefusedException(ParseOutcome outcome) : Exception(outcome.Reason)
    {
        public ParseOutcome Outcome { get; } = outcome;
    }
}
