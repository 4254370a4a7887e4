using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.OpenCase;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cerchio.Service.Features.InboundEmail;

/// <summary>
/// Turns one raw inbound email (from IMAP or the webhook) into a case message: a reply joins its case (by In-Reply-To,
/// References, then the [#1234] in the subject), anything else opens a case for the matched or new customer.
/// Auto-replies, bounces and bulk mail open nothing and answer nobody. Whatever happens is recorded in InboundEmails,
/// with the raw message when it was not imported: nothing is dropped silently.
/// </summary>
internal sealed class InboundMail(CerchioDb db, CaseDesk desk, InboundLimits limits, TimeProvider clock, ILogger<InboundMail> logger)
{
    public InboundLimits Limits { get; init; } = limits;

    public async Task<Domain.InboundEmail> ReceiveAsync(Stream raw, Mailbox? mailbox, string source, long? uid, CancellationToken ct)
    {
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            // Bounded copy: the message is kept as it arrived if it cannot be imported.
            var chunk = new byte[81920];
            int read;
            while ((read = await raw.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > Limits.MaxMessageBytes)
                {
                    return await RecordAsync(mailbox, source, uid, null, InboundOutcome.Failed,
                        $"The message is larger than {Limits.MaxMessageBytes / (1024 * 1024)} MB.", null, raw: null, ct);
                }

                buffer.Write(chunk, 0, read);
            }

            bytes = buffer.ToArray();
        }

        var outcome = await InboundEmailParser.ParseAsync(new MemoryStream(bytes, writable: false), Limits, ct);
        if (outcome.Email is not { } email)
        {
            return await RecordAsync(mailbox, source, uid, null, InboundOutcome.Failed, outcome.Reason ?? "Unreadable message.", null, bytes, ct);
        }

        // Pushed by a webhook: the mailbox it was sent to, when it is one of ours, gets the case and answers from its address.
        if (mailbox is null)
        {
            var recipients = email.To.Concat(email.Cc).Select(a => a.Address).ToList();
            mailbox = await db.Set<Mailbox>().AsNoTracking().FirstOrDefaultAsync(m => m.IsActive && recipients.Contains(m.Address), ct);
        }

        if (await db.Set<CaseEntry>().AnyAsync(e => e.MessageId == email.MessageId, ct))
        {
            return await RecordAsync(mailbox, source, uid, email, InboundOutcome.Duplicate, "Already imported.", null, raw: null, ct);
        }

        var thread = await FindCaseAsync(email, ct);
        if (email.IsAutomated)
        {
            return await RecordAsync(mailbox, source, uid, email, InboundOutcome.Ignored, email.AutomatedReason ?? email.Automated.ToString(), thread?.Id, bytes, ct);
        }

        try
        {
            var split = QuotedHistory.Split(email.TextBody);
            var caseEmail = new CaseEmail(
                email.MessageId,
                Address(email.From),
                Join(email.To),
                Join(email.Cc),
                email.SafeHtml,
                string.IsNullOrWhiteSpace(split.Folded) ? null : split.Folded,
                mailbox?.Id,
                email.Attachments.Select(a => new NewAttachment(a.FileName, a.ContentType, a.ContentId, a.IsInline, a.Content.ToArray())).ToList());
            var text = string.IsNullOrWhiteSpace(split.NewText) ? email.TextBody : split.NewText;

            Case joined;
            if (thread is not null)
            {
                await desk.AddCustomerMessageAsync(thread, text, caseEmail, ct);
                joined = thread;
            }
            else
            {
                var sender = email.ReplyTo ?? email.From;
                var subject = string.IsNullOrWhiteSpace(email.Subject) ? "(nessun oggetto)" : email.Subject;
                joined = await desk.OpenForSenderAsync(new NewCase(
                    subject.Length > Data.Limits.Subject ? subject[..Data.Limits.Subject] : subject,
                    CaseChannel.Email,
                    Text: text,
                    Email: caseEmail,
                    DepartmentId: mailbox?.DepartmentId), sender.Address, sender.DisplayName, ct);
            }

            return await RecordAsync(mailbox, source, uid, email, InboundOutcome.Imported, null, joined.Id, raw: null, ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return await RecordAsync(mailbox, source, uid, email, InboundOutcome.Duplicate, "Already imported (at the same moment).", null, raw: null, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Inbound message {MessageId} could not be imported.", email.MessageId);
            db.ChangeTracker.Clear();
            return await RecordAsync(mailbox, source, uid, email, InboundOutcome.Failed, e.Message, null, bytes, ct);
        }
    }

    /// <summary>Merges a case can have gone through; more would be a cycle, which the merge's rules never make.</summary>
    private const int MaxMergeHops = 20;

    /// <summary>The case a reply belongs to: the message it answers, then any it references (latest first), then the subject's [#1234].</summary>
    private async Task<Case?> FindCaseAsync(ParsedEmail email, CancellationToken ct)
    {
        var ids = new List<string>();
        if (email.InReplyTo is { } inReplyTo)
        {
            ids.Add(inReplyTo);
        }

        ids.AddRange(email.References.Reverse());
        if (ids.Count > 0)
        {
            var known = await db.Set<CaseEntry>().AsNoTracking().Where(e => ids.Contains(e.MessageId!)).Select(e => new { e.MessageId, e.CaseId }).ToListAsync(ct);
            foreach (var id in ids)
            {
                if (known.FirstOrDefault(k => k.MessageId == id) is { } hit)
                {
                    return await db.Set<Case>().FirstAsync(c => c.Id == hit.CaseId, ct);
                }
            }
        }

        var referenced = email.CaseReference is { } number ? await desk.FindAsync(number, ct) : null;
        // A merged case's mail goes where its conversation went, along the chain if that case was merged in turn.
        // (Replies by Message-ID need nothing: the messages themselves moved.)
        for (var hops = 0; referenced?.MergedIntoNumber is { } next && hops < MaxMergeHops; hops++)
        {
            referenced = await desk.FindAsync(next, ct);
        }

        return referenced is { Status: not CaseStatus.Closed } ? referenced : null;
    }

    private async Task<Domain.InboundEmail> RecordAsync(
        Mailbox? mailbox, string source, long? uid, ParsedEmail? email, InboundOutcome outcome, string? reason, Guid? caseId, byte[]? raw, CancellationToken ct)
    {
        var record = new Domain.InboundEmail
        {
            Id = Ids.New(),
            MailboxId = mailbox?.Id,
            Source = source,
            Uid = uid,
            MessageId = Clip(email?.MessageId, 500),
            From = Clip(email is null ? null : Address(email.From), 500),
            Subject = Clip(email?.Subject, Data.Limits.Subject),
            ReceivedAt = clock.GetUtcNow(),
            Outcome = outcome,
            Reason = Clip(reason, 2000),
            CaseId = caseId,
            Raw = raw,
        };
        db.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    private static string Address(InboundAddress a) => string.IsNullOrEmpty(a.DisplayName) ? a.Address : $"{a.DisplayName} <{a.Address}>";

    private static string? Join(IReadOnlyList<InboundAddress> list) => list.Count == 0 ? null : Clip(string.Join(", ", list.Select(Address)), 2000);

    private static string? Clip(string? text, int length) => text is { Length: > 0 } t && t.Length > length ? t[..length] : text;
}
