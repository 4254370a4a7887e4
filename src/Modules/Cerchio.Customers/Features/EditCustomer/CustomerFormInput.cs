using Cerchio.Customers.Domain;

namespace Cerchio.Customers.Features.EditCustomer;

/// <summary>The customer form as posted; custom attributes are "chiave: valore" lines.</summary>
public sealed class CustomerFormInput
{
    public string Kind { get; set; } = "azienda";
    public string? Name { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? VatNumber { get; set; }
    public string? FiscalCode { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? Province { get; set; }
    public string? Country { get; set; } = "IT";
    public string? ExternalId { get; set; }
    public string? Attributes { get; set; }
    public string? Language { get; set; }
    public string? SurveyConsent { get; set; }

    internal static CustomerFormInput From(Customer c) => new()
    {
        Kind = c.Kind == CustomerKind.Person ? "persona" : "azienda",
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
        Attributes = string.Join('\n', c.GetAttributes().Select(a => $"{a.Key}: {a.Value}")),
        Language = c.Language,
        SurveyConsent = Consent.Write(c.SurveyConsent),
    };

    internal (CustomerDetails Details, Errors Errors) ToDetails()
    {
        var errors = new Errors();
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = (Attributes ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon > 50)
            {
                errors.Add(nameof(Attributes), "Riga {0}: scrivi 'nome: valore'.", i + 1);
                continue;
            }

            attributes[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
        }

        var details = new CustomerDetails
        {
            Kind = Kind == "persona" ? CustomerKind.Person : CustomerKind.Company,
            Name = Name,
            FirstName = FirstName,
            LastName = LastName,
            VatNumber = VatNumber,
            FiscalCode = FiscalCode,
            Email = Email,
            Phone = Phone,
            Address = Address,
            PostalCode = PostalCode,
            City = City,
            Province = Province,
            Country = Country,
            ExternalId = ExternalId,
            Attributes = attributes,
            // The form always sends both: empty means "not recorded".
            Language = Language ?? "",
            SurveyConsent = SurveyConsent ?? "",
        };
        return (details, errors.AddRange(details.Validate()));
    }
}
