using Cerchio.Journeys.Features.Catalog;
using Cerchio.Tenancy;
using Cerchio.Ui.Frame;

namespace Cerchio.Journeys.Features.Frame;

/// <summary>The sidebar's Viaggi del cliente: the journey maps, the touchpoint catalog with how many have no owner department, and the personas.</summary>
internal sealed class JourneysSidebar(OrganizationContext tenant, TouchpointCatalog catalog) : ISidebarSection
{
    public int Order => SidebarOrder.Journeys;

    public async Task<SidebarSection?> BuildAsync(CancellationToken ct = default)
    {
        if (!tenant.Can(Permissions.ViewJourneys))
        {
            return null;
        }

        var orphans = (await catalog.AllAsync(ct)).Count(t => !t.IsArchived && t.OwnerDepartmentId is null);
        List<SidebarLink> links =
        [
            new("Mappe", Maps.JourneyBook.ListPath) { Key = "journeys" },
            new("Touchpoint", TouchpointCatalog.ListPath) { Key = "touchpoints", Count = orphans, Urgent = orphans > 0 },
            new("Personas", Personas.Personas.ListPath) { Key = "personas" },
        ];
        return new SidebarSection("sidebar-viaggi", "Viaggi del cliente", [new SidebarGroup(null, null, links)]);
    }
}
