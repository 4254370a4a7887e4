using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Cerchio.Ui.Frame;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Organizations.Features.Frame;

/// <summary>The sidebar's Amministrazione, at the bottom: the same pages as the administration page's cards.</summary>
internal sealed class AdministrationSidebar(OrganizationContext tenant) : ISidebarSection
{
    public int Order => SidebarOrder.Administration;

    public Task<SidebarSection?> BuildAsync(CancellationToken ct = default)
    {
        if (!tenant.Can(Permissions.ManageOrganization))
        {
            return Task.FromResult<SidebarSection?>(null);
        }

        var links = new List<SidebarLink>
        {
            new("Panoramica", "/amministrazione") { Key = "administration" },
            new("Organizzazione", "/amministrazione/organizzazione") { Key = "organization" },
            new("Reparti", "/amministrazione/reparti") { Key = "departments" },
            new("Persone", "/amministrazione/persone") { Key = "people" },
            new("Chiavi API", "/amministrazione/chiavi-api") { Key = "api-keys" },
        };
        if (tenant.Can(Permissions.ViewAudit))
        {
            links.Add(new("Registro attività", "/amministrazione/registro") { Key = "audit" });
        }

        return Task.FromResult<SidebarSection?>(new SidebarSection("sidebar-amministrazione", "Amministrazione", [new SidebarGroup(null, null, links)]));
    }
}

/// <summary>"Invite the team": ticked once anyone else is a member or has been invited (an invitation not withdrawn).</summary>
internal sealed class AdministrationFirstSteps(CerchioDb db, OrganizationContext tenant) : IFirstSteps
{
    public async Task<IReadOnlyList<FirstStep>> StepsAsync(CancellationToken ct = default)
    {
        if (!tenant.Can(Permissions.ManageOrganization))
        {
            return [];
        }

        var me = tenant.UserId;
        var done = await db.Set<Membership>().AnyAsync(m => m.UserId != me, ct)
            || await db.Set<Invitation>().AnyAsync(i => i.RevokedAt == null, ct);
        return [new("team", 20, "Invita le persone del team", "/amministrazione/persone", done)];
    }
}
