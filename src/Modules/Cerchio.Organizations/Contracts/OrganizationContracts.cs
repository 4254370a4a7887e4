using Cerchio.Tenancy;

namespace Cerchio.Organizations.Contracts;

public sealed record MembershipInfo(Guid OrganizationId, string OrganizationName, Role Role, string? DepartmentName);

public sealed record ApiCaller(Guid OrganizationId, Guid KeyId, string KeyName);

/// <param name="HeadUserId">The person who answers for the department (its head), if one is named.</param>
public sealed record DepartmentInfo(Guid Id, string Name, Guid? HeadUserId = null);

/// <summary>How to write to a member: their address, and the language they chose ("it" or "en"; null: not chosen).</summary>
public sealed record MemberContact(Guid UserId, string Name, string Email, string? Language);

/// <summary>A person of the current organization as other modules show and pick them (an assignee, a filter).</summary>
public sealed record MemberInfo(Guid UserId, string Name, Role Role, Guid? DepartmentId);

/// <summary>What a public page (the contact form) may show of an organization found by its slug.</summary>
public sealed record PublicOrganization(Guid Id, string Name, string Language, string Slug);

public sealed record NewOrganization(string Name, string? VatNumber, string Language, bool IsDemo = false);

/// <param name="HeadsDepartment">The person becomes the head of <paramref name="Department"/> (SLA alerts and complaints reach them).</param>
public sealed record NewPerson(string DisplayName, string Email, string Password, Role Role, string? Department, string? JobTitle = null, bool HeadsDepartment = false);

/// <summary>What the host and other modules may ask about organizations and people.</summary>
public interface IOrganizationDirectory
{
    /// <summary>The active memberships of a person, any organization; the sign-in and the organization switcher use it.</summary>
    Task<IReadOnlyList<MembershipInfo>> MembershipsOfAsync(Guid userId, CancellationToken ct = default);

    /// <summary>The organization an API key belongs to, or null when the key is unknown or revoked.</summary>
    Task<ApiCaller?> AuthenticateApiKeyAsync(string plainKey, CancellationToken ct = default);

    /// <summary>The current organization's active departments.</summary>
    Task<IReadOnlyList<DepartmentInfo>> DepartmentsAsync(CancellationToken ct = default);

    /// <summary>The current organization's active members, by name.</summary>
    Task<IReadOnlyList<MemberInfo>> MembersAsync(CancellationToken ct = default);

    /// <summary>The department of one active member, read alone (the sidebar asks on every page).</summary>
    Task<Guid?> DepartmentOfAsync(Guid userId, CancellationToken ct = default);

    Task<bool> AnyUserAsync(CancellationToken ct = default);

    /// <summary>
    /// The organization a public address names, whatever organization (if any) the caller is in: public pages have
    /// none. Null for an unknown slug.
    /// </summary>
    Task<PublicOrganization?> FindBySlugAsync(string slug, CancellationToken ct = default);

    /// <summary>
    /// Where a public page (a survey) finds this organization's logo, any organization: public pages have none; null
    /// when it has no logo. The address changes with the logo.
    /// </summary>
    Task<string?> LogoPathAsync(Guid organizationId, CancellationToken ct = default);

    /// <summary>The current organization's public slug.</summary>
    Task<string> SlugAsync(CancellationToken ct = default);

    /// <summary>The current organization's name.</summary>
    Task<string> NameAsync(CancellationToken ct = default);

    /// <summary>Where to write to these members of the current organization (people of other organizations are left out).</summary>
    Task<IReadOnlyDictionary<Guid, string>> EmailsOfMembersAsync(IEnumerable<Guid> userIds, CancellationToken ct = default);

    /// <summary>Address, name and language of these active members of the current organization (others are left out).</summary>
    Task<IReadOnlyList<MemberContact>> ContactsOfMembersAsync(IEnumerable<Guid> userIds, CancellationToken ct = default);
}

/// <summary>Creates organizations with their defaults, people in them, and API keys.</summary>
public interface IOrganizationProvisioning
{
    Errors Validate(NewOrganization organization);

    /// <summary>Validates everything first; creates nothing when there are errors.</summary>
    Task<(Guid? OrganizationId, Errors Errors)> CreateAsync(NewOrganization organization, Guid administratorUserId, CancellationToken ct = default);

    /// <summary>Creates (or finds by email) a person and makes them a member of the current organization.</summary>
    Task<(Guid? UserId, Errors Errors)> AddPersonAsync(NewPerson person, CancellationToken ct = default);

    /// <summary>Issues an API key for the current organization; the plain key is returned once.</summary>
    Task<string> IssueApiKeyAsync(string name, CancellationToken ct = default);

    Task<Guid?> FindDemoOrganizationAsync(CancellationToken ct = default);
}
