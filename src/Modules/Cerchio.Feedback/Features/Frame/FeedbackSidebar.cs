using Cerchio.Feedback.Features.Surveys;
using Cerchio.Tenancy;
using Cerchio.Ui.Frame;

namespace Cerchio.Feedback.Features.Frame;

/// <summary>The sidebar's Ascolto: the surveys, their answers, and the loops still to close (their count; red when some are overdue).</summary>
internal sealed class FeedbackSidebar(OrganizationContext tenant, Loops.Loops loops) : ISidebarSection
{
    public int Order => SidebarOrder.Feedback;

    public async Task<SidebarSection?> BuildAsync(CancellationToken ct = default)
    {
        if (!tenant.Can(Permissions.ViewFeedback))
        {
            return null;
        }

        var (open, overdue) = await loops.OpenCountAsync(ct);
        return new SidebarSection("sidebar-ascolto", "Ascolto", [new SidebarGroup(null, null,
        [
            new("Sondaggi", SurveyBook.ListPath) { Key = "surveys" },
            new("Risposte", "/ascolto/risposte") { Key = "answers" },
            new("Cerchi da chiudere", Loops.Loops.ListPath) { Key = "loops", Count = open, Urgent = overdue > 0 },
        ])]);
    }
}
