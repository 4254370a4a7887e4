using Cerchio.Tenancy;
using Cerchio.Ui.Frame;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Announcements;

/// <summary>
/// Announcements in the frame: the banner while the person has some to read or acknowledge, and the sidebar's
/// Comunicazioni with their count (and the knowledge base). Both read the one to-do query, once per page.
/// </summary>
internal sealed class AnnouncementFrame(AnnouncementList list, OrganizationContext tenant) : IFrameBanner, ISidebarSection
{
    public int Order => SidebarOrder.Communications;

    private List<(Guid Id, string Title, DateTimeOffset EffectiveAt, bool Acknowledge)>? _toDo;

    private async Task<List<(Guid Id, string Title, DateTimeOffset EffectiveAt, bool Acknowledge)>> ToDoAsync(CancellationToken ct) =>
        _toDo ??= (await list.ToDoQuery().AsNoTracking().OrderBy(a => a.EffectiveAt).Take(50)
            .Select(a => new { a.Id, a.Title, a.EffectiveAt, a.RequiresAcknowledgement }).ToListAsync(ct))
            .Select(a => (a.Id, a.Title, a.EffectiveAt, a.RequiresAcknowledgement)).ToList();

    async Task<RenderFragment?> IFrameBanner.BuildAsync(string path, CancellationToken ct)
    {
        if (!tenant.Can(Permissions.ReadAnnouncements))
        {
            return null;
        }

        // Not the announcement the page shows: the person is reading it (the page marks it read after the frame is built).
        var toDo = (await ToDoAsync(ct)).Where(a => !path.StartsWith(Announcements.PageOf(a.Id), StringComparison.OrdinalIgnoreCase)).ToList();
        if (toDo.Count == 0)
        {
            return null;
        }

        var first = toDo[0];
        return builder =>
        {
            builder.OpenComponent<AnnouncementBanner>(0);
            builder.AddComponentParameter(1, nameof(AnnouncementBanner.Title), first.Title);
            builder.AddComponentParameter(2, nameof(AnnouncementBanner.Href), Announcements.PageOf(first.Id));
            builder.AddComponentParameter(3, nameof(AnnouncementBanner.EffectiveAt), first.EffectiveAt);
            builder.AddComponentParameter(4, nameof(AnnouncementBanner.Acknowledge), first.Acknowledge);
            builder.AddComponentParameter(5, nameof(AnnouncementBanner.More), toDo.Count - 1);
            builder.CloseComponent();
        };
    }

    async Task<SidebarSection?> ISidebarSection.BuildAsync(CancellationToken ct)
    {
        if (!tenant.Can(Permissions.ReadAnnouncements))
        {
            return null;
        }

        var toDo = await ToDoAsync(ct);
        List<SidebarLink> links = [new("Annunci", Announcements.ListPath) { Key = "announcements", Count = toDo.Count, Urgent = toDo.Any(a => a.Acknowledge) }];
        if (tenant.Can(Permissions.ReadKnowledge))
        {
            links.Add(new("Conoscenza", Knowledge.KnowledgeBase.ListPath) { Key = "knowledge" });
        }

        return new SidebarSection("sidebar-comunicazioni", "Comunicazioni", [new(null, null, links)]);
    }
}
