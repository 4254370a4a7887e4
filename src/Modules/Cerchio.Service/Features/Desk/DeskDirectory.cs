using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;

namespace Cerchio.Service.Features.Desk;

/// <summary>The organization's people and departments as the desk pages need them: loaded once per request.</summary>
internal sealed class DeskDirectory(IOrganizationDirectory organizations, OrganizationContext tenant)
{
    private IReadOnlyList<MemberInfo>? _members;
    private IReadOnlyList<DepartmentInfo>? _departments;

    /// <summary>Every active member, by name.</summary>
    public async Task<IReadOnlyList<MemberInfo>> MembersAsync(CancellationToken ct = default) =>
        _members ??= await organizations.MembersAsync(ct);

    /// <summary>Who a case may be given to: the members whose role works cases (not the executives, who read).</summary>
    public async Task<IReadOnlyList<MemberInfo>> AssignableAsync(CancellationToken ct = default) =>
        (await MembersAsync(ct)).Where(m => Permissions.Allows(m.Role, Permissions.WorkCases)).ToList();

    public async Task<IReadOnlyList<DepartmentInfo>> DepartmentsAsync(CancellationToken ct = default) =>
        _departments ??= await organizations.DepartmentsAsync(ct);

    /// <summary>The department of the person signed in, if they have one.</summary>
    public async Task<Guid?> MyDepartmentAsync(CancellationToken ct = default) =>
        (await MembersAsync(ct)).FirstOrDefault(m => m.UserId == tenant.UserId)?.DepartmentId;

    /// <summary>The member a case may be given to, or null when the id names nobody who works cases here.</summary>
    public async Task<MemberInfo?> AssigneeAsync(Guid? userId, CancellationToken ct = default) =>
        userId is { } id ? (await AssignableAsync(ct)).FirstOrDefault(m => m.UserId == id) : null;

    public async Task<DepartmentInfo?> DepartmentAsync(Guid? departmentId, CancellationToken ct = default) =>
        departmentId is { } id ? (await DepartmentsAsync(ct)).FirstOrDefault(d => d.Id == id) : null;

    /// <summary>The member's name; null for nobody or for someone no longer active (the page says so).</summary>
    public async Task<string?> PersonNameAsync(Guid? userId, CancellationToken ct = default) =>
        userId is not { } id ? null : (await MembersAsync(ct)).FirstOrDefault(m => m.UserId == id)?.Name;

    public async Task<string?> DepartmentNameAsync(Guid? departmentId, CancellationToken ct = default) =>
        departmentId is not { } id ? null : (await DepartmentsAsync(ct)).FirstOrDefault(d => d.Id == id)?.Name;
}
