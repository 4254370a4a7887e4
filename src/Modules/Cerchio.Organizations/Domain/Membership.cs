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

    private bool IsActiveAdministrator => IsActive && Role == Role.Administrator;

    /// <summary>
    /// Changes role and department. <paramref name="actingUserId"/> is who does it; <paramref name="activeAdministrators"/>
    /// counts the organization's active administrators, this membership included.
    /// </summary>
    public Errors Change(Role role, Guid? departmentId, Guid actingUserId, int activeAdministrators)
    {
        var errors = new Errors();
        if (!Enum.IsDefined(role))
        {
            return errors.Add("Role", "Ruolo non valido.");
        }

        if (role != Role.Administrator && IsActiveAdministrator)
        {
            CheckAdministratorLeaves(errors, "Role", actingUserId, activeAdministrators);
        }

        if (!errors.Any)
        {
            Role = role;
            DepartmentId = departmentId;
        }

        return errors;
    }

    /// <summary>Takes away access to the organization; the person and their history stay.</summary>
    public Errors Deactivate(Guid actingUserId, int activeAdministrators)
    {
        var errors = new Errors();
        if (UserId == actingUserId)
        {
            return errors.Add("IsActive", "Non puoi disattivare te stesso.");
        }

        if (IsActiveAdministrator)
        {
            CheckAdministratorLeaves(errors, "IsActive", actingUserId, activeAdministrators);
        }

        if (!errors.Any)
        {
            IsActive = false;
        }

        return errors;
    }

    public void Reactivate() => IsActive = true;

    // An administrator cannot demote themself, and the organization always keeps one active administrator.
    private void CheckAdministratorLeaves(Errors errors, string field, Guid actingUserId, int activeAdministrators)
    {
        if (UserId == actingUserId)
        {
            errors.Add(field, "Non puoi togliere a te stesso il ruolo di amministratore.");
        }
        else if (activeAdministrators <= 1)
        {
            errors.Add(field, "L'organizzazione deve avere almeno un amministratore attivo.");
        }
    }
}
