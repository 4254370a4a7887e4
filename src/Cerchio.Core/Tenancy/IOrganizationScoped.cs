namespace Cerchio.Tenancy;

/// <summary>A row that belongs to exactly one organization. Reads are filtered, writes stamped (see CerchioDb).</summary>
public interface IOrganizationScoped
{
    Guid OrganizationId { get; set; }
}

/// <summary>Rows whose changes are records themselves (timeline events, job progress): kept out of the audit log.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotAuditedAttribute : Attribute;
