using System.Reflection;
using System.Text.Json;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cerchio.Data.Audit;

/// <summary>
/// Before every save: stamps new rows with the current organization, refuses writes to another
/// organization's rows, and appends an <see cref="AuditEntry"/> for each change.
/// </summary>
public sealed class TenantStampingInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is not CerchioDb db)
        {
            return;
        }

        var tenant = db.Tenant;
        var now = clock.GetUtcNow();
        var audit = new List<AuditEntry>();

        foreach (var entry in db.ChangeTracker.Entries<IOrganizationScoped>().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            tenant.Stamp(entry.Entity, isNew: entry.State == EntityState.Added);

            if (!NotAudited(entry.Metadata.ClrType))
            {
                audit.Add(ToAudit(entry, tenant, now));
            }
        }

        db.AuditEntries.AddRange(audit);
    }

    /// <summary>
    /// What the log leaves out: the key and organization (the entry has them), when the row was written (the entry's
    /// time), values derived from others, and secrets (hashes of keys and tokens are never copied).
    /// </summary>
    private static bool Skipped(Microsoft.EntityFrameworkCore.Metadata.IProperty property) =>
        property.IsPrimaryKey()
        || property.Name is nameof(IOrganizationScoped.OrganizationId) or "CreatedAt" or "UpdatedAt"
        || property.Name.EndsWith("Hash", StringComparison.Ordinal)
        || (property.PropertyInfo is { } info && NotAudited(info));

    // Looked up on every save, for every row and property: read the attribute once per member.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MemberInfo, bool> NotAuditedMembers = new();

    private static bool NotAudited(MemberInfo member) =>
        NotAuditedMembers.GetOrAdd(member, m => m.IsDefined(typeof(NotAuditedAttribute), inherit: false));

    /// <summary>Values as people read them: enum names, ISO timestamps.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTimeOffset time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static AuditEntry ToAudit(EntityEntry<IOrganizationScoped> entry, OrganizationContext tenant, DateTimeOffset now)
    {
        var changes = new Dictionary<string, string?[]>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Skipped(property.Metadata))
            {
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added when property.CurrentValue is not null:
                    changes[name] = [null, Text(property.CurrentValue)];
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[name] = [Text(property.OriginalValue), Text(property.CurrentValue)];
                    break;
                case EntityState.Deleted when property.OriginalValue is not null:
                    changes[name] = [Text(property.OriginalValue), null];
                    break;
            }
        }

        var key = entry.Metadata.FindPrimaryKey()?.Properties
            .Select(p => entry.Property(p.Name).CurrentValue?.ToString()) ?? [];

        return new AuditEntry
        {
            Id = Ids.New(),
            OrganizationId = entry.Entity.OrganizationId,
            At = now,
            ActorId = tenant.UserId,
            ActorName = tenant.ActorName ?? "sistema",
            EntityType = entry.Metadata.ClrType.Name,
            EntityId = string.Join(",", key),
            Action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Deleted => AuditAction.Deleted,
                _ => AuditAction.Updated,
            },
            Changes = JsonSerializer.Serialize(changes),
        };
    }
}
