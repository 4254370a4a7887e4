using System.Text.Json;
using Cerchio.Customers.Domain;

namespace Cerchio.Customers.Contracts;

/// <summary>A customer as the API shows it.</summary>
public sealed record CustomerDto(
    Guid Id, string Kind, string Name, string? FirstName, string? LastName, string? VatNumber, string? FiscalCode,
    string? Email, string? Phone, string? Address, string? PostalCode, string? City, string? Province, string Country,
    string? ExternalId, IReadOnlyDictionary<string, string> Attributes, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? Language = null, bool? SurveyConsent = null, DateTimeOffset? SurveyConsentAt = null)
{
    internal static CustomerDto From(Customer c) => new(
        c.Id, c.Kind == CustomerKind.Person ? "person" : "company", c.Name, c.FirstName, c.LastName, c.VatNumber, c.FiscalCode,
        c.Email, c.Phone, c.Address, c.PostalCode, c.City, c.Province, c.Country, c.ExternalId, c.GetAttributes(), c.CreatedAt, c.UpdatedAt,
        c.Language, c.SurveyConsent, c.SurveyConsentAt);
}

/// <summary>
/// What a client sends to create or replace a customer. "kind" is "company" (default) or "person"; "language" it or en;
/// "survey_consent" true or false. Attributes, language and consent left out (null) stay as they are.
/// </summary>
public sealed record CustomerInput(
    string? Kind, string? Name, string? FirstName, string? LastName, string? VatNumber, string? FiscalCode, string? Email,
    string? Phone, string? Address, string? PostalCode, string? City, string? Province, string? Country, string? ExternalId,
    Dictionary<string, string>? Attributes, string? Language = null, bool? SurveyConsent = null)
{
    internal (CustomerDetails Details, Errors Errors) ToDetails()
    {
        var errors = new Errors();
        var kind = Kind?.Trim().ToLowerInvariant() switch
        {
            null or "" or "company" => CustomerKind.Company,
            "person" => CustomerKind.Person,
            _ => (CustomerKind?)null,
        };
        if (kind is null)
        {
            errors.Add("kind", "Il tipo deve essere 'company' o 'person'.");
        }

        return (new CustomerDetails
        {
            Kind = kind ?? CustomerKind.Company,
            Name = Name, FirstName = FirstName, LastName = LastName, VatNumber = VatNumber, FiscalCode = FiscalCode,
            Email = Email, Phone = Phone, Address = Address, PostalCode = PostalCode, City = City, Province = Province,
            Country = Country, ExternalId = ExternalId, Attributes = Attributes, Language = Language,
            SurveyConsent = SurveyConsent is { } consent ? Consent.Write(consent) : null,
        }, errors);
    }
}

public sealed record ContactDto(
    Guid Id, string FirstName, string LastName, string? Email, string? Phone, string? JobTitle, DateTimeOffset CreatedAt, string? Language = null, bool? SurveyConsent = null)
{
    internal static ContactDto From(Contact c) => new(c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.JobTitle, c.CreatedAt, c.Language, c.SurveyConsent);
}

public sealed record ContactInput(string? FirstName, string? LastName, string? Email, string? Phone, string? JobTitle, string? Language = null, bool? SurveyConsent = null);

public sealed record TimelineEventDto(
    Guid Id, string Type, string Label, DateTimeOffset OccurredAt, string? Summary, string? Touchpoint, string Source,
    string? ExternalId, JsonElement Properties)
{
    internal static TimelineEventDto From(TimelineEvent e, string label) => new(
        e.Id, e.Type, label, e.OccurredAt, e.Summary, e.TouchpointCode, e.Source, e.ExternalId,
        JsonSerializer.Deserialize<JsonElement>(e.Properties));
}

public sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>POST /api/v1/events body.</summary>
public sealed record EventBatch(List<JsonElement>? Events);

public sealed record EventItemResult(int Index, string? Id, string Status, Guid? EventId, Guid? CustomerId, IReadOnlyList<string>? Errors);

public sealed record EventBatchResult(int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventItemResult> Results);
