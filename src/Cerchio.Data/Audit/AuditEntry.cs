using Cerchio.Tenancy;

namespace Cerchio.Data.Audit;

/// <summary>Who changed what, and when: written by <see cref="TenantStampingInterceptor"/> on every save.</summary>
[NotAudited]
public sealed class AuditEntry : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public AuditAction Action { get; set; }

    /// <summary>JSON object: property → [old, new].</summary>
    public string Changes { get; set; } = "{}";
}

public enum AuditAction
{
    Created = 1,
    Updated = 2,
    Deleted = 3,
}
