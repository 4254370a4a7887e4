using System.Text.Json;
using Cerchio.Customers.Contracts;
using Cerchio.Customers.Domain;
using Cerchio.Data;
using Cerchio.Paging;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Customers.Features.Records;

internal enum CustomerFilter
{
    All,
    Companies,
    People,
}

internal static class CustomerFilters
{
    /// <summary>The customer list's "tipo" query parameter (the list page and its exports share it).</summary>
    public static CustomerFilter FromTipo(string? tipo) => tipo switch
    {
        "aziende" => CustomerFilter.Companies,
        "persone" => CustomerFilter.People,
        _ => CustomerFilter.All,
    };
}

/// <summary>
/// Creating, changing, finding and merging customers: the one place pages, the API and the import go
/// through, so every change lands on the customer's timeline the same way.
/// </summary>
internal sealed class CustomerRecords(CerchioDb db, OrganizationContext tenant, TimeProvider clock)
{
    private static readonly string[] TrackedFields =
        [nameof(Customer.Name), nameof(Customer.VatNumber), nameof(Customer.FiscalCode), nameof(Customer.Email), nameof(Customer.Phone),
         nameof(Customer.Address), nameof(Customer.PostalCode), nameof(Customer.City), nameof(Customer.Province), nameof(Customer.Country),
         nameof(Customer.ExternalId), nameof(Customer.Attributes)];

    public IQueryable<Customer> Active => db.Set<Customer>().Where(c => c.MergedIntoId == null);

    public Task<Page<Customer>> ListAsync(string? search, CustomerFilter filter, int? page, int? size, CancellationToken ct = default) =>
        Filter(Active, search, filter).OrderBy(c => c.Name).ThenBy(c => c.Id).AsNoTracking().ToPageAsync(page, size, ct: ct);

    /// <summary>The list's filter, shared with the exports so a download holds exactly what the list shows.</summary>
    public static IQueryable<Customer> Filter(IQueryable<Customer> query, string? search, CustomerFilter filter)
    {
        query = filter switch
        {
            CustomerFilter.Companies => query.Where(c => c.Kind == CustomerKind.Company),
            CustomerFilter.People => query.Where(c => c.Kind == CustomerKind.Person),
            _ => query,
        };
        // Every word must appear in the normalized name/email/VAT/city text. A customer list is a few
        // thousand rows per organization; full-text search over messages comes with the search issue.
        foreach (var word in Customer.Normalize(search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5))
        {
            query = query.Where(c => c.SearchText.Contains(word));
        }

        return query;
    }

    public Task<Customer?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Set<Customer>().Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>Finds the active customer a reference points to; external id first, then email, then VAT number.</summary>
    public async Task<Customer?> FindAsync(CustomerReference reference, CancellationToken ct = default)
    {
        if (reference.ExternalId is { } externalId && await Active.FirstOrDefaultAsync(c => c.ExternalId == externalId, ct) is { } byId)
        {
            return byId;
        }

        if (reference.Email is { } email && await Active.OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(c => c.Email == email, ct) is { } byEmail)
        {
            return byEmail;
        }

        return reference.VatNumber is { } vat
            ? await Active.OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(c => c.VatNumber == vat, ct)
            : null;
    }

    /// <summary>Validates and adds a customer (not saved: the caller saves, so an import can batch).</summary>
    public async Task<(Customer? Customer, Errors Errors)> CreateAsync(CustomerDetails details, string source, CancellationToken ct = default)
    {
        var errors = await ValidateAsync(details, null, ct);
        if (errors.Any)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow();
        var customer = new Customer { Id = Ids.New(), CreatedAt = now };
        customer.Apply(details, now);
        db.Add(customer);
        Record(customer.Id, EventTypes.CustomerCreated, now, null, source);
        return (customer, errors);
    }

    /// <summary>Validates and applies new details; records what changed on the timeline. Not saved.</summary>
    public async Task<Errors> UpdateAsync(Customer customer, CustomerDetails details, string source, CancellationToken ct = default)
    {
        var errors = await ValidateAsync(details, customer.Id, ct);
        if (errors.Any)
        {
            return errors;
        }

        var before = Snapshot(customer);
        var now = clock.GetUtcNow();
        customer.Apply(details, now);
        var after = Snapshot(customer);
        var changed = TrackedFields.Where(f => before[f] != after[f]).ToList();
        if (changed.Count > 0)
        {
            Record(customer.Id, EventTypes.CustomerUpdated, now, JsonSerializer.Serialize(changed.ToDictionary(f => f, f => new[] { before[f], after[f] })), source);
        }

        return errors;
    }

    /// <summary>
    /// Merges <paramref name="duplicate"/> into <paramref name="survivor"/> and saves, in one transaction: contacts
    /// and timeline move, the survivor's empty fields are filled, the duplicate stays only as a pointer.
    /// </summary>
    public async Task<Errors> MergeAsync(Customer survivor, Customer duplicate, CancellationToken ct = default)
    {
        var errors = new Errors();
        if (survivor.Id == duplicate.Id)
        {
            return errors.Add("Duplicate", "Scegli due clienti diversi.");
        }

        if (survivor.MergedIntoId is not null || duplicate.MergedIntoId is not null)
        {
            return errors.Add("Duplicate", "Questo cliente è già stato unito a un altro.");
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Lock both records, always in the same order, and only while neither is merged: of two merges crossing each
        // other (A into B, B into A) the second waits for the first, then finds a record already merged.
        var locked = 0;
        foreach (var id in new[] { survivor.Id, duplicate.Id }.Order())
        {
            locked += await db.Set<Customer>().Where(c => c.Id == id && c.MergedIntoId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, now), ct);
        }

        if (locked != 2)
        {
            await transaction.RollbackAsync(ct);
            return errors.Add("Duplicate", "Questo cliente è già stato unito a un altro.");
        }

        await db.Set<Contact>().Where(c => c.CustomerId == duplicate.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, survivor.Id), ct);
        await db.Set<TimelineEvent>().Where(e => e.CustomerId == duplicate.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.CustomerId, survivor.Id), ct);

        // The unique external id moves to the survivor: free it on the duplicate first.
        var movingExternalId = survivor.ExternalId is null ? duplicate.ExternalId : null;
        if (movingExternalId is not null)
        {
            duplicate.ExternalId = null;
            await db.SaveChangesAsync(ct);
            duplicate.ExternalId = movingExternalId;
        }

        survivor.Absorb(duplicate, now);
        Record(survivor.Id, EventTypes.CustomerMerged, now,
            JsonSerializer.Serialize(new { merged_id = duplicate.Id, merged_name = duplicate.Name, merged_email = duplicate.Email }), "utente",
            duplicate.Name);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return errors;
    }

    public void AddContact(Customer customer, Contact contact)
    {
        contact.Id = Ids.New();
        contact.CustomerId = customer.Id;
        contact.CreatedAt = clock.GetUtcNow();
        db.Add(contact);
        Record(customer.Id, EventTypes.ContactAdded, contact.CreatedAt, null, "utente", contact.FullName);
    }

    /// <summary>
    /// Saves a create or an update. The external id was checked free, but a concurrent request may take it between
    /// the check and the save: the unique index refuses the row and the loser gets the check's own error.
    /// </summary>
    public async Task<Errors> SaveAsync(CancellationToken ct = default)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new Errors();
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return new Errors().Add(nameof(CustomerDetails.ExternalId), ExternalIdTaken);
        }
    }

    private const string ExternalIdTaken = "Esiste già un cliente con questo codice esterno.";

    private async Task<Errors> ValidateAsync(CustomerDetails details, Guid? self, CancellationToken ct)
    {
        var errors = details.Validate();
        if (!errors.Any && Customer.Clean(details.ExternalId) is { } externalId
            && await db.Set<Customer>().AnyAsync(c => c.ExternalId == externalId && c.Id != self, ct))
        {
            errors.Add(nameof(CustomerDetails.ExternalId), ExternalIdTaken);
        }

        return errors;
    }

    private void Record(Guid customerId, string type, DateTimeOffset at, string? properties, string source, string? summary = null) =>
        db.Add(new TimelineEvent
        {
            Id = Ids.New(),
            CustomerId = customerId,
            Type = type,
            OccurredAt = at,
            RecordedAt = at,
            Summary = summary,
            Properties = properties ?? "{}",
            Source = source,
            ActorName = tenant.ActorName,
        });

    private static Dictionary<string, string?> Snapshot(Customer c) => new()
    {
        [nameof(Customer.Name)] = c.Name,
        [nameof(Customer.VatNumber)] = c.VatNumber,
        [nameof(Customer.FiscalCode)] = c.FiscalCode,
        [nameof(Customer.Email)] = c.Email,
        [nameof(Customer.Phone)] = c.Phone,
        [nameof(Customer.Address)] = c.Address,
        [nameof(Customer.PostalCode)] = c.PostalCode,
        [nameof(Customer.City)] = c.City,
        [nameof(Customer.Province)] = c.Province,
        [nameof(Customer.Country)] = c.Country,
        [nameof(Customer.ExternalId)] = c.ExternalId,
        [nameof(Customer.Attributes)] = c.Attributes,
    };
}
