namespace Cerchio.Tenancy;

/// <summary>A row that belongs to exactly one organization. Reads are filtered, writes stamped (see CerchioDb).</summary>
public interface IOrganizationScoped
{
    Guid OrganizationId { get; set; }
}

/// <summary>
/// Kept out of the audit log: on a class, rows whose changes are records themselves (timeline events, job
/// progress); on a property, values derived from others (a search text) that would only repeat them.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;
