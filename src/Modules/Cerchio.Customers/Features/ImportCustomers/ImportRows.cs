using Cerchio.Customers.Contracts;
using System.Text.Json;
using Cerchio.Customers.Domain;
using Cerchio.Customers.Features.Records;
using Cerchio.Text;
using Cerchio.Ui.Import;

namespace Cerchio.Customers.Features.ImportCustomers;

/// <summary>One problem with one row, as the report shows it: the row number Excel shows, the field, an Italian message.</summary>
internal sealed record ImportIssue(int Row, string Field, string Message, string[] Args)
{
    /// <summary>The report keeps this many problems; the counts stay exact beyond it.</summary>
    public const int MaxStored = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static List<ImportIssue> ListFrom(string json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<ImportIssue>>(json, Json) ?? [];

    public static string ToJson(IEnumerable<ImportIssue> issues) => JsonSerializer.Serialize(issues.Take(MaxStored), Json);

    public static IEnumerable<ImportIssue> From(int row, Errors errors) =>
        errors.All.Select(e => new ImportIssue(row, e.Field, e.Message.Text, e.Message.Args.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray()));
}

/// <summary>What a row says, read through the mapping: only the cells it fills (null = keep what the customer has).</summary>
internal sealed record ImportRow(int Number, CustomerKind? ExplicitKind, CustomerDetails Details, Errors Errors)
{
    public CustomerReference Reference => CustomerReference.Of(Details);

    /// <summary>The details to apply to an existing customer: the file's non-empty cells win, the rest stays.</summary>
    public CustomerDetails MergeInto(Customer existing)
    {
        var current = CustomerDetails.From(existing);
        var d = Details;
        var kind = ExplicitKind ?? existing.Kind;
        var attributes = current.Attributes ?? new Dictionary<string, string>();
        if (d.Attributes is { Count: > 0 })
        {
            attributes = attributes.Concat(d.Attributes).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        }

        return new CustomerDetails
        {
            Kind = kind,
            Name = d.Name ?? (kind == existing.Kind ? current.Name : null),
            FirstName = d.FirstName ?? current.FirstName,
            LastName = d.LastName ?? current.LastName,
            VatNumber = d.VatNumber ?? current.VatNumber,
            FiscalCode = d.FiscalCode ?? current.FiscalCode,
            Email = d.Email ?? current.Email,
            Phone = d.Phone ?? current.Phone,
            Address = d.Address ?? current.Address,
            PostalCode = d.PostalCode ?? current.PostalCode,
            City = d.City ?? current.City,
            Province = d.Province ?? current.Province,
            Country = d.Country ?? current.Country,
            ExternalId = d.ExternalId ?? current.ExternalId,
            Attributes = attributes,
        };
    }
}

/// <summary>Turns sheet rows into customer details through a mapping, and checks them for the preview report.</summary>
internal sealed class ImportRowReader
{
    public const string UnknownKind = "Tipo non riconosciuto: usa azienda o persona.";
    private const string CompanyNameRequired = "La ragione sociale è obbligatoria.";
    private const string PersonNameRequired = "Nome o cognome sono obbligatori.";

    private static readonly Dictionary<string, string> Countries = new(StringComparer.Ordinal)
    {
        ["italia"] = "IT", ["italy"] = "IT", ["francia"] = "FR", ["france"] = "FR", ["germania"] = "DE", ["germany"] = "DE",
        ["spagna"] = "ES", ["spain"] = "ES", ["svizzera"] = "CH", ["switzerland"] = "CH", ["austria"] = "AT",
        ["sanmarino"] = "SM", ["regnounito"] = "GB", ["unitedkingdom"] = "GB", ["statiuniti"] = "US", ["unitedstates"] = "US",
    };

    private readonly Dictionary<ImportField, int> _columns;
    private readonly List<(string Name, int Column)> _attributes;
    private readonly IReadOnlyList<string> _headers;

    public ImportRowReader(IReadOnlyList<string> headers, ImportMapping mapping)
    {
        _headers = headers;
        var index = headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
        _columns = mapping.Fields.Where(f => index.ContainsKey(f.Value)).ToDictionary(f => f.Key, f => index[f.Value]);
        _attributes = mapping.Attributes.Where(index.ContainsKey).Select(a => (AttributeName(a), index[a]))
            .DistinctBy(a => a.Item1, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>A column header as an attribute name: the same rules as typed names (no ":", no formula start, 50 characters).</summary>
    public static string AttributeName(string header)
    {
        var name = header.Replace(':', '-').Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ').Trim().TrimStart('=', '+', '-', '@').Trim();
        name = name.Length > 50 ? name[..50].Trim() : name;
        return name.Length == 0 ? "attributo" : name;
    }

    public ImportRow Read(SheetRow row)
    {
        var errors = new Errors();
        CheckText(row, errors);
        string? Cell(ImportField field) => _columns.TryGetValue(field, out var column) ? Customer.Clean(row[column]) : null;

        CustomerKind? kind = null;
        if (Cell(ImportField.Kind) is { } kindText)
        {
            kind = ParseKind(kindText);
            if (kind is null)
            {
                errors.Add(nameof(CustomerDetails.Kind), UnknownKind);
            }
        }

        var name = Cell(ImportField.Name);
        var firstName = Cell(ImportField.FirstName);
        var lastName = Cell(ImportField.LastName);
        var vat = Cell(ImportField.VatNumber);
        var effectiveKind = kind ?? (name is not null || vat is not null ? CustomerKind.Company : CustomerKind.Person);
        if (effectiveKind == CustomerKind.Person && firstName is null && lastName is null && name is not null)
        {
            // A person given as one "name" column: first word is the first name.
            var space = name.IndexOf(' ', StringComparison.Ordinal);
            (firstName, lastName) = space > 0 ? (name[..space], name[(space + 1)..].Trim()) : (null, name);
        }

        var attributes = _attributes
            .Select(a => (a.Name, Value: Customer.Clean(row[a.Column])))
            .Where(a => a.Value is not null)
            .ToDictionary(a => a.Name, a => a.Value!.ReplaceLineEndings(" "));   // an attribute is one line

        var details = new CustomerDetails
        {
            Kind = effectiveKind,
            Name = name,
            FirstName = firstName,
            LastName = lastName,
            VatNumber = vat is not null ? PadDigits(vat, 11) : null,
            FiscalCode = Cell(ImportField.FiscalCode),
            Email = Cell(ImportField.Email),
            Phone = Cell(ImportField.Phone),
            Address = Cell(ImportField.Address),
            PostalCode = Cell(ImportField.PostalCode) is { } cap ? PadDigits(cap, 5) : null,
            City = Cell(ImportField.City),
            Province = Cell(ImportField.Province),
            Country = Cell(ImportField.Country) is { } country ? CountryCode(country) : null,
            ExternalId = Cell(ImportField.ExternalId),
            Language = Cell(ImportField.Language) is { } language ? LanguageCode(language) : null,
            SurveyConsent = Cell(ImportField.SurveyConsent) is { } consent ? ConsentWord(consent) : null,
            Attributes = attributes.Count > 0 ? attributes : null,
        };
        return new ImportRow(row.Number, kind, details, errors);
    }

    /// <summary>
    /// The shared text rule on every cell the mapping imports: a control character or broken Unicode makes the row
    /// invalid, reported under the field the column fills (or, for an attribute, under the column's own header).
    /// </summary>
    private void CheckText(SheetRow row, Errors errors)
    {
        foreach (var (field, column) in _columns)
        {
            if (TextRules.Problem(row[column]) is { } problem)
            {
                errors.Add(field.ToString(), problem.Text, problem.Args);
            }
        }

        foreach (var (_, column) in _attributes)
        {
            if (TextRules.Problem(row[column]) is { } problem)
            {
                errors.Add(ImportFields.ColumnField(_headers[column]), problem.Text, problem.Args);
            }
        }
    }

    /// <summary>
    /// The problems the preview reports for a row. A row that names an existing customer may leave the name
    /// empty (the customer keeps theirs); the rest of the rules are the record's own.
    /// </summary>
    public static Errors Check(ImportRow row, ExistingKeys existing)
    {
        var errors = new Errors().AddRange(row.Errors);
        var matches = existing.Matches(row.Reference);
        foreach (var (field, message) in row.Details.Validate().All)
        {
            if (matches && message.Text is CompanyNameRequired or PersonNameRequired)
            {
                continue;
            }

            errors.Add(field, message.Text, message.Args);
        }

        return errors;
    }

    private static CustomerKind? ParseKind(string value) => ImportFields.Key(value) switch
    {
        "azienda" or "societa" or "impresa" or "company" or "business" or "b2b" => CustomerKind.Company,
        "persona" or "privato" or "personafisica" or "person" or "individual" or "consumer" or "b2c" => CustomerKind.Person,
        _ => null,
    };

    // Excel drops the leading zeros of numbers: 01234567890 comes back as 1234567890, CAP 00184 as 184.
    private static string PadDigits(string value, int length) =>
        value.Length < length && value.All(char.IsAsciiDigit) ? value.PadLeft(length, '0') : value;

    // Spreadsheets write languages as words ("Italiano", "ENG"); unknown ones reach the record's own check as they are.
    private static string LanguageCode(string value) => ImportFields.Key(value) switch
    {
        "it" or "ita" or "italiano" or "italian" => "it",
        "en" or "eng" or "inglese" or "english" => "en",
        _ => value,
    };

    // Consent columns often hold a mark or 1/0 (a ticked box); the record's own check refuses anything else.
    private static string ConsentWord(string value) => ImportFields.Key(value) switch
    {
        "x" or "1" or "s" or "y" or "consenso" or "acconsente" => "si",
        "0" or "n" or "nessunconsenso" or "rifiutato" => "no",
        _ => value,
    };

    private static string CountryCode(string value) =>
        Countries.TryGetValue(ImportFields.Key(value), out var code) ? code : value;
}

/// <summary>The organization's customer keys, so the preview knows which rows will update rather than create.</summary>
internal sealed class ExistingKeys(HashSet<string> externalIds, HashSet<string> emails, HashSet<string> vatNumbers)
{
    public static ExistingKeys None { get; } = new([], [], []);

    public bool Matches(CustomerReference r) =>
        (r.ExternalId is { } x && externalIds.Contains(x)) || (r.Email is { } e && emails.Contains(e)) || (r.VatNumber is { } v && vatNumbers.Contains(v));
}
