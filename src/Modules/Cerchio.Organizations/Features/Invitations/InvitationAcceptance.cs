using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Organizations.Features.Invitations;

internal sealed record OpenInvitation(Guid Id, Guid OrganizationId, string OrganizationName, string Email, Role Role, Guid? DepartmentId);

/// <summary>Finds an invitation by its link's token and makes the invited person a member.</summary>
internal sealed class InvitationAcceptance(CerchioDb db, IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>
    /// The open invitation of a token, or null when it is unknown, expired, revoked or used. The visitor has no
    /// organization yet, so the lookup goes past the organization filter, by the token's hash alone.
    /// </summary>
    public async Task<OpenInvitation?> FindOpenAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Invitation.HashToken(token);
        var invitation = await db.Set<Invitation>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null || !invitation.IsOpen(clock.GetUtcNow()))
        {
            return null;
        }

        var name = await db.Set<Organization>().IgnoreQueryFilters().Where(o => o.Id == invitation.OrganizationId)
            .Select(o => o.Name).FirstAsync(ct);
        return new OpenInvitation(invitation.Id, invitation.OrganizationId, name, invitation.Email, invitation.Role, invitation.DepartmentId);
    }

    /// <summary>
    /// Accepts the invitation for the person and gives them the invited role and department. Runs in a scope of
    /// the invitation's organization (the visitor may be signed in elsewhere), so stamping and audit apply as usual.
    /// Returns false when the invitation stopped being open meanwhile.
    /// </summary>
    public async Task<bool> AcceptAsync(OpenInvitation open, CerchioUser user, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OrganizationContext>().Set(open.OrganizationId, user.Id, OrganizationContext.Actor(user.DisplayName, user.Email), open.Role);
        var scopedDb = scope.ServiceProvider.GetRequiredService<CerchioDb>();
        var now = clock.GetUtcNow();

        var invitation = await scopedDb.Set<Invitation>().FirstOrDefaultAsync(i => i.Id == open.Id, ct);
        if (invitation is null || !invitation.IsOpen(now))
        {
            return false;
        }

        invitation.Accept(now);
        await RevokeOpenAsync(scopedDb, invitation.Email, now, ct);   // a second link must not bring the person back later
        var departmentId = open.DepartmentId is { } id && await scopedDb.Set<Department>().AnyAsync(d => d.Id == id, ct) ? open.DepartmentId : null;
        var membership = await scopedDb.Set<Membership>().FirstOrDefaultAsync(m => m.UserId == user.Id, ct);
        if (membership is null)
        {
            scopedDb.Add(new Membership
            {
                Id = Ids.New(),
                OrganizationId = open.OrganizationId,
                UserId = user.Id,
                Role = open.Role,
                DepartmentId = departmentId,
                CreatedAt = now,
            });
        }
        else if (!membership.IsActive)
        {
            // A former member invited again comes back with the invited role and department. An active member
            // (invited twice) keeps their role: an invitation never demotes anyone.
            membership.Reactivate();
            membership.Role = open.Role;
            membership.DepartmentId = departmentId;
        }

        await scopedDb.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Revokes every open invitation of the current organization for this email (accepted ones stay as they are).</summary>
    public static async Task RevokeOpenAsync(CerchioDb db, string email, DateTimeOffset now, CancellationToken ct = default)
    {
        var open = await db.Set<Invitation>().Where(i => i.Email.ToLower() == email.ToLower() && i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(ct);
        foreach (var invitation in open)
        {
            invitation.Revoke(now);
        }
    }
}
