using System.Text.Json;
using Cerchio.Customers.Domain;

namespace Cerchio.Customers.Features.ImportCustomers;

/// <summary>The Cerchio fields a column can fill.</summary>
internal enum ImportField
{
    Kind,
    Name,
    FirstName,
    LastName,
    VatNumber,
    FiscalCode,
    Email,
    Phone,
    Address,
    PostalCode,
    City,
    Province,
    Country,
    ExternalId,
    Language,
    SurveyConsent,
}

internal static class ImportFields
{
    public static readonly ImportField[] All = Enum.GetValues<ImportField>();

    /// <summary>Italian labels (Loc translates); also the export's column headers, so an export imports back as it is.</summary>
    public static string Label(ImportField field) => field switch
    {
        ImportField.Kind => "Tipo",
        ImportField.Name => "Ragione sociale",
        ImportField.FirstName => "Nome (persona)",   // "Nome" alone means the name column in lists
        ImportField.LastName => "Cognome",
        ImportField.VatNumber => "Partita IVA",
        ImportField.FiscalCode => "Codice fiscale",
        ImportField.Email => "Email",
        ImportField.Phone => "Telefono",
        ImportField.Address => "Indirizzo",
        ImportField.PostalCode => "CAP",
        ImportField.City => "Città",
        ImportField.Province => "Provincia",
        ImportField.Country => "Nazione",
        ImportField.ExternalId => "Codice cliente",
        ImportField.Language => "Lingua",
        ImportField.SurveyConsent => "Consenso sondaggi",
        _ => field.ToString(),
    };

    private const string ColumnPrefix = "column:";

    /// <summary>The report's field for a problem in a column imported as an attribute: the column's header names it.</summary>
    public static string ColumnField(string header) => ColumnPrefix + header;

    /// <summary>The report's field label for a <see cref="CustomerDetails"/> property name (or a <see cref="ColumnField"/>).</summary>
    public static string LabelOf(string detailsField) =>
        detailsField.StartsWith(ColumnPrefix, StringComparison.Ordinal) ? detailsField[ColumnPrefix.Length..]
        : Enum.TryParse<ImportField>(detailsField, ignoreCase: true, out var f) ? Label(f)
        : detailsField == nameof(CustomerDetails.Attributes) ? "Attributi personalizzati"
        : detailsField == "Row" ? "Riga"
        : detailsField;

    // Header names people use, in Italian and English, compared lower-case without accents, spaces or punctuation.
    private static readonly Dictionary<ImportField, string[]> Synonyms = new()
    {
        [ImportField.Kind] = ["tipo", "tipologia", "tipocliente", "type", "kind", "customertype"],
        [ImportField.Name] = ["ragionesociale", "denominazione", "azienda", "societa", "nomeazienda", "company", "companyname", "name", "businessname", "organization", "organisation", "cliente"],
        [ImportField.FirstName] = ["nome", "nomepersona", "firstname", "firstnameperson", "givenname"],
        [ImportField.LastName] = ["cognome", "lastname", "surname", "familyname"],
        [ImportField.VatNumber] = ["partitaiva", "piva", "pi", "iva", "vat", "vatnumber", "vatno", "vatid", "vatcode"],
        [ImportField.FiscalCode] = ["codicefiscale", "codfiscale", "cf", "fiscalcode", "taxcode", "taxid"],
        [ImportField.Email] = ["email", "mail", "emailaddress", "indirizzoemail", "postaelettronica"],
        [ImportField.Phone] = ["telefono", "tel", "cellulare", "cell", "phone", "phonenumber", "telephone", "mobile"],
        [ImportField.Address] = ["indirizzo", "via", "sede", "address", "street", "streetaddress"],
        [ImportField.PostalCode] = ["cap", "codicepostale", "postalcode", "postcode", "zip", "zipcode"],
        [ImportField.City] = ["citta", "comune", "localita", "city", "town"],
        [ImportField.Province] = ["provincia", "prov", "pr", "province", "county"],
        [ImportField.Country] = ["nazione", "paese", "stato", "country", "nation"],
        [ImportField.ExternalId] = ["codicecliente", "codcliente", "idcliente", "codice", "codiceesterno", "id", "externalid", "customerid", "customercode", "customerno", "customernumber", "clientcode"],
        [ImportField.Language] = ["lingua", "linguapreferita", "idioma", "language", "lang", "preferredlanguage"],
        [ImportField.SurveyConsent] = ["consensosondaggi", "consenso", "consensoquestionari", "privacysondaggi", "surveyconsent", "consent"],
    };

    public static string Key(string header) =>
        new(Customer.Normalize(header).Where(char.IsAsciiLetterOrDigit).ToArray());

    public static ImportField? Guess(string header)
    {
        var key = Key(header);
        foreach (var (field, names) in Synonyms)
        {
            if (names.Contains(key))
            {
                return field;
            }
        }

        return null;
    }
}

/// <summary>Which column fills which field, and which other columns become custom attributes. Stored as JSON on the job.</summary>
internal sealed class ImportMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Dictionary<ImportField, string> Fields { get; init; } = [];
    public List<string> Attributes { get; init; } = [];

    /// <summary>Recognized headers fill their field; every other column is kept as a custom attribute.</summary>
    public static ImportMapping Guess(IReadOnlyList<string> headers)
    {
        var mapping = new ImportMapping();
        foreach (var header in headers)
        {
            if (ImportFields.Guess(header) is { } field && !mapping.Fields.ContainsKey(field))
            {
                mapping.Fields[field] = header;
            }
        }

        mapping.Attributes.AddRange(headers.Where(h => !mapping.Fields.ContainsValue(h)).Take(Customer.MaxAttributes));
        return mapping;
    }

    /// <summary>Drops columns the file does not have (a hand-made post) and attributes that are also mapped to a field.</summary>
    public ImportMapping For(IReadOnlyList<string> headers) => new()
    {
        Fields = Fields.Where(f => headers.Contains(f.Value)).ToDictionary(f => f.Key, f => f.Value),
        Attributes = Attributes.Where(a => headers.Contains(a) && !Fields.ContainsValue(a)).Distinct().ToList(),
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ImportMapping FromJson(string json) =>
        string.IsNullOrWhiteSpace(json) ? new() : JsonSerializer.Deserialize<ImportMapping>(json, Json) ?? new();

    public bool SameAs(ImportMapping other) =>
        Fields.Count == other.Fields.Count && Fields.All(f => other.Fields.GetValueOrDefault(f.Key) == f.Value)
        && Attributes.Order(StringComparer.Ordinal).SequenceEqual(other.Attributes.Order(StringComparer.Ordinal));
}
