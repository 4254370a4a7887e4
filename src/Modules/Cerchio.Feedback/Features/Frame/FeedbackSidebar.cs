using Cerchio.Feedback.Features.Surveys;
using Cerchio.Tenancy;
using Cerchio.Ui.Frame;

namespace Cerchio.Feedback.Features.Frame;

/// <summary>The sidebar's Ascolto: the surveys and their answers.</summary>
internal sealed class FeedbackSidebar(OrganizationContext tenant) : ISidebarSection
{
    public int Order => SidebarOrder.Feedback;

    public Task<SidebarSection?> BuildAsync(CancellationToken ct = default) => Task.FromResult(tenant.Can(Permissions.ViewFeedback)
        ? new SidebarSection("sidebar-ascolto", "Ascolto", [new SidebarGroup(null, null,
        [
            new("Sondaggi", SurveyBook.ListPath) { Key = "surveys" },
            new("Risposte", "/ascolto/risposte") { Key = "answers" },
        ])])
        : null);
}
