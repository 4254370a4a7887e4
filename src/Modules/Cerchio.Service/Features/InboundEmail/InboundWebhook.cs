using System.Text.Json;
using Cerchio.Data;
using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cerchio.Service.Features.InboundEmail;

/// <summary>For providers that push instead of being polled: a raw RFC 5322 message or its JSON form, into the same pipeline as IMAP.</summary>
internal static class InboundWebhook
{
    public const long MaxBytes = 36L * 1024 * 1024;   // 25 MB of message, base64 in JSON grows it by a third

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/inbound/email", ReceiveAsync)
            .WithName("ReceiveInboundEmail")
            .WithSummary("Takes one inbound email as message/rfc822 or JSON (from, to, cc, subject, text, html, message_id, in_reply_to, references, attachments with base64 content). A reply joins its case; auto-replies and bounces open nothing.")
            .Accepts<InboundEmailInput>("application/json", "message/rfc822")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBytes));

    private static async Task<Results<Ok<InboundResult>, UnprocessableEntity<InboundResult>, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, InboundMail inbound, CerchioDb db, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, Loc l, CancellationToken ct)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        Stream raw;
        if (mediaType == "message/rfc822")
        {
            raw = request.Body;
        }
        else if (mediaType == "application/json")
        {
            InboundEmailInput? input;
            try
            {
                input = await request.ReadFromJsonAsync<InboundEmailInput>(json.Value.SerializerOptions, ct);
            }
            catch (JsonException e)
            {
                return ApiResults.Invalid("body", "Il JSON non è valido: {0}", l, e.Message);
            }

            var (message, errors) = ToMessage(input);
            if (errors.Any)
            {
                return ApiResults.Invalid(errors, l);
            }

            raw = new MemoryStream();
            await message!.WriteToAsync(raw, ct);
            raw.Position = 0;
        }
        else
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the message as message/rfc822 or application/json.");
        }

        var recorded = await inbound.ReceiveAsync(raw, null, "webhook", null, ct);
        var number = recorded.CaseId is { } caseId ? await db.Set<Case>().Where(c => c.Id == caseId).Select(c => (int?)c.Number).FirstOrDefaultAsync(ct) : null;
        var result = new InboundResult(recorded.Outcome.ToString().ToLowerInvariant(), number, recorded.Reason);
        return recorded.Outcome == InboundOutcome.Failed ? TypedResults.UnprocessableEntity(result) : TypedResults.Ok(result);
    }

    private static (MimeMessage? Message, Errors Errors) ToMessage(InboundEmailInput? input)
    {
        var errors = new Errors();
        if (input is null)
        {
            return (null, errors.Add("body", "Manca il messaggio."));
        }

        var message = new MimeMessage();
        if (!MailboxAddress.TryParse(input.From ?? "", out var from) || !from.Address.Contains('@'))
        {
            errors.Add("from", "'from' deve essere un indirizzo email.");
        }
        else
        {
            message.From.Add(from);
        }

        foreach (var (field, list, target) in new[] { ("to", input.To, message.To), ("cc", input.Cc, message.Cc) })
        {
            foreach (var address in list ?? [])
            {
                if (MailboxAddress.TryParse(address ?? "", out var parsed))
                {
                    target.Add(parsed);
                }
                else
                {
                    errors.Add(field, "Indirizzo non valido: {0}", address ?? "");
                }
            }
        }

        message.Subject = input.Subject ?? "";
        if (!string.IsNullOrWhiteSpace(input.MessageId))
        {
            message.MessageId = input.MessageId.Trim().Trim('<', '>');
        }

        if (!string.IsNullOrWhiteSpace(input.InReplyTo))
        {
            message.InReplyTo = input.InReplyTo.Trim().Trim('<', '>');
        }

        foreach (var reference in input.References ?? [])
        {
            if (!string.IsNullOrWhiteSpace(reference))
            {
                message.References.Add(reference.Trim().Trim('<', '>'));
            }
        }

        var body = new BodyBuilder { TextBody = input.Text, HtmlBody = input.Html };
        foreach (var (attachment, index) in (input.Attachments ?? []).Select((a, i) => (a, i)))
        {
            byte[] content;
            try
            {
                content = Convert.FromBase64String(attachment.Content ?? "");
            }
            catch (FormatException)
            {
                errors.Add($"attachments[{index}].content", "Il contenuto dell'allegato non è in base64.");
                continue;
            }

            var type = ContentType.TryParse(attachment.ContentType ?? "", out var parsedType) ? parsedType : new ContentType("application", "octet-stream");
            body.Attachments.Add(string.IsNullOrWhiteSpace(attachment.Filename) ? $"allegato-{index + 1}" : attachment.Filename, content, type);
        }

        message.Body = body.ToMessageBody();
        return (errors.Any ? null : message, errors);
    }
}
