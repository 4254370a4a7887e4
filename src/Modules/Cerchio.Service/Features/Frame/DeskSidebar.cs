using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Desk;
using Cerchio.Service.Features.Inbox;
using Cerchio.Tenancy;
using Cerchio.Ui.Frame;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Frame;

/// <summary>
/// The sidebar's Assistenza: the inbox with its views and their counts (the inbox's own definitions and count query),
/// the person's tasks, complaints, the report, and the desk's settings for who may change them.
/// </summary>
internal sealed class DeskSidebar(InboxQuery inbox, DeskDirectory directory, CerchioDb db, OrganizationContext tenant) : ISidebarSection
{
    /// <summary>Views whose count asks for attention: drawn in red when not zero.</summary>
    private static readonly HashSet<InboxView> Urgent = [InboxView.DueSoon, InboxView.Complaints];

    public int Order => SidebarOrder.Service;

    public async Task<SidebarSection?> BuildAsync(CancellationToken ct = default)
    {
        if (!tenant.Can(Permissions.ViewCases))
        {
            return null;
        }

        var (_, counts) = await inbox.CurrentCountsAsync(ct);
        var views = InboxNames.Views
            .Select(v => new SidebarLink(v.Label, $"/assistenza?vista={v.Slug}")
            {
                Key = v.Slug,
                Count = counts.Views.TryGetValue(v.View, out var count) ? count : null,
                Urgent = Urgent.Contains(v.View),
            })
            .ToList();
        var links = new List<SidebarLink>
        {
            new("Posta in arrivo", "/assistenza") { Key = "inbox", Children = views, ChildrenId = "views" },
        };
        if (tenant.Can(Permissions.WorkCases))
        {
            var tasks = await db.Set<HandOff>().CountAsync(HandOffs.HandOffs.OpenFor(tenant.UserId, await directory.MyDepartmentAsync(ct)), ct);
            links.Add(new("Le mie attività", HandOffs.HandOffs.TaskListPath) { Key = "tasks", Count = tasks });
        }

        links.Add(new("Reclami", "/assistenza/reclami") { Key = "complaints" });
        links.Add(new("Report", "/assistenza/report") { Key = "report" });
        var groups = new List<SidebarGroup> { new(null, null, links) };
        if (tenant.Can(Permissions.ManageServiceDesk))
        {
            groups.Add(new("Impostazioni dell'assistenza", "desk-settings-links",
            [
                new("Orari e SLA", "/assistenza/impostazioni") { Key = "desk-settings" },
                new("Caselle email", "/assistenza/caselle") { Key = "mailboxes" },
                new("Risposte predefinite", "/assistenza/risposte-predefinite") { Key = "canned-replies" },
                new("Modulo contatti", "/assistenza/modulo-contatti") { Key = "contact-form" },
            ]));
        }

        return new SidebarSection("sidebar-assistenza", "Assistenza", groups);
    }
}
