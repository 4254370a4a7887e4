using System.Text.RegularExpressions;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.OpenCase;
using MimeKit;
using MimeKit.Utils;

namespace Cerchio.Service.Features.Reply;

/// <summary>An agent's answer as the email that carries it: threaded under the customer's last message, the case reference in the subject.</summary>
internal static partial class ReplyMessage
{
    [GeneratedRegex(@"\[#\d+\]")]
    private static partial Regex Reference();

    /// <summary>"Re: Consegna in ritardo [#1234]": the reference lets a reply find its case even when a client drops the threading headers.</summary>
    public static string Subject(Case answered)
    {
        var subject = answered.Subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? answered.Subject : $"Re: {answered.Subject}";
        return Reference().IsMatch(subject) ? subject : $"{subject} [#{answered.Number}]";
    }

    /// <param name="thread">The Message-IDs of the case's emails, oldest first; the last is the one answered.</param>
    public static MimeMessage Build(
        Case answered, MailboxAddress from, MailboxAddress to, IReadOnlyList<MailboxAddress> cc, string text, string? signature,
        IReadOnlyList<string> thread, IReadOnlyList<NewAttachment> attachments)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(to);
        message.Cc.AddRange(cc);
        message.Subject = Subject(answered);
        message.MessageId = MimeUtils.GenerateMessageId(from.Domain is { Length: > 0 } domain ? domain : "cerchio.local");
        if (thread.Count > 0)
        {
            message.InReplyTo = thread[^1];
            // The root and the latest matter most to mail clients; keep the header bounded.
            foreach (var id in thread.Count <= 20 ? thread : [thread[0], .. thread.TakeLast(19)])
            {
                message.References.Add(id);
            }
        }

        var body = new BodyBuilder
        {
            TextBody = string.IsNullOrWhiteSpace(signature) ? text : $"{text.TrimEnd()}\n\n-- \n{signature.Trim()}",
        };
        foreach (var a in attachments)
        {
            body.Attachments.Add(a.FileName, a.Content, ContentType.TryParse(a.ContentType, out var type) ? type : new ContentType("application", "octet-stream"));
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
