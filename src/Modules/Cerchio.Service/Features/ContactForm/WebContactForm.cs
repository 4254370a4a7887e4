using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.OpenCase;
using Cerchio.Service.Features.QuickCapture;
using Cerchio.Tenancy;
using Cerchio.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cerchio.Service.Features.ContactForm;

/// <summary>The "ContactForm" settings: how much a sender may send, and how fast a person can fill the form.</summary>
internal sealed class ContactFormOptions
{
    public int PerAddressPerHour { get; set; } = 5;
    public int PerClientPerHour { get; set; } = 20;
    public TimeSpan MinimumFillTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A form left open longer is shown again with a new token, keeping what was typed.</summary>
    public TimeSpan MaximumFormAge { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>What a visitor typed. <see cref="Homepage"/> is the honeypot: hidden from people, filled by bots.</summary>
internal sealed class ContactInput
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Subject { get; set; }
    public string? Message { get; set; }
    public string? Homepage { get; set; }
}

internal enum ContactOutcome
{
    /// <summary>The case is open and the confirmation queued.</summary>
    Opened,

    /// <summary>Spam (honeypot filled, sent faster than a person types): thanked like anyone, nothing stored.</summary>
    Ignored,

    /// <summary>A field is wrong: shown again with the errors.</summary>
    Invalid,

    /// <summary>The token is missing or not ours: refused like any form without its antiforgery token.</summary>
    Forged,

    /// <summary>The form was open too long: shown again with a new token.</summary>
    Expired,

    /// <summary>Over the rate limit: shown again with a polite message.</summary>
    TooMany,
}

/// <param name="Email">Where the confirmation went, for the thank-you page.</param>
internal sealed record ContactResult(ContactOutcome Outcome, Errors Errors, int? Number = null, string? Email = null);

/// <summary>
/// The public contact form of one organization: checks what a visitor sent, turns spam away quietly, and opens the
/// case through the desk (sender matched as for email) with a confirmation email to the customer.
/// </summary>
internal sealed partial class WebContactForm(
    IServiceScopeFactory scopes, IDataProtectionProvider protection, IOptions<ContactFormOptions> options, TimeProvider clock, Loc l,
    ILogger<WebContactForm> logger)
{
    public const int MaxName = 200;
    public const int MaxEmail = 254;
    public const int MaxPhone = 40;
    public const int MaxMessage = 5000;

    /// <summary>
    /// The form's token is its antiforgery token, but stateless: the organization and the moment the form was shown,
    /// protected with the app's key ring. The framework's token needs its SameSite=Strict cookie, which browsers never
    /// send from a cross-site iframe — and the form is meant to live inside the company's own site. There is no
    /// session behind this form to forge a request for; the token proves the post comes from a form Cerchio showed
    /// for this organization, and when.
    /// </summary>
    private readonly IDataProtector _tokens = protection.CreateProtector("Cerchio.Service.ContactForm.v1");

    private readonly ITimeLimitedDataProtector _thanks = protection.CreateProtector("Cerchio.Service.ContactForm.Thanks.v1").ToTimeLimitedDataProtector();

    private ContactFormOptions Options => options.Value;

    public string IssueToken(Guid organizationId) => IssueToken(organizationId, clock.GetUtcNow());

    /// <summary>A token for a form shown at the given moment (tests: a form a person filled in a minute).</summary>
    public string IssueToken(Guid organizationId, DateTimeOffset shownAt) =>
        _tokens.Protect(string.Create(CultureInfo.InvariantCulture, $"{organizationId:N}|{shownAt.ToUnixTimeMilliseconds()}"));

    /// <summary>
    /// The thank-you page's address carries what it shows (the case number, where the confirmation went) protected and
    /// for a day: the form's post answers with a redirect to it, so reloading thanks again instead of sending again.
    /// </summary>
    public string ThanksToken(Guid organizationId, int? number, string? email) =>
        _thanks.Protect(string.Create(CultureInfo.InvariantCulture, $"{organizationId:N}|{number}|{email}"), TimeSpan.FromDays(1));

    /// <summary>What a thank-you token shows, if it is ours, for this organization and not older than a day.</summary>
    public (int? Number, string? Email)? ReadThanks(string? token, Guid organizationId)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return null;
        }

        try
        {
            var parts = _thanks.Unprotect(token).Split('|', 3);
            return parts.Length == 3 && parts[0] == organizationId.ToString("N")
                ? (int.TryParse(parts[1], CultureInfo.InvariantCulture, out var number) ? number : null, parts[2] is { Length: > 0 } email ? email : null)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>When the token's form was shown, if the token is ours and for this organization.</summary>
    public DateTimeOffset? ShownAt(string? token, Guid organizationId)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = _tokens.Unprotect(token).Split('|');
            return parts.Length == 2 && parts[0] == organizationId.ToString("N") && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public async Task<ContactResult> SubmitAsync(PublicOrganization organization, ContactInput input, string? token, IPAddress? client, CancellationToken ct)
    {
        var errors = new Errors();
        if (ShownAt(token, organization.Id) is not { } shownAt)
        {
            return new ContactResult(ContactOutcome.Forged, errors);
        }

        var age = clock.GetUtcNow() - shownAt;
        if (!string.IsNullOrEmpty(input.Homepage) || age < Options.MinimumFillTime)
        {
            // Told apart from a person only here, in the log: the page thanks a bot exactly as it thanks anyone.
            logger.LogInformation("Contact form of {Organization}: submission ignored as spam ({Reason}).",
                organization.Slug, string.IsNullOrEmpty(input.Homepage) ? "filled too fast" : "honeypot");
            return new ContactResult(ContactOutcome.Ignored, errors);
        }

        if (age > Options.MaximumFormAge)
        {
            return new ContactResult(ContactOutcome.Expired, errors.Add("Form", "Il modulo è rimasto aperto a lungo: controlla i dati e invia di nuovo."));
        }

        var request = Validate(input, errors);
        if (request is null)
        {
            return new ContactResult(ContactOutcome.Invalid, errors);
        }

        // The organization's own scope: stamping, query filters and the audit apply as for any request of it, whoever
        // (a visitor, or a person signed in to another organization) sent the form.
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OrganizationContext>().Set(organization.Id, null, "Modulo di contatto", null);
        var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
        var submittedFrom = Pseudonym(organization.Id, client);
        if (await OverTheLimitAsync(db, request.Email, submittedFrom, ct))
        {
            return new ContactResult(ContactOutcome.TooMany, errors.Add("Form", "Hai già inviato diverse richieste nell'ultima ora: riprova più tardi, oppure scrivici via email."));
        }

        var desk = scope.ServiceProvider.GetRequiredService<CaseDesk>();
        // Stored for the company's people, in Italian like the desk's other recorded lines, whatever the visitor's language.
        var text = request.Phone is null ? request.Message : $"{request.Message}\n\nTelefono: {request.Phone}";
        var opened = await desk.OpenForSenderAsync(
            new NewCase(request.Subject, CaseChannel.WebForm, Text: text, SubmittedFrom: submittedFrom), request.Email, request.Name, ct,
            new Acknowledgement("Conferma automatica", (opened, from) => Confirmation.Build(opened, organization.Name, from, request, l)));
        return new ContactResult(ContactOutcome.Opened, errors, opened.Number, request.Email);
    }

    /// <summary>
    /// Counted in the database, from the web-form cases of the last hour: the limit holds across restarts and however
    /// many instances serve the form, with no store of its own. Two posts at the same instant may both pass the count;
    /// a limit against floods needs no more precision than that.
    /// </summary>
    private async Task<bool> OverTheLimitAsync(CerchioDb db, string email, string submittedFrom, CancellationToken ct)
    {
        var since = clock.GetUtcNow() - TimeSpan.FromHours(1);
        var recent = db.Set<Case>().Where(c => c.Channel == CaseChannel.WebForm && c.CreatedAt >= since);
        return await recent.CountAsync(c => c.RequesterEmail == email, ct) >= Options.PerAddressPerHour
            || await recent.CountAsync(c => c.SubmittedFrom == submittedFrom, ct) >= Options.PerClientPerHour;
    }

    /// <summary>
    /// The client's IP address as the rate limit needs it: equal for equal addresses within one organization, and not
    /// the address itself (personal data nobody needs to read).
    /// </summary>
    private static string Pseudonym(Guid organizationId, IPAddress? client)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"cerchio-contact-form|{organizationId:N}|{client?.ToString() ?? "unknown"}"));
        return Convert.ToHexStringLower(bytes)[..32];
    }

    internal sealed record ValidRequest(string Name, string Email, string? Phone, string Subject, string Message);

    private static ValidRequest? Validate(ContactInput input, Errors errors)
    {
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("Name", "Scrivi il tuo nome.");
        }
        else if (name.Length > MaxName)
        {
            errors.Add("Name", "Il nome può avere al massimo {0} caratteri.", MaxName);
        }

        var email = input.Email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email))
        {
            errors.Add("Email", "Scrivi il tuo indirizzo email: ti risponderemo lì.");
        }
        else if (email.Length > MaxEmail || !EmailShape().IsMatch(email))
        {
            errors.Add("Email", "Questo indirizzo email non sembra valido: controllalo (per esempio nome@esempio.it).");
        }

        var phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim();
        if (phone is not null && (phone.Length > MaxPhone || !PhoneShape().IsMatch(phone)))
        {
            errors.Add("Phone", "Il numero di telefono può contenere solo cifre, spazi e + ( ) . - (al massimo {0} caratteri).", MaxPhone);
        }

        var message = input.Message?.Trim();
        if (string.IsNullOrEmpty(message))
        {
            errors.Add("Message", "Scrivi il tuo messaggio.");
        }
        else if (message.Length > MaxMessage)
        {
            errors.Add("Message", "Il messaggio può avere al massimo {0} caratteri: accorcialo, ti chiederemo noi i dettagli.", MaxMessage);
        }

        var subject = string.IsNullOrWhiteSpace(input.Subject) ? null : input.Subject.Trim();
        if (subject is { Length: > Data.Limits.Subject })
        {
            errors.Add("Subject", "L'oggetto può avere al massimo {0} caratteri.", Data.Limits.Subject);
        }

        return errors.Any
            ? null
            : new ValidRequest(name!, email!, phone, subject ?? QuickCapturePage.SubjectFrom(message!), message!);
    }

    /// <summary>One address, no display name or comments: a local part, an at sign, a domain with a dot.</summary>
    [GeneratedRegex(@"^[^\s@<>()\[\],;:""]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^\+?[0-9 ().\-/]{4,}$")]
    private static partial Regex PhoneShape();
}
