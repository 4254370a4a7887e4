using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Inbox;
using Cerchio.Tenancy;
using Cerchio.Ui.Frame;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Frame;

/// <summary>
/// The desk's answer to "what should I do now?" on the home page. By role: an agent sees their open cases by SLA due
/// and the answers to their hand-offs; a department person the requests for them or their department; the CX lead,
/// the administrator and the executives how many complaints and breaches are open. Anyone also sees the other parts
/// when they hold something there.
/// </summary>
internal sealed class DeskHome(InboxQuery inbox, CerchioDb db, OrganizationContext tenant) : IHomePanel
{
    private const int Rows = 5;

    public int Order => SidebarOrder.Service;

    public async Task<RenderFragment?> BuildAsync(CancellationToken ct = default)
    {
        if (!tenant.Can(Permissions.ViewCases))
        {
            return null;
        }

        var (moment, counts) = await inbox.CurrentCountsAsync(ct);
        var role = tenant.Role;
        int? breached = role is Role.Administrator or Role.CxLead or Role.Executive ? counts.Breached : null;
        IReadOnlyList<Case>? mine = null;
        List<(HandOff, Case)>? tasks = null;
        List<(HandOff, Case)>? answers = null;
        if (tenant.Can(Permissions.WorkCases))
        {
            var me = tenant.UserId;
            if (role == Role.Agent || counts.Views.GetValueOrDefault(InboxView.Mine) > 0)
            {
                mine = (await inbox.PageAsync(new InboxFilter(InboxView.Mine, InboxSort.SlaDue), moment, null, Rows, ct)).Items;
            }

            var open = await (from h in db.Set<HandOff>().AsNoTracking().Where(HandOffs.HandOffs.OpenFor(me, moment.MyDepartment))
                              join c in db.Set<Case>().AsNoTracking() on h.CaseId equals c.Id
                              orderby h.DueAt
                              select new { h, c }).Take(Rows).ToListAsync(ct);
            if (role == Role.TeamMember || open.Count > 0)
            {
                tasks = open.Select(r => (r.h, r.c)).ToList();
            }

            var since = moment.Now - InboxQuery.Recent;
            var answered = await (from h in db.Set<HandOff>().AsNoTracking()
                                  join c in db.Set<Case>().AsNoTracking() on h.CaseId equals c.Id
                                  where h.RequestedById == me && h.Status == HandOffStatus.Answered && h.AnsweredAt >= since
                                  orderby h.AnsweredAt descending
                                  select new { h, c }).Take(Rows).ToListAsync(ct);
            if (role == Role.Agent || answered.Count > 0)
            {
                answers = answered.Select(r => (r.h, r.c)).ToList();
            }
        }

        // The panel reads the model from this scoped instance: its parameters could not carry the module's internal types.
        Model = new DeskHomeModel(moment, counts.Views, breached, mine, tasks, answers);
        return builder =>
        {
            builder.OpenComponent<DeskHomePanel>(0);
            builder.CloseComponent();
        };
    }

    /// <summary>What <see cref="BuildAsync"/> loaded for this request.</summary>
    public DeskHomeModel? Model { get; private set; }
}

/// <summary>What the panel draws; a part left null is not for this person.</summary>
/// <param name="Breached">Open cases past their due time, for those who oversee the desk.</param>
internal sealed record DeskHomeModel(
    InboxMoment Moment,
    IReadOnlyDictionary<InboxView, int> Counts,
    int? Breached,
    IReadOnlyList<Case>? Mine,
    IReadOnlyList<(HandOff HandOff, Case Case)>? Tasks,
    IReadOnlyList<(HandOff HandOff, Case Case)>? Answers);
