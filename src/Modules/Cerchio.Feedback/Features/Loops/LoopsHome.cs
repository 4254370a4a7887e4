using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;
using Cerchio.Ui.Frame;
using Microsoft.AspNetCore.Components;

namespace Cerchio.Feedback.Features.Loops;

/// <summary>
/// The loops on the home page: a department's people see the loops their department must close, the most urgent
/// first; the CX lead, the administrator and the executives how many are open and overdue, and the closure rate.
/// </summary>
internal sealed class LoopsHome(Loops loops, IOrganizationDirectory directory, Scores.SurveyResults results, OrganizationContext tenant) : IHomePanel
{
    private const int Rows = 5;

    public int Order => SidebarOrder.Feedback;

    public async Task<RenderFragment?> BuildAsync(CancellationToken ct = default)
    {
        if (!tenant.Can(Permissions.ViewFeedback))
        {
            return null;
        }

        List<LoopView>? mine = null;
        if (tenant.Can(Permissions.WorkLoops) && tenant.UserId is { } me && await directory.DepartmentOfAsync(me, ct) is { } department)
        {
            var (rows, _) = await loops.ListAsync(new LoopFilter(DepartmentId: department), 0, Rows, ct);
            if (tenant.Role == Role.TeamMember || rows.Count > 0)
            {
                mine = rows;
            }
        }

        Contracts.LoopClosureDto? overview = null;
        if (tenant.Role is Role.Administrator or Role.CxLead or Role.Executive)
        {
            var today = await results.TodayAsync(ct);
            var (start, end) = await results.RangeAsync(today.AddDays(-89), today, ct);
            overview = (await loops.ClosureAsync(start, end, ct)).Whole;
        }

        if (mine is null && overview is null)
        {
            return null;
        }

        // The panel reads the model from this scoped instance: its parameters could not carry the module's internal types.
        Model = new LoopsHomeModel(mine, overview, (await loops.OpenCountAsync(ct)).Overdue);
        return builder =>
        {
            builder.OpenComponent<LoopsHomePanel>(0);
            builder.CloseComponent();
        };
    }

    public LoopsHomeModel? Model { get; private set; }
}

/// <param name="Mine">The open loops of the person's department, most urgent first; null when not theirs to see.</param>
/// <param name="Overview">The last 90 days' closure, for those who oversee the program.</param>
internal sealed record LoopsHomeModel(List<LoopView>? Mine, Contracts.LoopClosureDto? Overview, int Overdue);
