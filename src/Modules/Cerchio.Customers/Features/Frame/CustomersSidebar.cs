using Cerchio.Tenancy;
using Cerchio.Ui.Frame;

namespace Cerchio.Customers.Features.Frame;

/// <summary>The sidebar's Clienti: the list, and the import for who may import. No counts: a number of customers asks nothing of anyone.</summary>
internal sealed class CustomersSidebar(OrganizationContext tenant) : ISidebarSection
{
    public int Order => SidebarOrder.Customers;

    public Task<SidebarSection?> BuildAsync(CancellationToken ct = default)
    {
        if (!tenant.Can(Permissions.ViewCustomers))
        {
            return Task.FromResult<SidebarSection?>(null);
        }

        var links = new List<SidebarLink> { new("Elenco clienti", "/clienti") { Key = "customers" } };
        if (tenant.Can(Permissions.ImportCustomers))
        {
            links.Add(new("Importa da Excel o CSV", "/clienti/importa") { Key = "customers-import" });
        }

        return Task.FromResult<SidebarSection?>(new SidebarSection("sidebar-clienti", "Clienti", [new SidebarGroup(null, null, links)]));
    }
}
