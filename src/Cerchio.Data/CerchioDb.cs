using System.Linq.Expressions;
using System.Reflection;
using Cerchio.Data.Audit;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cerchio.Data;

/// <summary>The assemblies whose IEntityTypeConfiguration classes make up the one model (one per module).</summary>
public sealed record CerchioModel(IReadOnlyList<Assembly> Assemblies);

/// <summary>
/// The one DbContext. Every <see cref="IOrganizationScoped"/> entity gets a query filter on the current
/// organization, so a query can only see another organization's rows through IgnoreQueryFilters.
/// </summary>
public sealed class CerchioDb(DbContextOptions<CerchioDb> options, OrganizationContext tenant, CerchioModel model)
    : IdentityDbContext<CerchioUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public OrganizationContext Tenant { get; } = tenant;

    /// <summary>Read by the query filters; EF turns it into a parameter per query. Empty matches nothing.</summary>
    public Guid CurrentOrganizationId => Tenant.OrganizationId ?? Guid.Empty;

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The key ring that signs cookies and antiforgery tokens, shared by every app instance and kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>
    /// The current organization's rows among these ids, projected: looked up by primary key alone, then kept to the
    /// organization here. With the organization's equality in the SQL and more than a few ids, SQLite without
    /// statistics walks the organization's index instead of the key (25 ms for 50 customers of 20,000; ADR 0013).
    /// </summary>
    public async Task<List<TResult>> ByIdsAsync<T, TResult>(IReadOnlyCollection<Guid> ids, Expression<Func<T, TResult>> select, CancellationToken ct = default)
        where T : class, IOrganizationScoped
    {
        if (ids.Count == 0)
        {
            return [];
        }

        // e => new KeyValuePair<Guid, TResult>(e.OrganizationId, <select's body>)
        var e = select.Parameters[0];
        var pair = Expression.Lambda<Func<T, KeyValuePair<Guid, TResult>>>(
            Expression.New(
                typeof(KeyValuePair<Guid, TResult>).GetConstructor([typeof(Guid), typeof(TResult)])!,
                Expression.Property(e, nameof(IOrganizationScoped.OrganizationId)),
                select.Body),
            e);
        var organizationId = CurrentOrganizationId;
        var rows = await Set<T>().IgnoreQueryFilters().Where(x => ids.Contains(EF.Property<Guid>(x, "Id"))).Select(pair).ToListAsync(ct);
        return rows.Where(r => r.Key == organizationId && organizationId != Guid.Empty).Select(r => r.Value).ToList();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // SQLite has no timestamp type: store UTC ticks so ordering and range filters run in the database.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<CerchioUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.Language).HasMaxLength(5);
        });

        builder.Entity<AuditEntry>(audit =>
        {
            audit.Property(a => a.ActorName).HasMaxLength(200);
            audit.Property(a => a.EntityType).HasMaxLength(100);
            audit.Property(a => a.EntityId).HasMaxLength(100);
            audit.HasIndex(a => new { a.OrganizationId, a.At });
            audit.HasIndex(a => new { a.OrganizationId, a.EntityType, a.EntityId });
        });

        // The platform's own tables (the outbox); then each module's.
        builder.ApplyConfigurationsFromAssembly(typeof(CerchioDb).Assembly);
        foreach (var assembly in model.Assemblies)
        {
            builder.ApplyConfigurationsFromAssembly(assembly);
        }

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (typeof(IOrganizationScoped).IsAssignableFrom(entity.ClrType) && entity.BaseType is null)
            {
                builder.Entity(entity.ClrType).HasQueryFilter(OrganizationFilter(entity.ClrType));
                builder.Entity(entity.ClrType).HasIndex(nameof(IOrganizationScoped.OrganizationId));
            }
        }
    }

    // e => e.OrganizationId == this.CurrentOrganizationId
    private LambdaExpression OrganizationFilter(Type type)
    {
        var e = Expression.Parameter(type, "e");
        var body = Expression.Equal(
            Expression.Property(e, nameof(IOrganizationScoped.OrganizationId)),
            Expression.Property(Expression.Constant(this), nameof(CurrentOrganizationId)));
        return Expression.Lambda(body, e);
    }
}
