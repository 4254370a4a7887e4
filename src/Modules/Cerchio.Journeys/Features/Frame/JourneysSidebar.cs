using Cerchio.Journeys.Features.Catalog;
using Cerchio.Tenancy;
using Cerchio.Ui.Frame;

namespace Cerchio.Journeys.Features.Frame;

/// <summary>
/// The sidebar's Viaggi del cliente: the journey maps, the touchpoint catalog with how many have no owner department,
/// the department's own touchpoints (for those in a department, or who may look at any), and the personas.
/// </summary>
internal sealed class JourneysSidebar(OrganizationContext tenant, TouchpointCatalog catalog, Owner.MyTouchpoints mine) : ISidebarSection
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
        if (mine.CanChoose || await mine.MyDepartmentAsync(ct) is not null)
        {
            links.Insert(2, new("I miei touchpoint", Owner.MyTouchpoints.Path) { Key = "my-touchpoints" });
        }

        return new SidebarSection("sidebar-viaggi", "Viaggi del cliente", [new SidebarGroup(null, null, links)]);
    }
}
