using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Organizations.Features.People;

internal sealed record MemberRow(Guid Id, Guid UserId, string Name, string Email, Role Role, Guid? DepartmentId, string? Department, bool IsActive);

internal static class PeopleQueries
{
    /// <summary>The current organization's members (the query filter scopes memberships), with their person and department.</summary>
    public static IQueryable<MemberRow> Members(CerchioDb db) =>
        from m in db.Set<Membership>()
        join u in db.Users on m.UserId equals u.Id
        select new MemberRow(m.Id, u.Id, u.DisplayName, u.Email ?? "", m.Role, m.DepartmentId, (string?)m.Department!.Name, m.IsActive);

    public static Task<int> ActiveAdministratorsAsync(CerchioDb db, CancellationToken ct = default) =>
        db.Set<Membership>().CountAsync(m => m.IsActive && m.Role == Role.Administrator, ct);

    /// <summary>Roles in the order people think of them, for the selects.</summary>
    public static readonly Role[] Roles = [Role.Administrator, Role.Executive, Role.CxLead, Role.TeamMember, Role.Agent];
}
