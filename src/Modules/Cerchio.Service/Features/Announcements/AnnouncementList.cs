using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Announcements;

/// <param name="Mine">What the person has done with it, as an Italian label: "Da confermare", "Da leggere", "Confermato", "Letto", or "—" outside its audience.</param>
/// <param name="ToDo">Still to read or to acknowledge: drawn first, and in bold.</param>
/// <param name="Coverage">For those who write announcements: its audience and who was informed before the launch.</param>
internal sealed record AnnouncementRow(Announcement Announcement, string Mine, bool ToDo, Coverage? Coverage);

/// <summary>The announcements a person sees: their own to-do first, then the newest launch; and what the banner and the sidebar count.</summary>
internal sealed class AnnouncementList(CerchioDb db, OrganizationContext tenant, AnnouncementPublishers publishers)
{
    public const int MaxRows = 200;

    /// <summary>Published announcements the person has still to read, or to acknowledge when that is asked.</summary>
    public IQueryable<Announcement> ToDoQuery()
    {
        var me = tenant.UserId;
        return from r in db.Set<AnnouncementReceipt>()
               where r.UserId == me && r.AcknowledgedAt == null
               join a in db.Set<Announcement>() on r.AnnouncementId equals a.Id
               where a.Status == AnnouncementStatus.Published && (a.RequiresAcknowledgement || r.ReadAt == null)
               select a;
    }

    public async Task<List<AnnouncementRow>> ForMeAsync(CancellationToken ct = default)
    {
        var me = tenant.UserId;
        var writer = await publishers.MayIAsync(ct);
        var announcements = await db.Set<Announcement>().AsNoTracking()
            .Where(a => a.Status != AnnouncementStatus.Draft || writer)
            .OrderByDescending(a => a.EffectiveAt)
            .Take(MaxRows)
            .ToListAsync(ct);
        var ids = announcements.Select(a => a.Id).ToList();
        var receipts = await db.Set<AnnouncementReceipt>().AsNoTracking()
            .Where(r => ids.Contains(r.AnnouncementId) && (writer || r.UserId == me))
            .ToListAsync(ct);
        var byAnnouncement = receipts.ToLookup(r => r.AnnouncementId);
        return announcements
            .Select(a =>
            {
                var mine = byAnnouncement[a.Id].FirstOrDefault(r => r.UserId == me);
                var (label, todo) = mine switch
                {
                    null => ("—", false),
                    { AcknowledgedAt: not null } => ("Confermato", false),
                    _ when a.Status != AnnouncementStatus.Published => (mine.ReadAt is null ? "—" : "Letto", false),
                    _ when a.RequiresAcknowledgement => ("Da confermare", true),
                    { ReadAt: null } => ("Da leggere", true),
                    _ => ("Letto", false),
                };
                return new AnnouncementRow(a, label, todo, writer && a.Status != AnnouncementStatus.Draft ? Coverage.Of(a, byAnnouncement[a.Id].ToList()) : null);
            })
            .OrderByDescending(r => r.ToDo)
            .ToList();
    }
}
