using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cerchio.Organizations.Features.People;

internal sealed record MemberRow(Guid Id, Guid UserId, string Name, string Email, Role Role, Guid? DepartmentId, string? Department, bool IsActive);

internal static class PeopleQueries
{
    /// <summary>
    /// The current organization's members (the query filter scopes memberships), with their person and department;
    /// active first, then by name. A few hundred at most, so sorted in memory, in the request culture.
    /// </summary>
    public static async Task<List<MemberRow>> MembersAsync(CerchioDb db, Guid? membershipId = null, CancellationToken ct = default)
    {
        var memberships = db.Set<Membership>().AsQueryable();
        if (membershipId is { } id)
        {
            memberships = memberships.Where(m => m.Id == id);
        }

        var rows = await (from m in memberships
                          join u in db.Users on m.UserId equals u.Id
                          select new MemberRow(m.Id, u.Id, u.DisplayName, u.Email ?? "", m.Role, m.DepartmentId, (string?)m.Department!.Name, m.IsActive))
            .ToListAsync(ct);
        return rows.OrderByDescending(m => m.IsActive).ThenBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>
    /// Changes to who administers the organization run one at a time per organization, so the count of
    /// administrators read inside the transaction is still true when it commits (two administrators demoting each
    /// other at the same moment cannot leave none). PostgreSQL locks the organization's row; SQLite's transactions
    /// take the database's write lock as they begin.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginAdministratorChangeAsync(CerchioDb db, CancellationToken ct = default)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!db.IsSqlite)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Organizations\" WHERE \"Id\" = {db.CurrentOrganizationId} FOR UPDATE", ct);
        }

        return transaction;
    }

    public static Task<int> ActiveAdministratorsAsync(CerchioDb db, CancellationToken ct = default) =>
        db.Set<Membership>().CountAsync(m => m.IsActive && m.Role == Role.Administrator, ct);

    /// <summary>Roles in the order people think of them, for the selects.</summary>
    public static readonly Role[] Roles = [Role.Administrator, Role.Executive, Role.CxLead, Role.TeamMember, Role.Agent];
}
