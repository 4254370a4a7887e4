using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Data.Outbox;
using MimeKit;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Reply;
using Cerchio.Service.Features.Settings;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.OpenCase;

/// <summary>What a new case is, whichever way it arrived (API, email, phone, web form).</summary>
/// <param name="Text">The customer's words, or the agent's note of the call; may be empty.</param>
/// <param name="ResolvedOnTheSpot">"Risolto al telefono": logged already resolved.</param>
/// <param name="SubmittedFrom">The web form's client, pseudonymised (see Case.SubmittedFrom).</param>
internal sealed record NewCase(
    string Subject,
    CaseChannel Channel,
    CaseType Type = CaseType.Request,
    CasePriority Priority = CasePriority.Normal,
    Guid? CustomerId = null,
    string? RequesterName = null,
    string? RequesterEmail = null,
    string? Touchpoint = null,
    string? Text = null,
    string? ExternalId = null,
    bool ResolvedOnTheSpot = false,
    CaseEmail? Email = null,
    Guid? DepartmentId = null,
    string? SubmittedFrom = null);

/// <summary>The email a message came in as (or went out as), beyond its text.</summary>
internal sealed record CaseEmail(
    string MessageId, string? From, string? To, string? Cc, string? SafeHtml, string? QuotedText, Guid? MailboxId, IReadOnlyList<NewAttachment> Attachments);

/// <summary>An automatic email to the customer about the case just opened (the web form's confirmation), given its sender.</summary>
/// <param name="AuthorName">Who the case's conversation shows as its author.</param>
internal sealed record Acknowledgement(string AuthorName, Func<Case, MailboxAddress, MimeMessage> Build);

internal sealed record NewAttachment(string FileName, string ContentType, string? ContentId, bool IsInline, byte[] Content);

/// <summary>
/// The one place cases are opened and moved: it takes the next number, starts the SLA clocks, writes the first
/// message, tells the customer's timeline and publishes the module events, all in one transaction.
/// </summary>
internal sealed class CaseDesk(
    CerchioDb db, OrganizationContext tenant, ServiceSettings settings, ICustomerDirectory customers, EmailOutbox outbox,
    Microsoft.Extensions.Options.IOptions<SmtpSettings> smtp, InboundEmail.InboundLimits limits, IOrganizationDirectory organization,
    Mentions.MentionNotices mentions, TimeProvider clock)
{
    public const string PagePath = "/assistenza/pratiche";

    public static string PageOf(int number) => $"{PagePath}/{number}";

    public Task<Case?> FindAsync(int number, CancellationToken ct = default) =>
        db.Set<Case>().FirstOrDefaultAsync(c => c.Number == number, ct);

    /// <summary>Opens the case; with an external id already used, returns the case that id opened (Created false).</summary>
    /// <param name="acknowledge">An automatic email to the customer about the new case, queued in the same transaction.</param>
    public async Task<(Case Case, bool Created)> OpenAsync(NewCase request, CancellationToken ct = default, Acknowledgement? acknowledge = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (request.ExternalId is { } externalId && await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(c => c.ExternalId == externalId, ct) is { } earlier)
            {
                return (earlier, false);
            }

            try
            {
                return (await InsertAsync(request, acknowledge, ct), true);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && attempt < 5)
            {
                // Another request took the same external id, or created the organization's counter first: look again.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Opens a case for whoever wrote from this address (an email, the web contact form): the sender is matched to a
    /// contact or customer by address, then by company domain; an unknown sender becomes a new customer flagged for
    /// review, stored in the same transaction as the case.
    /// </summary>
    public async Task<Case> OpenForSenderAsync(NewCase request, string address, string? displayName, CancellationToken ct = default, Acknowledgement? acknowledge = null)
    {
        var match = await customers.MatchSenderAsync(address, displayName, ct);
        var (opened, _) = await OpenAsync(request with
        {
            CustomerId = match.Customer.Id,
            RequesterName = displayName ?? match.Customer.Name,
            RequesterEmail = address,
        }, ct, acknowledge);
        return opened;
    }

    private async Task<Case> InsertAsync(NewCase request, Acknowledgement? acknowledge, CancellationToken ct)
    {
        var (calendar, policy) = await settings.GetAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var number = await NextNumberAsync(ct);
        var now = clock.GetUtcNow();
        var opened = Case.Open(number, request.Subject, request.Type, request.Priority, request.Channel, now, calendar, policy.For(request.Priority, request.Type));
        opened.CustomerId = request.CustomerId;
        opened.RequesterName = request.RequesterName;
        opened.RequesterEmail = request.RequesterEmail;
        opened.TouchpointCode = request.Touchpoint;
        opened.ExternalId = request.ExternalId;
        opened.MailboxId = request.Email?.MailboxId;
        opened.DepartmentId = request.DepartmentId;
        opened.SubmittedFrom = request.SubmittedFrom;
        db.Add(opened);

        if (request.Email is { } email)
        {
            AddCustomerEmail(opened, request.Text ?? "", email, now, opensTheCase: true);
        }
        else if (!string.IsNullOrWhiteSpace(request.Text))
        {
            var loggedByAgent = request.Channel is CaseChannel.Phone or CaseChannel.WalkIn or CaseChannel.TradeFair or CaseChannel.Visit;
            AddEntry(opened, loggedByAgent ? CaseEntryKind.ConversationNote : CaseEntryKind.CustomerMessage, request.Text, now, request.Channel, byAgent: loggedByAgent);
        }

        db.Publish(new CaseOpened(opened.Id, opened.Number, opened.CustomerId, CaseNames.Of(opened.Type), CaseNames.Of(opened.Channel), opened.TouchpointCode, now));
        Timeline(opened, "case_opened", $"Pratica #{opened.Number} aperta: {opened.Subject}", now);

        if (request.ResolvedOnTheSpot)
        {
            // The conversation itself was the answer.
            opened.AgentResponded(now);
            opened.MoveTo(CaseStatus.Resolved, now, calendar);
            Resolved(opened, now);
        }

        if (acknowledge is not null)
        {
            // In the case's own transaction: a case is never open without its confirmation queued, nor the reverse.
            await QueueAutomaticEmailAsync(opened, from => acknowledge.Build(opened, from), acknowledge.AuthorName, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return opened;
    }

    /// <summary>A person moves the case by hand; null when done, otherwise why not (nothing changed, nothing saved).</summary>
    public async Task<string?> MoveAsync(Case moved, CaseStatus to, CancellationToken ct = default)
    {
        var (calendar, _) = await settings.GetAsync(ct);
        var from = moved.Status;
        var now = clock.GetUtcNow();
        if (moved.MoveTo(to, now, calendar) is { } refused)
        {
            return refused;
        }

        if (from == to)
        {
            return null;
        }

        AddEntry(moved, CaseEntryKind.StatusChanged, $"{CaseNames.Label(from)} → {CaseNames.Label(to)}", now, null, byAgent: true);
        if (to == CaseStatus.Resolved)
        {
            Resolved(moved, now);
        }
        else if (from == CaseStatus.Resolved && to == CaseStatus.Open)
        {
            db.Publish(new CaseReopened(moved.Id, moved.Number, moved.CustomerId, now));
            Timeline(moved, "case_reopened", $"Pratica #{moved.Number} riaperta", now);
        }

        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>An internal note: seen by the company's people only; the colleagues it mentions are told in the same transaction.</summary>
    public async Task<CaseEntry> AddNoteAsync(Case noted, string text, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var entry = AddEntry(noted, CaseEntryKind.Note, text, now, null, byAgent: true);
        noted.LastActivityAt = now;
        await mentions.NotifyAsync(noted, entry, ct);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    /// <summary>
    /// Answers the customer by email: the reply is stored and queued in the outbox in one transaction, from the case's
    /// mailbox (or the system sender), threaded under the last message. Returns the entry, or why it cannot be sent.
    /// </summary>
    public async Task<(CaseEntry? Entry, ErrorMessage? Refused)> ReplyAsync(
        Case answered, string text, IReadOnlyList<string> cc, IReadOnlyList<NewAttachment> attachments, CancellationToken ct = default)
    {
        if (answered.Status == CaseStatus.Closed)
        {
            return (null, new ErrorMessage("Una pratica chiusa non riceve risposte: aprine una nuova.", []));
        }

        if (ReplyAttachments.Refusal(attachments.Count, attachments.Sum(a => (long)a.Content.Length), limits) is { } tooMuch)
        {
            return (null, tooMuch);
        }

        if (string.IsNullOrWhiteSpace(answered.RequesterEmail) || !MailboxAddress.TryParse(answered.RequesterEmail, out var to))
        {
            return (null, new ErrorMessage("La pratica non ha un indirizzo email del cliente a cui rispondere.", []));
        }

        var copies = new List<MailboxAddress>();
        foreach (var address in cc.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            if (!MailboxAddress.TryParse(address.Trim(), out var copy) || !copy.Address.Contains('@'))
            {
                return (null, new ErrorMessage("Indirizzo in copia non valido: {0}", [address.Trim()]));
            }

            copies.Add(copy);
        }

        var (mailbox, from) = await SenderAsync(answered, ct);
        var thread = await db.Set<CaseEntry>().AsNoTracking()
            .Where(e => e.CaseId == answered.Id && e.MessageId != null)
            .OrderBy(e => e.At).Select(e => e.MessageId!).ToListAsync(ct);

        var message = ReplyMessage.Build(answered, from, to, copies, text, mailbox?.Signature, thread, attachments);
        var now = clock.GetUtcNow();
        var entry = AddEntry(answered, CaseEntryKind.Reply, text, now, CaseChannel.Email, byAgent: true);
        var email = outbox.Queue(message, mailbox?.Route, entry.Id);
        entry.MessageId = message.MessageId;
        entry.From = from.ToString();
        entry.To = to.ToString();
        entry.Cc = copies.Count == 0 ? null : string.Join(", ", copies);
        entry.OutgoingEmailId = email.Id;
        entry.MailboxId = mailbox?.Id;
        AddAttachments(answered, entry, attachments);
        answered.AgentResponded(now);
        Timeline(answered, "case_replied", $"Pratica #{answered.Number}: risposta inviata", now);
        await db.SaveChangesAsync(ct);
        return (entry, null);
    }

    /// <summary>
    /// An automatic email to the customer about their case (the web form's confirmation): queued in the outbox from the
    /// address replies use, and recorded on the case with its Message-ID, so the customer's answer to it joins the case.
    /// Not an agent's response: the SLA's first-response clock keeps running. Saved by the caller.
    /// </summary>
    /// <param name="build">The message, given its sender.</param>
    private async Task<CaseEntry?> QueueAutomaticEmailAsync(Case about, Func<MailboxAddress, MimeMessage> build, string authorName, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(about.RequesterEmail) || !MailboxAddress.TryParse(about.RequesterEmail, out _))
        {
            return null;
        }

        var (mailbox, from) = await SenderAsync(about, ct);
        var message = build(from);
        var now = clock.GetUtcNow();
        var entry = AddEntry(about, CaseEntryKind.Reply, message.TextBody ?? "", now, CaseChannel.Email, byAgent: false);
        entry.AuthorName = authorName;
        var email = outbox.Queue(message, mailbox?.Route, entry.Id);
        entry.MessageId = message.MessageId;
        entry.From = from.ToString();
        entry.To = string.Join(", ", message.To.Mailboxes);
        entry.OutgoingEmailId = email.Id;
        entry.MailboxId = mailbox?.Id;
        return entry;
    }

    /// <summary>Who answers a case: its own mailbox, else the organization's first mailbox that sends, else the system sender.</summary>
    private async Task<(Mailbox? Mailbox, MailboxAddress From)> SenderAsync(Case about, CancellationToken ct)
    {
        var mailbox = about.MailboxId is { } mailboxId
            ? await db.Set<Mailbox>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == mailboxId && m.IsActive, ct)
            : await db.Set<Mailbox>().AsNoTracking().Where(m => m.IsActive && m.SmtpHost != null).OrderBy(m => m.Name).FirstOrDefaultAsync(ct);
        var from = mailbox is null
            ? MailboxAddress.Parse(smtp.Value.From)
            : new MailboxAddress(mailbox.SenderName, mailbox.Address);
        return (mailbox, from);
    }

    /// <summary>The customer wrote again on a case: the message joins it, and a resolved case reopens.</summary>
    public async Task<CaseEntry> AddCustomerMessageAsync(Case replied, string text, CaseEmail email, CancellationToken ct = default)
    {
        var (calendar, _) = await settings.GetAsync(ct);
        var now = clock.GetUtcNow();
        var wasResolved = replied.Status == CaseStatus.Resolved;
        var entry = AddCustomerEmail(replied, text, email, now);
        replied.CustomerReplied(now, calendar);
        replied.UpdatedAt = now;
        if (wasResolved && replied.Status == CaseStatus.Open)
        {
            db.Publish(new CaseReopened(replied.Id, replied.Number, replied.CustomerId, now));
            Timeline(replied, "case_reopened", $"Pratica #{replied.Number} riaperta dal cliente", now);
        }

        await db.SaveChangesAsync(ct);
        return entry;
    }

    private CaseEntry AddCustomerEmail(Case owner, string text, CaseEmail email, DateTimeOffset now, bool opensTheCase = false)
    {
        var entry = AddEntry(owner, CaseEntryKind.CustomerMessage, text, now, CaseChannel.Email, byAgent: false);
        entry.MessageId = email.MessageId;
        entry.From = email.From;
        entry.To = email.To;
        entry.Cc = email.Cc;
        entry.SafeHtml = email.SafeHtml;
        entry.QuotedText = email.QuotedText;
        entry.MailboxId = email.MailboxId;
        AddAttachments(owner, entry, email.Attachments);
        db.Publish(new MessageReceived(owner.Id, owner.Number, owner.CustomerId, entry.Id, CaseNames.Of(CaseChannel.Email), now));
        if (!opensTheCase)
        {
            // The first message is the opening itself: one step on the timeline, not two at the same instant.
            Timeline(owner, "case_message", $"Pratica #{owner.Number}: messaggio ricevuto", now);
        }

        return entry;
    }

    private void AddAttachments(Case owner, CaseEntry entry, IReadOnlyList<NewAttachment> attachments)
    {
        foreach (var a in attachments)
        {
            db.Add(new CaseAttachment
            {
                Id = Ids.New(),
                CaseId = owner.Id,
                EntryId = entry.Id,
                FileName = a.FileName,
                ContentType = a.ContentType,
                ContentId = a.ContentId,
                IsInline = a.IsInline,
                Size = a.Content.Length,
                Content = a.Content,
            });
        }
    }

    private void Resolved(Case resolved, DateTimeOffset now)
    {
        db.Publish(new CaseResolved(resolved.Id, resolved.Number, resolved.CustomerId, CaseNames.Of(resolved.Type), CaseNames.Of(resolved.Channel), resolved.TouchpointCode, now));
        Timeline(resolved, "case_resolved", $"Pratica #{resolved.Number} risolta", now);
    }

    internal CaseEntry AddEntry(Case owner, CaseEntryKind kind, string text, DateTimeOffset at, CaseChannel? channel, bool byAgent)
    {
        var entry = new CaseEntry
        {
            Id = Ids.New(),
            CaseId = owner.Id,
            Kind = kind,
            At = at,
            AuthorId = byAgent ? tenant.UserId : null,
            AuthorName = byAgent ? tenant.ActorName : owner.RequesterName,
            Text = text,
            Channel = channel,
        };
        db.Add(entry);
        return entry;
    }

    internal void Timeline(Case about, string type, string summary, DateTimeOffset at)
    {
        if (about.CustomerId is { } customerId)
        {
            customers.RecordOnTimeline(customerId, new TimelineEntry(
                type, at, summary, about.TouchpointCode, CaseNames.Of(about.Channel), tenant.ActorName, PageOf(about.Number)));
        }
    }

    /// <summary>
    /// Takes the next number inside the caller's transaction: the counter row stays locked until the commit (row lock
    /// on PostgreSQL, the single writer on SQLite), so concurrent cases never share a number.
    /// </summary>
    private async Task<int> NextNumberAsync(CancellationToken ct)
    {
        var organizationId = tenant.RequiredOrganizationId;
        var counters = db.Set<CaseCounter>().Where(c => c.OrganizationId == organizationId);
        if (await counters.ExecuteUpdateAsync(s => s.SetProperty(c => c.LastNumber, c => c.LastNumber + 1), ct) == 0)
        {
            // The organization's first case. Two at once: one insert wins, the other fails on the key and tries again.
            db.Add(new CaseCounter { OrganizationId = organizationId, LastNumber = 1 });
            await db.SaveChangesAsync(ct);
            return 1;
        }

        return await counters.Select(c => c.LastNumber).SingleAsync(ct);
    }

    // ---- The agents' pages: who holds the case, and what it is ----

    /// <summary>
    /// Gives the case to a person and/or a department (null: nobody), recorded in the conversation; a new case opens.
    /// The caller has checked both belong to the organization (a name is only read when that side changes). The same
    /// hands again change nothing.
    /// </summary>
    public async Task AssignAsync(Case assigned, MemberInfo? assignee, DepartmentInfo? department, CancellationToken ct = default)
    {
        if (assigned.AssigneeId == assignee?.UserId && assigned.DepartmentId == department?.Id)
        {
            return;
        }

        // The line says what changed: the person, the department, or both.
        var changes = new List<string>();
        if (assigned.AssigneeId != assignee?.UserId)
        {
            changes.Add(assignee is null ? "Nessuna persona assegnata" : $"Assegnata a {assignee.Name}");
        }

        if (assigned.DepartmentId != department?.Id)
        {
            changes.Add(department is null ? "Nessun reparto" : $"Reparto: {department.Name}");
        }

        var now = clock.GetUtcNow();
        var from = assigned.Status;
        assigned.Assign(assignee?.UserId, department?.Id, now);
        var text = string.Join(" · ", changes);
        AddEntry(assigned, CaseEntryKind.Assigned, text, now, null, byAgent: true);
        if (assigned.Status != from)
        {
            AddEntry(assigned, CaseEntryKind.StatusChanged, $"{CaseNames.Label(from)} → {CaseNames.Label(assigned.Status)}", now, null, byAgent: true);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Priority, type and touchpoint as the agent corrects them; the SLA targets stay as they were set.</summary>
    public async Task ChangeDetailsAsync(Case changed, CasePriority priority, CaseType type, string? touchpoint, CancellationToken ct = default)
    {
        changed.Priority = priority;
        changed.Type = type;
        changed.TouchpointCode = touchpoint;
        changed.IsComplaint |= type == CaseType.Complaint;
        changed.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Flags the case as a complaint (naming, optionally, the department and the person it is about) or takes the flag
    /// off; null when done, otherwise why not (<see cref="Case.Complain"/> holds the rule).
    /// </summary>
    public async Task<string?> MarkComplaintAsync(Case marked, bool isComplaint, Guid? aboutDepartment = null, Guid? aboutPerson = null, CancellationToken ct = default)
    {
        if (aboutDepartment is { } department && !(await organization.DepartmentsAsync(ct)).Any(d => d.Id == department))
        {
            return "Il reparto scelto non esiste in questa organizzazione.";
        }

        if (aboutPerson is { } person && !(await organization.MembersAsync(ct)).Any(m => m.UserId == person))
        {
            return "La persona scelta non fa parte di questa organizzazione.";
        }

        if (marked.Complain(isComplaint, aboutDepartment, aboutPerson, tenant.Can(Permissions.ReviewComplaints)) is { } refused)
        {
            return refused;
        }

        marked.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return null;
    }
}
