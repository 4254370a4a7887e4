using Cerchio.Text;
using System.Globalization;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Data.Audit;
using Cerchio.Organizations.Features.Administration;
using Cerchio.Paging;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Organizations.Features.AuditLog;

/// <summary>The audit log's filters, read from the query string by the page and by the CSV export alike.</summary>
internal sealed record AuditFilter(string? EntityType, string? Actor, DateOnly? From, DateOnly? To)
{
    public static AuditFilter Parse(IQueryCollection query) => new(
        NullIfEmpty(query["tipo"]), NullIfEmpty(query["autore"]), ParseDate(query["dal"]), ParseDate(query["al"]));

    /// <summary>The query string of these filters, for links (the CSV export) that keep them.</summary>
    public string ToQueryString() => QueryString.Create(new Dictionary<string, string?>
    {
        ["tipo"] = EntityType,
        ["autore"] = Actor,
        ["dal"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["al"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    }.Where(p => p.Value is not null)).ToUriComponent();

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

internal sealed record AuditChange(string Field, string? Old, string? New);

internal static class AuditQuery
{
    public const int PageSize = 50;

    /// <summary>Italian labels of the entity types this module writes; other modules' types show their own name.</summary>
    public static readonly IReadOnlyDictionary<string, string> EntityLabels = new Dictionary<string, string>
    {
        ["Organization"] = "Organizzazione",
        ["Membership"] = "Persona nell'organizzazione",
        ["Department"] = "Reparto",
        ["Invitation"] = "Invito",
        ["ApiKey"] = "Chiave API",
    };

    public static string ActionLabel(AuditAction action) => action switch
    {
        AuditAction.Created => "Creazione",
        AuditAction.Updated => "Modifica",
        AuditAction.Deleted => "Eliminazione",
        _ => action.ToString(),
    };

    /// <summary>Newest first; the query filter keeps it to the current organization.</summary>
    public static IQueryable<AuditEntry> Filtered(CerchioDb db, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.EntityType is { } type)
        {
            query = query.Where(a => a.EntityType == type);
        }

        if (filter.Actor is { } actor)
        {
            query = query.Where(a => a.ActorName == actor);
        }

        if (filter.From is { } from)
        {
            var start = Times.StartOfDay(from);
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = Times.EndOfDay(to);
            query = query.Where(a => a.At < end);
        }

        return query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);
    }

    public static Task<Page<AuditEntry>> PageAsync(CerchioDb db, AuditFilter filter, int? page, CancellationToken ct = default) =>
        Filtered(db, filter).ToPageAsync(page, PageSize, PageSize, PageSize, ct);

    /// <summary>The changes JSON (property → [old, new]) as a list a person can read.</summary>
    public static IReadOnlyList<AuditChange> Changes(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            var changes = new List<AuditChange>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value is { ValueKind: JsonValueKind.Array } pair && pair.GetArrayLength() == 2)
                {
                    changes.Add(new AuditChange(property.Name, Text(pair[0]), Text(pair[1])));
                }
            }

            return changes;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
