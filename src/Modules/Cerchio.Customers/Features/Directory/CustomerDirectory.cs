using System.Text.Json;
using Cerchio.Customers.Contracts;
using Cerchio.Customers.Domain;
using Cerchio.Customers.Features.Records;
using Cerchio.Data;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Customers.Features.Directory;

internal sealed class CustomerDirectory(CerchioDb db, CustomerRecords records, CustomerSearch search) : ICustomerDirectory
{
    private IQueryable<Customer> Active => db.Set<Customer>().Where(c => c.MergedIntoId == null).AsNoTracking();

    public async Task<CustomerCounts> CountsAsync(DateTimeOffset eventsSince, CancellationToken ct = default) =>
        new(
            await db.Set<Customer>().CountAsync(c => c.MergedIntoId == null, ct),
            await db.Set<TimelineEvent>().CountAsync(e => e.OccurredAt >= eventsSince, ct));

    // The attributes are a JSON object in a text column: SQLite reads it with json_each, PostgreSQL as jsonb. Raw SQL,
    // so the organization is filtered here by hand. lower() narrows by name in the database (ASCII letters on SQLite);
    // the exact comparison, ignoring case, is made on the rows read.
    private const string SqliteAttributeValues = """
        SELECT e.key, e.value, COUNT(*)
        FROM "Customers" AS c, json_each(c."Attributes") AS e
        WHERE c."OrganizationId" = @org AND c."MergedIntoId" IS NULL AND c."Attributes" <> '{}'
            AND e.type = 'text' AND lower(e.key) = lower(@name)
        GROUP BY e.key, e.value
        """;

    private const string PostgresAttributeValues = """
        SELECT e.key, e.value, COUNT(*)
        FROM "Customers" AS c CROSS JOIN LATERAL jsonb_each_text(c."Attributes"::jsonb) AS e
        WHERE c."OrganizationId" = @org AND c."MergedIntoId" IS NULL AND c."Attributes" <> '{}'
            AND e.value IS NOT NULL AND lower(e.key) = lower(@name)
        GROUP BY e.key, e.value
        """;

    public async Task<IReadOnlyList<AttributeValueCount>> AttributeValuesAsync(string attribute, CancellationToken ct = default)
    {
        var name = attribute.Trim();
        if (name.Length == 0)
        {
            return [];
        }

        var rows = await db.ReadAsync(db.IsSqlite ? SqliteAttributeValues : PostgresAttributeValues,
            new Dictionary<string, object?> { ["org"] = db.CurrentOrganizationId, ["name"] = name },
            r => (Key: r.GetString(0), Value: r.GetString(1), Count: r.GetInt32Value(2)), ct);
        return rows.Where(r => string.Equals(r.Key, name, StringComparison.OrdinalIgnoreCase))
            .GroupBy(r => r.Value.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => new AttributeValueCount(g.OrderByDescending(r => r.Count).ThenBy(r => r.Value, StringComparer.Ordinal).First().Value.Trim(), g.Sum(r => r.Count)))
            .OrderByDescending(v => v.Customers).ThenBy(v => v.Value, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private const string SqliteAttributeHolders = """
        SELECT c."Id", e.key, e.value
        FROM "Customers" AS c, json_each(c."Attributes") AS e
        WHERE c."OrganizationId" = @org AND c."MergedIntoId" IS NULL AND c."Attributes" <> '{}'
            AND e.type = 'text' AND lower(e.key) = lower(@name)
        """;

    private const string PostgresAttributeHolders = """
        SELECT c."Id", e.key, e.value
        FROM "Customers" AS c CROSS JOIN LATERAL jsonb_each_text(c."Attributes"::jsonb) AS e
        WHERE c."OrganizationId" = @org AND c."MergedIntoId" IS NULL AND c."Attributes" <> '{}'
            AND e.value IS NOT NULL AND lower(e.key) = lower(@name)
        """;

    // A map asks for the same audience once per source and period: read it once per request.
    private readonly Dictionary<(string, string), IReadOnlyList<Guid>> _holders = [];

    public async Task<IReadOnlyList<Guid>> IdsWithAttributeAsync(string attribute, string value, CancellationToken ct = default)
    {
        var (name, wanted) = (attribute.Trim(), value.Trim());
        if (name.Length == 0 || wanted.Length == 0)
        {
            return [];
        }

        var key = (name.ToUpperInvariant(), wanted.ToUpperInvariant());
        if (_holders.TryGetValue(key, out var known))
        {
            return known;
        }

        // Narrowed by name in the database as AttributeValuesAsync is; the same comparison of name and value on the rows read.
        var rows = await db.ReadAsync(db.IsSqlite ? SqliteAttributeHolders : PostgresAttributeHolders,
            new Dictionary<string, object?> { ["org"] = db.CurrentOrganizationId, ["name"] = name },
            r => (Id: r.GetGuid(0), Key: r.GetString(1), Value: r.GetString(2)), ct);
        IReadOnlyList<Guid> ids = rows
            .Where(r => string.Equals(r.Key, name, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Value.Trim(), wanted, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Id).Distinct().ToList();
        _holders[key] = ids;
        return ids;
    }

    public async Task<SurveyRecipientPage> SurveyRecipientsAsync(CustomerSegment segment, Guid? after, int customers, CancellationToken ct = default)
    {
        // Every id of the segment, ordered here: Guids sort differently as SQLite's text and PostgreSQL's uuid, and a
        // segment's ids are small (10,000 customers, 160 KB). The attribute's holders are read once per scope.
        var ids = segment.IsEveryone
            ? await Active.Select(c => c.Id).ToListAsync(ct)
            : await IdsWithAttributeAsync(segment.Attribute!, segment.Value ?? "", ct);
        var page = ids.Where(id => after is not { } start || id.CompareTo(start) > 0).Order().Take(Math.Max(customers, 1)).ToList();
        if (page.Count == 0)
        {
            return new SurveyRecipientPage([], 0, null);
        }

        // By key alone, kept to the organization in memory (ADR 0013); a long list goes as one parameter.
        var organizationId = db.CurrentOrganizationId;
        var found = (await db.Set<Customer>().IgnoreQueryFilters().AsNoTracking().Where(IdLists.Contains<Customer>(page, c => c.Id))
                .Select(c => new { c.Id, c.OrganizationId, c.Kind, c.Name, c.Email, c.Language, c.MergedIntoId }).ToListAsync(ct))
            .Where(c => c.OrganizationId == organizationId && c.MergedIntoId == null).ToDictionary(c => c.Id);
        var companies = found.Values.Where(c => c.Kind == CustomerKind.Company).Select(c => c.Id).ToList();
        var contacts = (companies.Count == 0 ? [] : await db.Set<Contact>().IgnoreQueryFilters().AsNoTracking().Where(IdLists.Contains<Contact>(companies, c => c.CustomerId))
                .Select(c => new { c.Id, c.OrganizationId, c.CustomerId, c.FirstName, c.LastName, c.Email, c.Language, c.CreatedAt }).ToListAsync(ct))
            .Where(c => c.OrganizationId == organizationId).ToLookup(c => c.CustomerId);

        var recipients = new List<SurveyRecipient>();
        foreach (var id in page)
        {
            if (!found.TryGetValue(id, out var customer))
            {
                continue;
            }

            if (customer.Kind == CustomerKind.Person)
            {
                recipients.Add(new SurveyRecipient(customer.Id, null, customer.Name, customer.Email, customer.Language));
                continue;
            }

            foreach (var c in contacts[id].OrderBy(c => c.CreatedAt).ThenBy(c => c.Id))
            {
                recipients.Add(new SurveyRecipient(customer.Id, c.Id, $"{c.FirstName} {c.LastName}".Trim(), c.Email, c.Language ?? customer.Language));
            }
        }

        return new SurveyRecipientPage(recipients, page.Count, page[^1]);
    }

    public async Task<CustomerSummary?> FindAsync(CustomerReference reference, CancellationToken ct = default) =>
        await records.FindAsync(reference.Normalized(), ct) is { } customer ? Summary(customer) : null;

    public async Task<SurveyPreferences> SurveyPreferencesAsync(Guid? customerId, string? email, CancellationToken ct = default)
    {
        var address = Customer.Clean(email)?.ToLowerInvariant();
        if (address is null && customerId is null)
        {
            return SurveyPreferences.Unknown;
        }

        if (address is not null)
        {
            // A contact speaks for themselves; what they leave unrecorded, their company's record says.
            var contact = await db.Set<Contact>().AsNoTracking().Where(c => c.Email == address && (customerId == null || c.CustomerId == customerId))
                .OrderBy(c => c.CreatedAt).Select(c => new { c.CustomerId, c.Language, c.SurveyConsent }).FirstOrDefaultAsync(ct);
            if (contact is not null)
            {
                var company = await Active.Where(c => c.Id == contact.CustomerId).Select(c => new { c.Language, c.SurveyConsent }).FirstOrDefaultAsync(ct);
                return new SurveyPreferences(contact.Language ?? company?.Language, contact.SurveyConsent ?? company?.SurveyConsent);
            }
        }

        var customer = await Active.Where(c => customerId != null ? c.Id == customerId : c.Email == address)
            .OrderBy(c => c.CreatedAt).Select(c => new { c.Language, c.SurveyConsent }).FirstOrDefaultAsync(ct);
        return customer is null ? SurveyPreferences.Unknown : new SurveyPreferences(customer.Language, customer.SurveyConsent);
    }

    public async Task<CustomerSummary?> GetAsync(Guid customerId, CancellationToken ct = default) =>
        (await GetManyAsync([customerId], ct)).GetValueOrDefault(customerId);

    public async Task<IReadOnlyDictionary<string, CustomerSummary>> FindByEmailsAsync(IEnumerable<string> emails, CancellationToken ct = default)
    {
        var wanted = emails.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Distinct().ToList();
        var found = new Dictionary<string, CustomerSummary>();
        foreach (var chunk in wanted.Chunk(500))
        {
            // Only the summary's columns, oldest first so a shared address names the first customer that had it.
            foreach (var customer in await Active.Where(c => c.Email != null && chunk.Contains(c.Email)).OrderBy(c => c.CreatedAt).Select(AsSummary).ToListAsync(ct))
            {
                found.TryAdd(customer.Email!, customer);
            }
        }

        return found;
    }

    public async Task<IReadOnlyDictionary<Guid, CustomerSummary>> GetManyAsync(IEnumerable<Guid> customerIds, CancellationToken ct = default)
    {
        var ids = customerIds.Distinct().ToList();
        var found = new Dictionary<Guid, CustomerSummary>();
        foreach (var chunk in ids.Chunk(500))
        {
            // Only the summary's columns: a whole row carries the attributes and, on PostgreSQL, the search vector.
            foreach (var customer in await db.ByIdsAsync(chunk, AsSummary, ct))
            {
                found[customer.Id] = customer;
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<CustomerSummary>> SearchAsync(string text, int take, CancellationToken ct = default)
    {
        var rows = await CustomerRecords.Filter(Active, text, CustomerFilter.All)
            .OrderBy(c => c.Name).Take(Math.Clamp(take, 1, 50)).ToListAsync(ct);
        return rows.Select(Summary).ToList();
    }

    public Task<IReadOnlyList<CustomerSearchHit>> SearchFullTextAsync(string text, int take, CancellationToken ct = default) =>
        search.SearchAsync(text, take, ct);

    public void RecordOnTimeline(Guid customerId, TimelineEntry entry) =>
        db.Add(new TimelineEvent
        {
            Id = Ids.New(),
            CustomerId = customerId,
            Type = entry.Type,
            OccurredAt = entry.OccurredAt,
            RecordedAt = entry.OccurredAt,
            Summary = entry.Summary,
            TouchpointCode = entry.Touchpoint,
            Source = entry.Source,
            ActorName = entry.ActorName,
            Properties = entry.Link is null ? "{}" : JsonSerializer.Serialize(new Dictionary<string, string> { ["link"] = entry.Link }),
        });

    /// <summary>Addresses anyone can have: sharing one says nothing about working for the same company.</summary>
    private static readonly HashSet<string> FreeMail = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "libero.it", "virgilio.it", "hotmail.com", "hotmail.it", "outlook.com", "outlook.it",
        "live.com", "live.it", "yahoo.com", "yahoo.it", "icloud.com", "me.com", "tiscali.it", "alice.it", "tim.it",
        "fastwebnet.it", "email.it", "aruba.it", "pec.it", "legalmail.it", "gmx.com", "proton.me", "protonmail.com",
    };

    public async Task<SenderMatch> MatchSenderAsync(string email, string? displayName, CancellationToken ct = default)
    {
        var address = email.Trim().ToLowerInvariant();
        var contact = await db.Set<Contact>().AsNoTracking()
            .Where(c => c.Email == address && db.Set<Customer>().Any(x => x.Id == c.CustomerId && x.MergedIntoId == null))
            .OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (contact is not null && await GetAsync(contact.CustomerId, ct) is { } ofContact)
        {
            return new SenderMatch(ofContact, contact.Id, false);
        }

        if (await Active.Where(c => c.Email == address).OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct) is { } byEmail)
        {
            return new SenderMatch(Summary(byEmail), null, false);
        }

        var domain = address[(address.LastIndexOf('@') + 1)..];
        if (domain.Length > 0 && !FreeMail.Contains(domain))
        {
            var suffix = "@" + domain;
            var companies = await Active.Where(c => c.Kind == CustomerKind.Company && c.Email != null && c.Email.EndsWith(suffix)).Take(2).ToListAsync(ct);
            if (companies.Count == 1)
            {
                return new SenderMatch(Summary(companies[0]), null, false);
            }
        }

        var name = string.IsNullOrWhiteSpace(displayName) ? address[..Math.Max(address.IndexOf('@'), 1)] : displayName.Trim();
        var space = name.IndexOf(' ');
        string Clip(string text) => text.Length > 100 ? text[..100] : text;
        var details = new CustomerDetails
        {
            Kind = CustomerKind.Person,
            FirstName = space > 0 ? Clip(name[..space]) : null,
            LastName = Clip(space > 0 ? name[(space + 1)..].Trim() : name),
            Email = address,
        };
        var (created, _) = await records.CreateAsync(details, "email", ct);
        // An address Cerchio cannot store as a customer's email (too long, odd): keep the sender's name only.
        created ??= (await records.CreateAsync(details with { Email = null }, "email", ct)).Customer;

        created!.NeedsReview = true;
        return new SenderMatch(Summary(created), null, true);
    }

    private static readonly System.Linq.Expressions.Expression<Func<Customer, CustomerSummary>> AsSummary =
        c => new CustomerSummary(c.Id, c.Name, c.Kind == CustomerKind.Company, c.Email, c.Phone, c.City, c.ExternalId);

    private static readonly Func<Customer, CustomerSummary> Summary = AsSummary.Compile();
}
