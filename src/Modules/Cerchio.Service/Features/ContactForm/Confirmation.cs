using Cerchio.Service.Domain;
using Cerchio.Text;
using MimeKit;
using MimeKit.Utils;

namespace Cerchio.Service.Features.ContactForm;

/// <summary>
/// The email that tells a web-form customer their case is open: its reference in the subject ("[#1234]") and its own
/// Message-ID, so an answer finds the case by either, as an answer to an agent's reply does.
/// </summary>
internal static class Confirmation
{
    /// <param name="l">Speaks the page's language: the customer reads the email as they read the form.</param>
    public static MimeMessage Build(Case opened, string organizationName, MailboxAddress from, WebContactForm.ValidRequest request, Loc l)
    {
        var message = new MimeMessage();
        // Without a mailbox of its own the organization writes from the system address, under its own name.
        message.From.Add(string.IsNullOrEmpty(from.Name) ? new MailboxAddress(organizationName, from.Address) : from);
        message.To.Add(new MailboxAddress(request.Name, request.Email));
        message.Subject = $"{l.F("Abbiamo ricevuto la tua richiesta: {0}", opened.Subject)} [#{opened.Number}]";
        message.MessageId = MimeUtils.GenerateMessageId(from.Domain is { Length: > 0 } domain ? domain : "cerchio.local");
        // RFC 3834: an automatic message; well-behaved autoresponders (holiday replies) do not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var quoted = string.Join("\n", request.Message.Split('\n').Select(line => "> " + line.TrimEnd('\r')));
        message.Body = new TextPart("plain")
        {
            Text = $"""
                {l.F("Gentile {0},", request.Name)}

                {l.F("abbiamo ricevuto la tua richiesta e l'abbiamo registrata come pratica n. {0}. Ti risponderemo al più presto.", opened.Number)}
                {l["Per aggiungere informazioni rispondi a questa email: il tuo messaggio arriverà alla stessa pratica."]}

                {l["La tua richiesta:"]}
                {quoted}

                -- 
                {organizationName}
                """,
        };
        return message;
    }
}
