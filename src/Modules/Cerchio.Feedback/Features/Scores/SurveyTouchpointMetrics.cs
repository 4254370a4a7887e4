using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Feedback.Contracts;
using Cerchio.Feedback.Domain;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Feedback.Features.Scores;

/// <summary>
/// The customers' voice on the journey map: NPS, CSAT and CES per touchpoint, from every survey's answers about it in
/// the period (the touchpoint of the invitation, or the survey's own), and the share of their comments the text
/// analysis reads as negative. Measured, never typed in; first on a card.
/// </summary>
internal sealed class SurveyTouchpointMetrics(CerchioDb db, SurveyResults results, ICustomerDirectory customers) : ITouchpointMetricSource
{
    public const string Nps = "nps";
    public const string Csat = "csat";
    public const string Ces = "ces";
    public const string NegativeComments = "negative_comments";

    private static readonly IReadOnlyList<TouchpointMetric> All =
    [
        new(Nps, "NPS", TouchpointMetricUnit.Score, HigherIsBetter: true, Rank: 10),
        new(Csat, "CSAT", TouchpointMetricUnit.Percent, HigherIsBetter: true, Rank: 11),
        new(Ces, "CES", TouchpointMetricUnit.Score, HigherIsBetter: true, Rank: 12),
        new(NegativeComments, "Commenti negativi", TouchpointMetricUnit.Percent, HigherIsBetter: false, Rank: 13),
    ];

    public IReadOnlyList<TouchpointMetric> Metrics => All;

    public static string KeyOf(SurveyKind kind) => kind switch { SurveyKind.Nps => Nps, SurveyKind.Csat => Csat, _ => Ces };

    public async Task<IReadOnlyList<TouchpointMeasure>> MeasureAsync(DateOnly from, DateOnly to, TouchpointAudience? audience, CancellationToken ct = default)
    {
        var answered = (await results.AnsweredAsync(from, to, ct)).Where(r => r.TouchpointCode != null);
        if (audience is not null)
        {
            var ids = await customers.IdsWithAttributeAsync(audience.Attribute, audience.Value, ct);
            answered = answered.Where(IdLists.Contains<SurveyResponse>(ids, r => r.CustomerId));
        }

        var counts = await (from r in answered
                            join s in db.Set<Survey>() on r.SurveyId equals s.Id
                            group r by new { r.TouchpointCode, s.Kind, r.Score } into g
                            select new { g.Key.TouchpointCode, g.Key.Kind, Score = g.Key.Score!.Value, Count = g.Count() }).ToListAsync(ct);
        var measures = counts.GroupBy(c => (c.TouchpointCode!, c.Kind))
            .Select(g =>
            {
                var tally = new ScoreTally(g.Key.Kind);
                foreach (var c in g)
                {
                    tally.Add(c.Score, c.Count);
                }

                var score = tally.Result();
                // NPS is read in whole points (−100…100); CSAT's share and CES's mean keep one decimal.
                return new TouchpointMeasure(g.Key.Item1, KeyOf(g.Key.Kind), Math.Round(score.Value!.Value, g.Key.Kind == SurveyKind.Nps ? 0 : 1), score.Answers);
            })
            .ToList();
        var sentiments = await answered.Where(r => r.Sentiment != null)
            .GroupBy(r => r.TouchpointCode)
            .Select(g => new { Code = g.Key, All = g.Count(), Negative = g.Count(r => r.Sentiment == "negative") })
            .ToListAsync(ct);
        return measures.Concat(sentiments.Select(s => new TouchpointMeasure(s.Code!, NegativeComments, Math.Round(100.0 * s.Negative / s.All, 1), s.All))).ToList();
    }

    public string? RowsPath(string touchpoint, string metric, DateOnly from, DateOnly to, TouchpointAudience? audience = null) =>
        metric switch
        {
            Nps or Csat or Ces => AnswersPage.PathOf(touchpoint, metric, from, to, audience),
            NegativeComments => AnswersPage.PathOf(touchpoint, null, from, to, audience) + "&sentiment=negative",
            _ => null,
        };
}
