using System.Globalization;
using System.Text;
using System.Text.Json;
using Cerchio.Tenancy;

namespace Cerchio.Customers.Domain;

internal enum CustomerKind
{
    Company = 1,
    Person = 2,
}

/// <summary>A customer: a company (B2B, with contacts) or a person (B2C).</summary>
internal sealed class Customer : IOrganizationScoped
{
    public const int MaxAttributes = 50;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public CustomerKind Kind { get; set; }

    /// <summary>Company name, or "First Last" of a person; what lists and searches show.</summary>
    public string Name { get; set; } = "";
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? VatNumber { get; set; }

    /// <summary>Created by Cerchio from an unknown email sender: someone should check it, complete it or merge it.</summary>
    public bool NeedsReview { get; set; }
    public string? FiscalCode { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? Province { get; set; }
    public string Country { get; set; } = "IT";

    /// <summary>The id in the company's own systems (ERP, e-commerce); matches imports and events.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The language surveys and messages reach them in ("it", "en"); null: Italian, the organization's.</summary>
    public string? Language { get; set; }

    /// <summary>Whether they agreed to be surveyed (null: not recorded), and when that was recorded.</summary>
    public bool? SurveyConsent { get; set; }
    public DateTimeOffset? SurveyConsentAt { get; set; }

    /// <summary>Custom attributes, a JSON object of strings.</summary>
    public string Attributes { get; set; } = "{}";

    /// <summary>Lower-case, accent-free name, email, VAT number, city: what the list search matches.</summary>
    [NotAudited]
    public string SearchText { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when this record was merged into another; it then stays only to resolve old references.</summary>
    public Guid? MergedIntoId { get; set; }

    public List<Contact> Contacts { get; set; } = [];

    public Dictionary<string, string> GetAttributes() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Attributes) ?? [];

    public void SetAttributes(IReadOnlyDictionary<string, string> attributes) =>
        Attributes = JsonSerializer.Serialize(attributes.Where(a => !string.IsNullOrWhiteSpace(a.Key))
            .GroupBy(a => a.Key.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (g.Last().Value ?? "").Trim()));

    /// <summary>Applies validated details and keeps the derived fields in step.</summary>
    public void Apply(CustomerDetails d, DateTimeOffset now)
    {
        Kind = d.Kind;
        FirstName = Clean(d.FirstName);
        LastName = Clean(d.LastName);
        Name = d.Kind == CustomerKind.Person ? $"{FirstName} {LastName}".Trim() : Clean(d.Name) ?? "";
        VatNumber = Clean(d.VatNumber) is { } vat ? VatNumbers.Normalize(vat) : null;
        FiscalCode = Clean(d.FiscalCode)?.ToUpperInvariant();
        Email = Clean(d.Email)?.ToLowerInvariant();
        Phone = Clean(d.Phone);
        Address = Clean(d.Address);
        PostalCode = Clean(d.PostalCode);
        City = Clean(d.City);
        Province = Clean(d.Province)?.ToUpperInvariant();
        Country = Clean(d.Country)?.ToUpperInvariant() ?? "IT";
        ExternalId = Clean(d.ExternalId);
        // Left out (an import without those columns, an API call that does not send them): kept as they are.
        if (d.Language is not null)
        {
            Language = Clean(d.Language)?.ToLowerInvariant();
        }

        if (d.SurveyConsent is { } consent)
        {
            var given = Consent.Read(consent);
            if (given != SurveyConsent)
            {
                (SurveyConsent, SurveyConsentAt) = (given, given is null ? null : now);
            }
        }

        if (d.Attributes is not null)
        {
            SetAttributes(d.Attributes);
        }

        SearchText = Normalize(string.Join(' ', new[] { Name, Email, VatNumber, City, ExternalId, FiscalCode }.Where(s => s is not null)));
        UpdatedAt = now;
    }

    /// <summary>Fills this record's empty fields from a duplicate; the duplicate then points here.</summary>
    public void Absorb(Customer duplicate, DateTimeOffset now)
    {
        var details = CustomerDetails.From(this);
        details = details with
        {
            VatNumber = details.VatNumber ?? duplicate.VatNumber,
            FiscalCode = details.FiscalCode ?? duplicate.FiscalCode,
            Email = details.Email ?? duplicate.Email,
            Phone = details.Phone ?? duplicate.Phone,
            Address = details.Address ?? duplicate.Address,
            PostalCode = details.PostalCode ?? duplicate.PostalCode,
            City = details.City ?? duplicate.City,
            Province = details.Province ?? duplicate.Province,
            ExternalId = details.ExternalId ?? duplicate.ExternalId,
            Attributes = duplicate.GetAttributes().Concat(GetAttributes()).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Last().Value),
        };
        duplicate.ExternalId = null;   // unique per organization: it now belongs to the survivor (or stays there)
        Apply(details, now);
        duplicate.MergedIntoId = Id;
        duplicate.UpdatedAt = now;
    }

    public static string Normalize(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
