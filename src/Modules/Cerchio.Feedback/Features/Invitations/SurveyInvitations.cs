using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.Respond;
using Cerchio.Service.Contracts;
using Cerchio.Text;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cerchio.Feedback.Features.Invitations;

/// <summary>Who an invitation goes to and what it follows (the API's and, later, the triggers' input).</summary>
internal sealed class InvitationInput
{
    public Guid? CustomerId { get; set; }
    public string? Email { get; set; }
    public string? Name { get; set; }

    /// <summary>"it" or "en"; Italian when not given.</summary>
    public string? Language { get; set; }
    public Guid? CaseId { get; set; }
    public int? CaseNumber { get; set; }
    public Guid? EventId { get; set; }
    public string? Touchpoint { get; set; }

    /// <summary>How it reaches the person: "email" (the default) needs an address; "api" hands the link to the caller.</summary>
    public string? Channel { get; set; }
    public int? ValidDays { get; set; }

    /// <summary>What made it (a trigger's event); one invitation per survey and cause.</summary>
    public string? Cause { get; set; }

    /// <summary>When the email goes out; now when not given.</summary>
    public DateTimeOffset? SendAt { get; set; }
}

/// <summary>
/// Personal invitations: a link each, tied to the customer and the interaction its answer will be about. The rules
/// across all surveys are applied here, once, whoever asks (the API, a trigger): nobody who opted out, nobody invited
/// in the organization's last N days, nobody with a complaint still open; a skipped invitation is kept with its reason.
/// An email invitation goes out through the outbox in the same transaction, or at its SendAt (<see cref="SendDueAsync"/>).
/// </summary>
internal sealed class SurveyInvitations(
    CerchioDb db, ICustomerDirectory customers, ITouchpointCatalog touchpoints, ICaseDirectory cases, EmailOutbox outbox,
    IOptions<SmtpSettings> smtp, IConfiguration configuration, Loc l, TimeProvider clock)
{
    public const int DefaultValidDays = 30;
    public const int MaxValidDays = 365;

    /// <summary>Creates an invitation to a published survey; returns its link's token (shown once: only its hash is kept).</summary>
    public async Task<(SurveyInvitation? Invitation, string? Token, Errors Errors)> CreateAsync(Guid surveyId, InvitationInput input, CancellationToken ct = default)
    {
        var errors = new Errors();
        var survey = await db.Set<Survey>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == surveyId, ct);
        if (survey is null)
        {
            return (null, null, errors.Add("Survey", "Il sondaggio non esiste più."));
        }

        if (survey.Status != SurveyStatus.Live)
        {
            errors.Add("Survey", "Il sondaggio non è pubblicato o è chiuso: pubblicalo prima di invitare qualcuno.");
        }

        CustomerSummary? customer = null;
        if (input.CustomerId is { } customerId && (customer = await customers.GetAsync(customerId, ct)) is null)
        {
            errors.Add("CustomerId", "Il cliente non esiste.");
        }

        var channel = string.IsNullOrWhiteSpace(input.Channel) ? SurveyChannels.Email : input.Channel.Trim().ToLowerInvariant();
        if (channel is not (SurveyChannels.Email or SurveyChannels.Api))
        {
            errors.Add("Channel", "Il canale è «email» oppure «api».");
        }

        var email = input.Email?.Trim() is { Length: > 0 } given ? given : customer?.Email;
        if (email is not null && (email.Length > SurveyInvitation.MaxEmail || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            errors.Add("Email", "L'indirizzo email non è valido.");
        }
        else if (email is null && channel == SurveyChannels.Email && input.Cause is null)   // a trigger's is kept as skipped, with why
        {
            errors.Add("Email", "Serve un indirizzo email: il cliente non ne ha uno. Scegli il canale «api» per avere solo il link.");
        }

        if (input.Name?.Trim() is { Length: > SurveyInvitation.MaxName })
        {
            errors.Add("Name", "Al massimo {0} caratteri.", SurveyInvitation.MaxName);
        }

        if (input.Language is { } language && language is not ("it" or "en"))
        {
            errors.Add("Language", "La lingua è «it» oppure «en».");
        }

        TouchpointInfo? touchpoint = null;
        if (!string.IsNullOrWhiteSpace(input.Touchpoint) && (touchpoint = await touchpoints.FindAsync(input.Touchpoint, ct)) is null)
        {
            errors.Add("Touchpoint", "Touchpoint sconosciuto: usa un codice del catalogo.");
        }

        // The API names a case by its number: the answer is tied to the case itself (its loop may reopen it).
        var caseId = input.CaseId;
        if (caseId is null && input.CaseNumber is { } number && (caseId = (await cases.FindAsync(number, ct))?.CaseId) is null)
        {
            errors.Add("CaseNumber", "La pratica n. {0} non esiste.", number);
        }

        if (input.ValidDays is { } days && (days < 1 || days > MaxValidDays))
        {
            errors.Add("ValidDays", "Da 1 a {0} giorni.", MaxValidDays);
        }

        if (errors.Any)
        {
            return (null, null, errors);
        }

        // The person's own language, unless the caller chose one; Italian when nobody recorded it.
        var speaks = input.Language ?? (await customers.SurveyPreferencesAsync(customer?.Id, email, ct)).Language ?? "it";
        var now = clock.GetUtcNow();
        var invitation = new SurveyInvitation
        {
            Id = Ids.New(), SurveyId = survey.Id, TokenHash = "", CustomerId = customer?.Id, Email = email?.ToLowerInvariant(),
            Name = input.Name?.Trim() is { Length: > 0 } name ? name : customer?.Name, Language = speaks is "en" ? "en" : "it",
            CaseId = caseId, CaseNumber = input.CaseNumber, EventId = input.EventId, TouchpointCode = touchpoint?.Code ?? survey.TouchpointCode,
            Channel = channel, CreatedAt = now, ExpiresAt = (input.SendAt is { } later && later > now ? later : now).AddDays(input.ValidDays ?? DefaultValidDays),
            Cause = input.Cause, SendAt = input.SendAt,
        };
        // A pending hash keeps the column unique until the link is made (when it is sent).
        invitation.TokenHash = Respondent.Hash($"pending:{invitation.Id}");
        string? token = null;
        if (await SkipReasonAsync(invitation, now, ct) is { } reason)
        {
            invitation.Status = InvitationStatus.Skipped;
            invitation.SkipReason = reason;
        }
        else if (input.SendAt is { } at && at > now)
        {
            invitation.Status = InvitationStatus.Scheduled;
        }
        else
        {
            token = await IssueAsync(invitation, survey, now, ct);
        }

        db.Add(invitation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (input.Cause is not null)
        {
            // The same cause delivered again (at least once): its invitation already exists.
            db.ChangeTracker.Clear();
            return (null, null, errors);
        }

        return (invitation, token, errors);
    }

    /// <summary>
    /// Why this invitation must not go out, or null: the address opted out; the person (address, else customer) was
    /// invited in the organization's last N days; the customer has a complaint still open; an email with no address.
    /// </summary>
    private async Task<string?> SkipReasonAsync(SurveyInvitation invitation, DateTimeOffset now, CancellationToken ct)
    {
        if (invitation.Channel == SurveyChannels.Email && invitation.Email is null)
        {
            return SkipReasons.NoEmail;
        }

        if (invitation.Email is { } address && await db.Set<SurveyOptOut>().AnyAsync(o => o.Email == address, ct))
        {
            return SkipReasons.OptedOut;
        }

        var settings = await db.Set<FeedbackSettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new FeedbackSettings();
        // Asked again when a scheduled invitation goes out: consent may have been withdrawn meanwhile.
        var consent = (await customers.SurveyPreferencesAsync(invitation.CustomerId, invitation.Email, ct)).Consent;
        if (consent == false || (consent is null && settings.RequireSurveyConsent))
        {
            return SkipReasons.NoConsent;
        }

        var days = settings.FatigueDays;
        var since = now.AddDays(-days);
        var recent = db.Set<SurveyInvitation>().Where(i => i.Id != invitation.Id && i.Status != InvitationStatus.Skipped && i.CreatedAt >= since);
        if (days > 0 && !invitation.FollowsLoop && (invitation.Email is { } email
                ? await recent.AnyAsync(i => i.Email == email, ct)
                : invitation.CustomerId is { } customer && await recent.AnyAsync(i => i.CustomerId == customer, ct)))
        {
            return SkipReasons.Fatigue;
        }

        if (invitation.CustomerId is { } customerId && await cases.HasOpenComplaintAsync(customerId, ct))
        {
            return SkipReasons.OpenComplaint;
        }

        return null;
    }

    /// <summary>Makes the link and, for an email invitation, queues its email in the caller's save. Returns the link's token.</summary>
    private async Task<string> IssueAsync(SurveyInvitation invitation, Survey survey, DateTimeOffset now, CancellationToken ct)
    {
        var token = Respondent.NewSecret();
        invitation.TokenHash = Respondent.Hash(token);
        invitation.Status = InvitationStatus.Sent;
        invitation.SentAt = now;
        if (invitation.Channel == SurveyChannels.Email)
        {
            var texts = SurveyTexts.Read(await db.Set<SurveyVersion>().Where(v => v.Id == survey.CurrentVersionId).Select(v => v.Texts).FirstAsync(ct));
            var message = InvitationEmail.Build(survey, texts, invitation, token, PublicUrl, MailboxAddress.Parse(smtp.Value.From), l);
            outbox.Queue(message, relatedId: invitation.Id);
        }

        return token;
    }

    /// <summary>Where the links in emails point: the address people reach Cerchio at (PublicUrl).</summary>
    private string PublicUrl => configuration["PublicUrl"] is { Length: > 0 } url ? url : "http://localhost:5080";

    /// <summary>
    /// Sends one scheduled invitation now due, checking the rules again (things change during a delay: a complaint
    /// opened, an opt-out). False when another instance had it, or it is no longer scheduled.
    /// </summary>
    public async Task<bool> SendDueAsync(Guid invitationId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        // The claim: only one instance moves it out of Scheduled.
        var claimed = await db.Set<SurveyInvitation>().Where(i => i.Id == invitationId && i.Status == InvitationStatus.Scheduled)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InvitationStatus.Sent), ct);
        if (claimed == 0)
        {
            return false;
        }

        var invitation = await db.Set<SurveyInvitation>().FirstAsync(i => i.Id == invitationId, ct);
        var survey = await db.Set<Survey>().AsNoTracking().FirstAsync(s => s.Id == invitation.SurveyId, ct);
        if (survey.Status != SurveyStatus.Live)
        {
            (invitation.Status, invitation.SkipReason) = (InvitationStatus.Skipped, SkipReasons.SurveyClosed);
        }
        else if (await SkipReasonAsync(invitation, now, ct) is { } reason)
        {
            (invitation.Status, invitation.SkipReason) = (InvitationStatus.Skipped, reason);
        }
        else
        {
            await IssueAsync(invitation, survey, now, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Records that this invitation's address wants no more surveys (idempotent); false for an unknown token.</summary>
    public async Task<bool> OptOutAsync(SurveyInvitation invitation, bool optOut, CancellationToken ct = default)
    {
        if (invitation.Email is not { } email)
        {
            return false;
        }

        var existing = await db.Set<SurveyOptOut>().FirstOrDefaultAsync(o => o.Email == email, ct);
        if (optOut && existing is null)
        {
            db.Add(new SurveyOptOut { Id = Ids.New(), Email = email, At = clock.GetUtcNow() });
        }
        else if (!optOut && existing is not null)
        {
            db.Remove(existing);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two clicks at once: the other one recorded it.
            db.ChangeTracker.Clear();
        }

        return true;
    }
}
