namespace Cerchio.Tenancy;

/// <summary>
/// Who is acting, and in which organization, for the current request or job. Scoped; set once by
/// authentication (cookie or API key) or by a job that works for one organization.
/// </summary>
public sealed class OrganizationContext
{
    public Guid? OrganizationId { get; private set; }
    public Guid? UserId { get; private set; }
    public string? ActorName { get; private set; }
    public Role? Role { get; private set; }

    public bool IsSet => OrganizationId is not null;

    public Guid RequiredOrganizationId =>
        OrganizationId ?? throw new InvalidOperationException("No organization is selected for this operation.");

    public void Set(Guid organizationId, Guid? userId, string? actorName, Role? role)
    {
        if (OrganizationId is { } current && current != organizationId)
        {
            throw new InvalidOperationException("The organization of a scope cannot change once set.");
        }

        OrganizationId = organizationId;
        UserId = userId;
        ActorName = actorName;
        Role = role;
    }

    /// <summary>
    /// The one rule for writing a row, whichever way it is written (SaveChanges or bulk insert): a new row without an
    /// organization gets the current one; a scope with an organization may only write its own rows. A scope without
    /// one (set-up, sign-in, system jobs) may write the rows it loaded or stamped explicitly.
    /// </summary>
    public void Stamp(IOrganizationScoped row, bool isNew)
    {
        if (isNew && row.OrganizationId == Guid.Empty)
        {
            row.OrganizationId = RequiredOrganizationId;
        }

        if (OrganizationId is { } current && row.OrganizationId != current)
        {
            throw new InvalidOperationException($"Refused to write {row.GetType().Name} of another organization.");
        }
    }

    public bool Can(string permission) => Role is { } r && Permissions.Allows(r, permission);

    /// <summary>How a person is named in the audit log and on records: the display name they chose and the account,
    /// which they cannot change, so nobody can act under someone else's name.</summary>
    public static string Actor(string displayName, string? email) =>
        string.IsNullOrEmpty(email) ? displayName : $"{displayName} <{email}>";
}
