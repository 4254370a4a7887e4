namespace Cerchio.Customers.Contracts;

public sealed record CustomerCounts(int Customers, int EventsSince);

/// <summary>How another system names a customer: by its code, its email or its VAT number (the first given wins).</summary>
public sealed record CustomerReference(string? ExternalId, string? Email, string? VatNumber)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(ExternalId) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(VatNumber);

    /// <summary>As stored: trimmed, the email in lower case, the VAT number without spaces or country prefix.</summary>
    internal CustomerReference Normalized() => new(
        Domain.Customer.Clean(ExternalId),
        Domain.Customer.Clean(Email)?.ToLowerInvariant(),
        Domain.Customer.Clean(VatNumber) is { } vat ? VatNumbers.Normalize(vat) : null);

    internal static CustomerReference Of(Domain.CustomerDetails d) => new CustomerReference(d.ExternalId, d.Email, d.VatNumber).Normalized();
}

/// <summary>A customer as other modules show it: on a case, in a search result.</summary>
/// <summary>A person's language ("it", "en"; null: not recorded) and survey consent (null: not recorded).</summary>
public sealed record SurveyPreferences(string? Language, bool? Consent)
{
    public static readonly SurveyPreferences Unknown = new(null, null);
}

public sealed record CustomerSummary(Guid Id, string Name, bool IsCompany, string? Email, string? Phone, string? City, string? ExternalId);

/// <summary>A customer found by full-text search.</summary>
/// <param name="SnippetHtml">Name, email, VAT number, city and codes, HTML-encoded, with the matching words in &lt;mark&gt;.</param>
/// <param name="Score">Higher is better; comparable only within one answer.</param>
public sealed record CustomerSearchHit(CustomerSummary Customer, string SnippetHtml, double Score);

/// <summary>A line on a customer's timeline recorded by another module (a case opened, a reply sent).</summary>
/// <param name="Type">snake_case, e.g. case_opened; its label comes from the Customers module.</param>
/// <param name="Link">Where the line leads in the app (the case page).</param>
public sealed record TimelineEntry(
    string Type, DateTimeOffset OccurredAt, string Summary, string? Touchpoint, string Source, string? ActorName, string? Link = null);

/// <summary>Who sent an email: the customer, the contact when the address is a contact's, and whether Cerchio had to create the customer.</summary>
public sealed record SenderMatch(CustomerSummary Customer, Guid? ContactId, bool Created);

/// <summary>A value of a custom attribute and how many active customers hold it (segmento = A: 120).</summary>
public sealed record AttributeValueCount(string Value, int Customers);

/// <summary>
/// Some of the organization's active customers: those whose custom attribute <see cref="Attribute"/> holds
/// <see cref="Value"/> (compared as <see cref="ICustomerDirectory.IdsWithAttributeAsync"/> compares them), or, with no
/// attribute, all of them.
/// </summary>
public sealed record CustomerSegment(string? Attribute, string? Value)
{
    public static readonly CustomerSegment Everyone = new(null, null);

    public bool IsEveryone => string.IsNullOrWhiteSpace(Attribute);
}

/// <summary>
/// A person a survey can be sent to: a customer who is a person (<see cref="ContactId"/> null), or a contact of a company
/// customer (the company is <see cref="CustomerId"/>).
/// </summary>
/// <param name="Email">Null when none is recorded: the person is still listed, so whoever surveys them can say why not.</param>
/// <param name="Language">"it" or "en": the contact's own, else their company's; null when neither is recorded.</param>
public sealed record SurveyRecipient(Guid CustomerId, Guid? ContactId, string Name, string? Email, string? Language)
{
    /// <summary>The contact's id, or the person customer's: one per person.</summary>
    public Guid PersonId => ContactId ?? CustomerId;
}

/// <summary>The people of a page of a segment's customers, and where the next page starts.</summary>
/// <param name="Customers">How many customers the page read; fewer than asked: the segment ends here.</param>
/// <param name="Reached">The page's last customer (the next page starts after it); null when the page read none.</param>
public sealed record SurveyRecipientPage(IReadOnlyList<SurveyRecipient> Recipients, int Customers, Guid? Reached);

/// <summary>What other modules and the host may ask about the current organization's customers.</summary>
public interface ICustomerDirectory
{
    Task<CustomerCounts> CountsAsync(DateTimeOffset eventsSince, CancellationToken ct = default);

    /// <summary>
    /// The values active customers hold for the custom attribute <paramref name="attribute"/>, each with how many hold
    /// it, most held first. The attribute's name and its values are compared ignoring case (values that differ only in
    /// case count together, under their most common spelling); what lets a persona or a report cut numbers by segment.
    /// </summary>
    Task<IReadOnlyList<AttributeValueCount>> AttributeValuesAsync(string attribute, CancellationToken ct = default);

    /// <summary>
    /// The ids of the active customers whose custom attribute <paramref name="attribute"/> holds <paramref name="value"/>,
    /// compared as <see cref="AttributeValuesAsync"/> compares them (name and value trimmed, ignoring case): the customers
    /// a persona stands for, whose cases and events a number can be cut to. Contacts are not customers: their cases and
    /// events carry their company's id, so they count with it. Empty for a blank name or value.
    /// </summary>
    Task<IReadOnlyList<Guid>> IdsWithAttributeAsync(string attribute, string value, CancellationToken ct = default);

    /// <summary>
    /// The people of up to <paramref name="customers"/> of the segment's active customers, taken in the order of their
    /// ids after <paramref name="after"/> (null: from the first): each person customer, and every contact of each company
    /// customer (a company without contacts has nobody to ask). Three queries a page, whatever its size: the segment's
    /// ids, the page's customers, their contacts — what a survey sent to a whole segment lists its people with.
    /// </summary>
    Task<SurveyRecipientPage> SurveyRecipientsAsync(CustomerSegment segment, Guid? after, int customers, CancellationToken ct = default);

    /// <summary>The active customer the reference names (the oldest, when an email or VAT number is shared), or null.</summary>
    Task<CustomerSummary?> FindAsync(CustomerReference reference, CancellationToken ct = default);

    Task<CustomerSummary?> GetAsync(Guid customerId, CancellationToken ct = default);

    /// <summary>
    /// How a person is to be surveyed: the language and consent recorded on the contact with this email (of this
    /// customer when one is given), each falling back to their company's, or else on the customer with this email or id.
    /// </summary>
    Task<SurveyPreferences> SurveyPreferencesAsync(Guid? customerId, string? email, CancellationToken ct = default);

    /// <summary>
    /// The active customer of each address (compared trimmed and in lower case, as stored; the oldest when one is shared),
    /// keyed by the address in lower case; addresses of nobody are left out. One query per 500 addresses: what a list
    /// (an import of answers) needs instead of one lookup per row.
    /// </summary>
    Task<IReadOnlyDictionary<string, CustomerSummary>> FindByEmailsAsync(IEnumerable<string> emails, CancellationToken ct = default);

    Task<IReadOnlyDictionary<Guid, CustomerSummary>> GetManyAsync(IEnumerable<Guid> customerIds, CancellationToken ct = default);

    /// <summary>Customers whose name, email, VAT number, city or code contain every word typed, best first.</summary>
    Task<IReadOnlyList<CustomerSummary>> SearchAsync(string text, int take, CancellationToken ct = default);

    /// <summary>
    /// Active customers matching every word typed in name, email, VAT number, city, code or fiscal code, through the
    /// database's full-text index (accents ignored, words as prefixes), best first. Any text is safe; punctuation
    /// alone finds nothing.
    /// </summary>
    Task<IReadOnlyList<CustomerSearchHit>> SearchFullTextAsync(string text, int take, CancellationToken ct = default);

    /// <summary>
    /// Adds the entry to the caller's pending changes: it is stored by the caller's SaveChanges, with the change it
    /// tells of, or not at all.
    /// </summary>
    void RecordOnTimeline(Guid customerId, TimelineEntry entry);

    /// <summary>
    /// The customer an email sender belongs to: a contact with that address, else a customer with it, else the one
    /// company whose email has the same domain (never a free-mail domain). An unknown sender becomes a new person
    /// customer flagged for review, added to the caller's pending changes.
    /// </summary>
    Task<SenderMatch> MatchSenderAsync(string email, string? displayName, CancellationToken ct = default);
}

/// <summary>Fills the current organization with realistic Italian customers and a year of their events.</summary>
public interface ICustomerDemoData
{
    Task SeedAsync(int customers, int seed, CancellationToken ct = default);
}
