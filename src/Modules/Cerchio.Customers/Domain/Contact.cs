using Cerchio.Tenancy;

namespace Cerchio.Customers.Domain;

/// <summary>A person at a company customer (buyer, accounts payable, site manager…).</summary>
internal sealed class Contact : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid CustomerId { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? JobTitle { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>As on <see cref="Customer.Language"/>; null: their company's.</summary>
    public string? Language { get; set; }

    /// <summary>As on <see cref="Customer.SurveyConsent"/>; null: their company's.</summary>
    public bool? SurveyConsent { get; set; }
    public DateTimeOffset? SurveyConsentAt { get; set; }

    public string FullName => $"{FirstName} {LastName}".Trim();

    /// <summary>A new contact from validated values (<see cref="Validate"/>), cleaned; the consent's time is now when one is given.</summary>
    public static Contact Of(string? firstName, string? lastName, string? email, string? phone, string? jobTitle, string? language, string? consent, DateTimeOffset now)
    {
        var given = consent is null ? null : Consent.Read(consent);
        return new Contact
        {
            FirstName = firstName?.Trim() ?? "", LastName = lastName?.Trim() ?? "", Email = Customer.Clean(email)?.ToLowerInvariant(),
            Phone = Customer.Clean(phone), JobTitle = Customer.Clean(jobTitle), Language = Customer.Clean(language)?.ToLowerInvariant(),
            SurveyConsent = given, SurveyConsentAt = given is null ? null : now,
        };
    }

    public static Errors Validate(string? firstName, string? lastName, string? email, string? phone = null, string? jobTitle = null, string? language = null, string? consent = null)
    {
        var errors = new Errors();
        if (!Consent.IsLanguage(language))
        {
            errors.Add("Language", "La lingua è it (italiano) o en (inglese).");
        }

        if (!Consent.IsConsent(consent))
        {
            errors.Add("SurveyConsent", "Il consenso ai sondaggi è sì, no o non indicato.");
        }

        if (string.IsNullOrWhiteSpace(firstName) && string.IsNullOrWhiteSpace(lastName))
        {
            errors.Add("LastName", "Nome o cognome sono obbligatori.");
        }

        if ((firstName?.Length ?? 0) > 100 || (lastName?.Length ?? 0) > 100)
        {
            errors.Add("LastName", "Al massimo {0} caratteri.", 100);
        }

        if (!string.IsNullOrWhiteSpace(email) && !CustomerDetails.IsEmail(email.Trim()))
        {
            errors.Add("Email", "L'indirizzo email non è valido.");
        }

        if ((phone?.Trim().Length ?? 0) > 40)
        {
            errors.Add("Phone", "Al massimo {0} caratteri.", 40);
        }

        if ((jobTitle?.Trim().Length ?? 0) > 100)
        {
            errors.Add("JobTitle", "Al massimo {0} caratteri.", 100);
        }

        return errors;
    }
}
