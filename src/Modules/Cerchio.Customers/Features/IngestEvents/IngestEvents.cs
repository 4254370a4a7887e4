using Cerchio.Ui.Api;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Cerchio.Customers.Contracts;
using Cerchio.Customers.Domain;
using Cerchio.Data;
using Cerchio.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Customers.Features.IngestEvents;

/// <summary>
/// POST /api/v1/events: a batch of up to 1,000 events from other systems (ERP, e-commerce, phone system).
/// Each item is judged alone — a bad one never rejects the good ones — and an id already seen is a
/// harmless duplicate, so a sender can simply retry a whole batch.
/// </summary>
internal static class IngestEvents
{
    public const int MaxBatch = 1000;
    public const long MaxBytes = 4 * 1024 * 1024;
    private const int MaxPropertiesBytes = 8 * 1024;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/events", IngestAsync)
            .WithName("IngestEvents")
            .WithSummary("Ingests a batch of up to 1,000 customer events; re-sent ids are reported as duplicates.")
            .WithDescription("Types: " + string.Join(", ", EventTypes.External) + ". Each event: id (your idempotency key), type, customer { external_id | email | vat_number }, occurred_at (ISO 8601), optional touchpoint, summary, properties (object).")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBytes));

    private sealed record Candidate(int Index, string Id, TimelineEvent Event);

    private static async Task<Results<Ok<EventBatchResult>, ValidationProblem>> IngestAsync(
        EventBatch batch, CerchioDb db, Cerchio.Touchpoints.ITouchpointCatalog touchpoints, TimeProvider clock, Loc l, CancellationToken ct)
    {
        if (batch.Events is not { Count: > 0 } items)
        {
            return ApiResults.Invalid("events", "Manca l'elenco 'events', o è vuoto.", l);
        }

        if (items.Count > MaxBatch)
        {
            return ApiResults.Invalid("events", "Al massimo {0} eventi per richiesta.", l, MaxBatch);
        }

        var now = clock.GetUtcNow();
        var results = new EventItemResult?[items.Count];
        var parsed = new List<(int Index, string Id, ParsedEvent Event)>();
        for (var i = 0; i < items.Count; i++)
        {
            var (item, errors) = Parse(items[i], now);
            if (item is null)
            {
                results[i] = new EventItemResult(i, JsonText.String(items[i], "id").Value, "rejected", null, null, errors.All.Select(e => Message(e.Field, l.Format(e.Message))).ToList());
            }
            else
            {
                parsed.Add((i, item.Id, item));
            }
        }

        var customers = await ResolveCustomersAsync(db, parsed.Select(p => p.Event.Customer).ToList(), ct);
        // The organization's catalog, read once per batch: an unknown or archived code is reported on its item.
        var catalog = parsed.Any(p => p.Event.Touchpoint is not null)
            ? (await touchpoints.ListAsync(ct)).Select(t => t.Code).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : [];
        var candidates = new List<Candidate>();
        // An id repeats an earlier item of the batch only if that item is stored: after a rejected one it is judged anew.
        var seenInBatch = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, id, item) in parsed)
        {
            if (!customers.TryGetValue(item.Customer, out var customerId))
            {
                results[index] = new EventItemResult(index, id, "rejected", null, null, [l["Cliente non trovato: indica external_id, email o vat_number di un cliente esistente."]]);
                continue;
            }

            if (item.Touchpoint is { } code && !catalog.Contains(code))
            {
                results[index] = new EventItemResult(index, id, "rejected", null, null, [l.F("'touchpoint': codice sconosciuto o archiviato nel catalogo dei touchpoint: '{0}'.", code)]);
                continue;
            }

            if (!seenInBatch.Add(id))
            {
                results[index] = new EventItemResult(index, id, "duplicate", null, null, null);
                continue;
            }

            candidates.Add(new Candidate(index, id, new TimelineEvent
            {
                Id = Ids.New(),
                CustomerId = customerId,
                Type = item.Type,
                OccurredAt = item.OccurredAt,
                RecordedAt = now,
                ExternalId = id,
                TouchpointCode = item.Touchpoint,
                Summary = item.Summary,
                Properties = item.Properties,
                Source = "api",
            }));
        }

        await SaveNewAsync(db, candidates, results, ct);
        var final = results.Select(r => r!).ToList();
        return TypedResults.Ok(new EventBatchResult(
            final.Count(r => r.Status == "accepted"), final.Count(r => r.Status == "duplicate"), final.Count(r => r.Status == "rejected"), final));
    }

    /// <summary>Inserts the events whose ids are new. A concurrent request may insert the same ids first: then the
    /// unique index refuses the batch, it rolls back whole, and the ids now present are reported as duplicates and
    /// the rest retried.</summary>
    private static async Task SaveNewAsync(CerchioDb db, List<Candidate> candidates, EventItemResult?[] results, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var ids = candidates.Select(c => c.Id).ToList();
            var existing = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in ids.Chunk(500))
            {
                existing.UnionWith(await db.Set<TimelineEvent>().Where(e => e.ExternalId != null && chunk.Contains(e.ExternalId))
                    .Select(e => e.ExternalId!).ToListAsync(ct));
            }

            foreach (var duplicate in candidates.Where(c => existing.Contains(c.Id)))
            {
                results[duplicate.Index] = new EventItemResult(duplicate.Index, duplicate.Id, "duplicate", null, null, null);
            }

            candidates = candidates.Where(c => !existing.Contains(c.Id)).ToList();
            // Multi-row inserts in one transaction: many times faster than one INSERT per event, and all or nothing.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await db.InsertAsync(candidates.Select(c => c.Event).ToList(), ct);
                await transaction.CommitAsync(ct);
                break;
            }
            catch (DbException) when (attempt < 2)
            {
                await transaction.RollbackAsync(ct);
            }
        }

        foreach (var c in candidates)
        {
            results[c.Index] = new EventItemResult(c.Index, c.Id, "accepted", c.Event.Id, c.Event.CustomerId, null);
        }
    }

    /// <summary>An item's error names its field: the rules' own messages quote it, the shared text rule's do not.</summary>
    private static string Message(string field, string message) => message.Contains($"'{field}'", StringComparison.Ordinal) ? message : $"'{field}': {message}";

    private sealed record CustomerKey(string Field, string Value);

    private sealed record ParsedEvent(string Id, string Type, CustomerKey Customer, DateTimeOffset OccurredAt, string? Touchpoint, string? Summary, string Properties);

    /// <summary>All referenced customers in three queries (one per kind of reference), not one per event.</summary>
    private static async Task<Dictionary<CustomerKey, Guid>> ResolveCustomersAsync(CerchioDb db, List<CustomerKey> keys, CancellationToken ct)
    {
        var found = new Dictionary<CustomerKey, Guid>();
        var active = db.Set<Customer>().Where(c => c.MergedIntoId == null);
        foreach (var group in keys.Distinct().GroupBy(k => k.Field))
        {
            foreach (var chunk in group.Select(k => k.Value).Chunk(500))
            {
                var rows = group.Key switch
                {
                    "external_id" => await active.Where(c => chunk.Contains(c.ExternalId!)).Select(c => new { Key = c.ExternalId!, c.Id, c.CreatedAt }).ToListAsync(ct),
                    "email" => await active.Where(c => chunk.Contains(c.Email!)).Select(c => new { Key = c.Email!, c.Id, c.CreatedAt }).ToListAsync(ct),
                    _ => await active.Where(c => chunk.Contains(c.VatNumber!)).Select(c => new { Key = c.VatNumber!, c.Id, c.CreatedAt }).ToListAsync(ct),
                };
                // Several customers may share an email or VAT number: the oldest record is the one events land on.
                foreach (var row in rows.OrderByDescending(r => r.CreatedAt))
                {
                    found[new CustomerKey(group.Key, row.Key)] = row.Id;
                }
            }
        }

        return found;
    }

    private static (ParsedEvent? Event, Errors Errors) Parse(JsonElement item, DateTimeOffset now)
    {
        var errors = new Errors();
        if (item.ValueKind != JsonValueKind.Object)
        {
            return (null, errors.Add("event", "Ogni evento deve essere un oggetto JSON."));
        }

        string? Text(JsonElement element, string name, string? parent = null)
        {
            var (value, problem) = JsonText.String(element, name);
            if (problem is not null)
            {
                errors.Add(parent is null ? name : $"{parent}.{name}", problem.Text, problem.Args);
            }

            return value;
        }

        var id = Text(item, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add("id", "'id' è obbligatorio: è la chiave che rende sicuro il reinvio.");
        }
        else if (id.Length > 100)
        {
            errors.Add("id", "'id' può avere al massimo 100 caratteri.");
        }

        var type = Text(item, "type");
        if (type is null || !EventTypes.External.Contains(type))
        {
            errors.Add("type", "'type' deve essere uno di: {0}.", string.Join(", ", EventTypes.External));
        }

        CustomerKey? customer = null;
        if (item.TryGetProperty("customer", out var reference) && reference.ValueKind == JsonValueKind.Object)
        {
            customer = Text(reference, "external_id", "customer") is { Length: > 0 } externalId ? new CustomerKey("external_id", externalId.Trim())
                : Text(reference, "email", "customer") is { Length: > 0 } email ? new CustomerKey("email", email.Trim().ToLowerInvariant())
                : Text(reference, "vat_number", "customer") is { Length: > 0 } vat ? new CustomerKey("vat_number", VatNumbers.Normalize(vat))
                : null;
        }

        if (customer is null)
        {
            errors.Add("customer", "'customer' deve indicare external_id, email o vat_number.");
        }

        DateTimeOffset occurredAt = default;
        if (Text(item, "occurred_at") is not { } when
            || !DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out occurredAt))
        {
            errors.Add("occurred_at", "'occurred_at' è obbligatorio, in formato ISO 8601.");
        }
        else if (occurredAt > now.AddDays(1))
        {
            errors.Add("occurred_at", "'occurred_at' non può essere nel futuro.");
        }

        var touchpoint = Text(item, "touchpoint");
        if (touchpoint is { Length: > 50 })
        {
            errors.Add("touchpoint", "'touchpoint' può avere al massimo 50 caratteri.");
        }

        var summary = Text(item, "summary");
        if (summary is { Length: > 500 })
        {
            errors.Add("summary", "'summary' può avere al massimo 500 caratteri.");
        }

        var properties = "{}";
        if (item.TryGetProperty("properties", out var props) && props.ValueKind != JsonValueKind.Null)
        {
            if (props.ValueKind != JsonValueKind.Object)
            {
                errors.Add("properties", "'properties' deve essere un oggetto JSON.");
            }
            else if ((properties = props.GetRawText()).Length > MaxPropertiesBytes)
            {
                errors.Add("properties", "'properties' può occupare al massimo 8 KB.");
            }
            else if (JsonText.FirstProblem(props) is { } problem)
            {
                errors.Add("properties", problem.Text, problem.Args);
            }
        }

        return errors.Any
            ? (null, errors)
            : (new ParsedEvent(id!.Trim(), type!, customer!, occurredAt.ToUniversalTime(), Cerchio.Customers.Domain.Customer.Clean(touchpoint)?.ToLowerInvariant(), Cerchio.Customers.Domain.Customer.Clean(summary), properties), errors);
    }
}
