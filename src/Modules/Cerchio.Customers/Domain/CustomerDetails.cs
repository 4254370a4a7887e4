using System.Net.Mail;

namespace Cerchio.Customers.Domain;

/// <summary>What a person, an import row or an API call says about a customer; validated before it touches a record.</summary>
internal sealed record CustomerDetails
{
    public CustomerKind Kind { get; init; } = CustomerKind.Company;
    public string? Name { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? VatNumber { get; init; }
    public string? FiscalCode { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Address { get; init; }
    public string? PostalCode { get; init; }
    public string? City { get; init; }
    public string? Province { get; init; }
    public string? Country { get; init; }
    public string? ExternalId { get; init; }
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>"it", "en", or "" to clear; null leaves it as it is.</summary>
    public string? Language { get; init; }

    /// <summary>"si", "no", or "" for not recorded (<see cref="Consent"/>); null leaves it as it is.</summary>
    public string? SurveyConsent { get; init; }

    public static CustomerDetails From(Customer c) => new()
    {
        Kind = c.Kind,
        Name = c.Name,
        FirstName = c.FirstName,
        LastName = c.LastName,
        VatNumber = c.VatNumber,
        FiscalCode = c.FiscalCode,
        Email = c.Email,
        Phone = c.Phone,
        Address = c.Address,
        PostalCode = c.PostalCode,
        City = c.City,
        Province = c.Province,
        Country = c.Country,
        ExternalId = c.ExternalId,
        Attributes = c.GetAttributes(),
        Language = c.Language ?? "",
        SurveyConsent = Consent.Write(c.SurveyConsent),
    };

    public Errors Validate()
    {
        var errors = new Errors();
        if (Kind == CustomerKind.Company && string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(nameof(Name), "La ragione sociale è obbligatoria.");
        }

        if (Kind == CustomerKind.Person && string.IsNullOrWhiteSpace(FirstName) && string.IsNullOrWhiteSpace(LastName))
        {
            errors.Add(nameof(LastName), "Nome o cognome sono obbligatori.");
        }

        MaxLength(errors, nameof(Name), Name, 200);
        MaxLength(errors, nameof(FirstName), FirstName, 100);
        MaxLength(errors, nameof(LastName), LastName, 100);
        MaxLength(errors, nameof(Address), Address, 200);
        MaxLength(errors, nameof(City), City, 100);
        MaxLength(errors, nameof(Phone), Phone, 40);
        MaxLength(errors, nameof(ExternalId), ExternalId, 100);

        if (!string.IsNullOrWhiteSpace(VatNumber) && !VatNumbers.IsValid(VatNumber))
        {
            errors.Add(nameof(VatNumber), "La partita IVA non è valida (11 cifre).");
        }

        if (!string.IsNullOrWhiteSpace(Email) && !IsEmail(Email.Trim()))
        {
            errors.Add(nameof(Email), "L'indirizzo email non è valido.");
        }

        if (!string.IsNullOrWhiteSpace(FiscalCode) && FiscalCode.Trim().Length is not (11 or 16))
        {
            errors.Add(nameof(FiscalCode), "Il codice fiscale deve avere 16 caratteri (11 per le società).");
        }

        if (!string.IsNullOrWhiteSpace(Province) && Province.Trim().Length != 2)
        {
            errors.Add(nameof(Province), "La provincia è la sigla di due lettere.");
        }

        if (!string.IsNullOrWhiteSpace(Country) && Country.Trim().Length != 2)
        {
            errors.Add(nameof(Country), "Il paese è il codice ISO di due lettere.");
        }

        if (Attributes is { Count: > Customer.MaxAttributes })
        {
            errors.Add(nameof(Attributes), "Al massimo 50 attributi personalizzati.");
        }

        foreach (var (key, value) in Attributes ?? new Dictionary<string, string>())
        {
            // Names become column headers in exports and lines of the form: plain names only.
            if (string.IsNullOrWhiteSpace(key) || key.Trim().Length > 50 || key.Trim()[0] is '=' or '+' or '-' or '@' || key.IndexOfAny([':', '\r', '\n', '\t']) >= 0)
            {
                errors.Add(nameof(Attributes), "Nome di attributo non valido: «{0}» (al massimo 50 caratteri, senza «:» e senza iniziare con = + - @).", key);
            }
            else if ((value?.Length ?? 0) > 500 || value?.IndexOfAny(['\r', '\n']) >= 0)
            {
                errors.Add(nameof(Attributes), "Il valore dell'attributo «{0}» deve stare su una riga, al massimo 500 caratteri.", key);
            }
        }

        if (Attributes is not null && Attributes.Keys.Select(k => k.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != Attributes.Count)
        {
            errors.Add(nameof(Attributes), "Due attributi hanno lo stesso nome.");
        }

        if (!Consent.IsLanguage(Language))
        {
            errors.Add(nameof(Language), "La lingua è it (italiano) o en (inglese).");
        }

        if (!Consent.IsConsent(SurveyConsent))
        {
            errors.Add(nameof(SurveyConsent), "Il consenso ai sondaggi è sì, no o non indicato.");
        }

        MaxLength(errors, nameof(PostalCode), PostalCode, 10);
        MaxLength(errors, nameof(FiscalCode), FiscalCode, 16);
        MaxLength(errors, nameof(Email), Email, 254);

        return errors;
    }

    public static bool IsEmail(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    private static void MaxLength(Errors errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max)
        {
            errors.Add(field, "Al massimo {0} caratteri.", max);
        }
    }
}
