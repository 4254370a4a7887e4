using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Announcements;

/// <summary>
/// Who may write and publish announcements: administrators always, and the roles, department heads and departments
/// the organization chose (by default the CX lead, the referenti and every head; marketing or sales as a whole when it
/// adds them).
/// </summary>
internal sealed record PublisherRule(IReadOnlyList<Role> Roles, IReadOnlyList<Guid> Departments, bool Heads)
{
    public static PublisherRule Default { get; } = From(null);

    public bool Allows(Role role, Guid? departmentId, bool headsADepartment) =>
        role == Role.Administrator || Roles.Contains(role) || (Heads && headsADepartment) || (departmentId is { } d && Departments.Contains(d));

    public static PublisherRule From(DeskSettings? stored) => new(
        CommaList.Split(stored?.PublisherRoles ?? DeskSettings.DefaultPublisherRoles).Select(r => Enum.TryParse<Role>(r, out var role) ? role : 0).Where(r => r != 0).ToList(),
        CommaList.Split(stored?.PublisherDepartments ?? "").Select(d => Guid.TryParse(d, out var id) ? id : Guid.Empty).Where(d => d != Guid.Empty).ToList(),
        stored?.HeadsPublish ?? true);
}

/// <summary>The organization's <see cref="PublisherRule"/>: read, applied to the person signed in (once per request), and changed.</summary>
internal sealed class AnnouncementPublishers(CerchioDb db, OrganizationContext tenant, IOrganizationDirectory directory, TimeProvider clock)
{
    private bool? _me;

    public async Task<PublisherRule> RuleAsync(CancellationToken ct = default) =>
        PublisherRule.From(await db.Set<DeskSettings>().AsNoTracking().FirstOrDefaultAsync(ct));

    /// <summary>Whether the person signed in may write announcements.</summary>
    public async Task<bool> MayIAsync(CancellationToken ct = default)
    {
        if (_me is { } known)
        {
            return known;
        }

        if (tenant.UserId is not { } me || tenant.Role is not { } role || !tenant.Can(Permissions.ReadAnnouncements))
        {
            return (_me = false).Value;
        }

        if (role == Role.Administrator)
        {
            return (_me = true).Value;
        }

        var rule = await RuleAsync(ct);
        var department = (await directory.MembersAsync(ct)).FirstOrDefault(m => m.UserId == me)?.DepartmentId;
        var heads = rule.Heads && (await directory.DepartmentsAsync(ct)).Any(d => d.HeadUserId == me);
        return (_me = rule.Allows(role, department, heads)).Value;
    }

    /// <summary>Stores the rule (the audit log keeps the change). Departments not of the organization are refused (field <c>Departments</c>).</summary>
    public async Task<Errors> SaveAsync(PublisherRule rule, CancellationToken ct = default)
    {
        var errors = new Errors();
        var known = (await directory.DepartmentsAsync(ct)).Select(d => d.Id).ToHashSet();
        if (rule.Departments.Any(d => !known.Contains(d)))
        {
            return errors.Add("Departments", "Scegli reparti dell'organizzazione.");
        }

        var stored = await db.Set<DeskSettings>().FirstOrDefaultAsync(ct);
        if (stored is null)
        {
            // The desk's own settings stay the defaults they were.
            stored = new DeskSettings { OrganizationId = tenant.OrganizationId!.Value, Calendar = DeskSettings.Write(CalendarSettings.ItalianDefault), SlaPolicy = DeskSettings.Write(SlaPolicy.ItalianDefault) };
            db.Add(stored);
        }

        stored.PublisherRoles = CommaList.Join(rule.Roles.Where(r => r != Role.Administrator).Distinct().Order().Select(r => r.ToString()));
        stored.PublisherDepartments = CommaList.Join(rule.Departments.Distinct().Select(d => d.ToString()));
        stored.HeadsPublish = rule.Heads;
        stored.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        _me = null;
        return errors;
    }
}
