using Cerchio.Data;
using Cerchio.Feedback.Contracts;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.Loops;
using Cerchio.Feedback.Features.Scores;
using Cerchio.Tenancy;
using Cerchio.Ui.Frame;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Feedback.Features.CustomerVoice;

/// <summary>One person's latest NPS for the customer: who (the invitation's name or address), what, when.</summary>
internal sealed record RespondentScore(string? Name, string? Email, int Score, DateTimeOffset AnsweredAt, Guid AnswerId);

/// <summary>
/// What a customer said: the relationship NPS (for a company, from several of its contacts), each respondent's latest
/// score, the latest answers with their analysis, and the loops still open with it.
/// </summary>
/// <param name="From">The first day counted (in the organization's time zone); the last is today.</param>
/// <param name="FromRelationshipSurveys">The relationship NPS counts only relationship surveys' answers (the customer answered one).</param>
internal sealed record CustomerVoiceView(
    ScoreResult Relationship, IReadOnlyList<RespondentScore> Respondents, IReadOnlyList<AnswerRow> Latest, IReadOnlyList<LoopView> OpenLoops, DateOnly From, DateOnly To,
    bool FromRelationshipSurveys = false);

/// <summary>
/// The voice of one customer. The relationship NPS counts each respondent once, with their latest NPS answer of the
/// last twelve months: ten answers from one unhappy buyer do not outweigh the rest of the company. A respondent is
/// the invitation's address; an answer from a public link is its own respondent. Once the customer has answered a
/// relationship survey (one sent on a calendar, <see cref="SurveySchedule"/>), only those answers count: they ask about
/// the relationship as a whole, while an NPS after a delivery or a case speaks of that moment.
/// </summary>
internal sealed class CustomerVoice(CerchioDb db, SurveyResults results, Loops.Loops loops)
{
    public const int Months = 12;
    private const int LatestAnswers = 5;

    public async Task<CustomerVoiceView> OfAsync(Guid customerId, CancellationToken ct = default)
    {
        // Twelve months of the organization's days, ending today: the same days the link to the answers shows.
        var today = await results.TodayAsync(ct);
        var from = today.AddMonths(-Months).AddDays(1);
        var (since, _) = await results.RangeAsync(from, today, ct);
        var answers = await (
            from r in db.Set<SurveyResponse>().AsNoTracking()
            join s in db.Set<Survey>() on r.SurveyId equals s.Id
            join i in db.Set<SurveyInvitation>() on r.InvitationId equals i.Id into invited
            from i in invited.DefaultIfEmpty()
            where r.CustomerId == customerId && r.Score != null && r.AnsweredAt >= since && s.Kind == SurveyKind.Nps
            select new
            {
                r.Id, Score = r.Score!.Value, AnsweredAt = r.AnsweredAt!.Value, Email = i == null ? null : i.Email, Name = i == null ? null : i.Name,
                Relationship = db.Set<SurveySchedule>().Any(x => x.SurveyId == s.Id),
            })
            .ToListAsync(ct);
        var fromRelationship = answers.Any(a => a.Relationship);
        var respondents = answers.Where(a => a.Relationship || !fromRelationship)
            .GroupBy(a => a.Email?.ToLowerInvariant() ?? a.Id.ToString())
            .Select(g => g.MaxBy(a => a.AnsweredAt)!)
            .OrderByDescending(a => a.AnsweredAt)
            .Select(a => new RespondentScore(a.Name, a.Email, a.Score, a.AnsweredAt, a.Id))
            .ToList();
        var tally = new ScoreTally(SurveyKind.Nps);
        foreach (var r in respondents)
        {
            tally.Add(r.Score);
        }

        var (latest, _) = await results.AnswersAsync(from, today, new AnswerFilter(Customers: [customerId]), 0, LatestAnswers, ct);
        var (open, _) = await loops.ListAsync(new LoopFilter(State: "open", CustomerId: customerId), 0, 10, ct);
        return new CustomerVoiceView(tally.Result(), respondents, latest, open, from, today, fromRelationship);
    }
}

/// <summary>The voice of the customer on the customer's page, for whoever may read feedback; nothing when the customer never answered.</summary>
internal sealed class CustomerVoicePanelSource(CustomerVoice voice, OrganizationContext tenant) : ICustomerPanel
{
    public int Order => SidebarOrder.Feedback;

    // The panel reads the model from this scoped instance: its parameters could not carry the module's internal types.
    public CustomerVoiceView? Model { get; private set; }

    public Guid CustomerId { get; private set; }

    public async Task<RenderFragment?> BuildAsync(Guid customerId, CancellationToken ct = default)
    {
        if (!tenant.Can(Permissions.ViewFeedback))
        {
            return null;
        }

        var view = await voice.OfAsync(customerId, ct);
        if (view.Latest.Count == 0 && view.OpenLoops.Count == 0)
        {
            return null;
        }

        (Model, CustomerId) = (view, customerId);
        return builder =>
        {
            builder.OpenComponent<CustomerVoicePanel>(0);
            builder.CloseComponent();
        };
    }
}
