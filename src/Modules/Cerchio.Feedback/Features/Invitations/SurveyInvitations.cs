using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.Respond;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;

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
}

/// <summary>Personal invitations: a link each, tied to the customer and the interaction its answer will be about.</summary>
internal sealed class SurveyInvitations(CerchioDb db, ICustomerDirectory customers, ITouchpointCatalog touchpoints, TimeProvider clock)
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
        else if (email is null && channel == SurveyChannels.Email)
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

        if (input.ValidDays is { } days && (days < 1 || days > MaxValidDays))
        {
            errors.Add("ValidDays", "Da 1 a {0} giorni.", MaxValidDays);
        }

        if (errors.Any)
        {
            return (null, null, errors);
        }

        var token = Respondent.NewSecret();
        var now = clock.GetUtcNow();
        var invitation = new SurveyInvitation
        {
            Id = Ids.New(), SurveyId = survey.Id, TokenHash = Respondent.Hash(token), CustomerId = customer?.Id, Email = email?.ToLowerInvariant(),
            Name = input.Name?.Trim() is { Length: > 0 } name ? name : customer?.Name, Language = input.Language ?? "it",
            CaseId = input.CaseId, CaseNumber = input.CaseNumber, EventId = input.EventId, TouchpointCode = touchpoint?.Code ?? survey.TouchpointCode,
            Channel = channel, CreatedAt = now, ExpiresAt = now.AddDays(input.ValidDays ?? DefaultValidDays),
        };
        db.Add(invitation);
        await db.SaveChangesAsync(ct);
        return (invitation, token, errors);
    }
}
