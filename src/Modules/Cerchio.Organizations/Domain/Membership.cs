using Cerchio.Tenancy;

namespace Cerchio.Organizations.Domain;

/// <summary>A person in an organization, with a role and a department. A person may have several.</summary>
internal sealed class Membership : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public Role Role { get; set; }
    public Guid? DepartmentId { get; set; }
    public string? JobTitle { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

    public Organization? Organization { get; set; }
    public Department? Department { get; set; }
}
