using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Feedback.Features.Scores;

/// <summary>A text answer as the results list it.</summary>
internal sealed record TextAnswer(Guid ResponseId, string Text, int Score, DateTimeOffset At);

/// <summary>
/// One further question's results: how many were asked it (sent answers whose score it applies to) and answered it,
/// each value's count, the mean of a scale, the latest texts of a free-text question.
/// </summary>
internal sealed record QuestionResult(SurveyQuestion Question, int Asked, int Answered, IReadOnlyList<(string Value, int Count)> Counts, double? Mean, IReadOnlyList<TextAnswer> Texts);

/// <summary>A published version of a survey that asks further questions.</summary>
internal sealed record QuestionVersion(int Number, DateTimeOffset PublishedAt, SurveyTexts Texts, Guid Id);

/// <summary>The further questions' results of one version (answers to different versions are never mixed).</summary>
internal sealed record QuestionResultsView(QuestionVersion Version, IReadOnlyList<QuestionVersion> Versions, IReadOnlyList<QuestionResult> Questions);

internal sealed class QuestionResults(CerchioDb db, SurveyResults results)
{
    public const int LatestTexts = 10;

    /// <summary>
    /// The further questions' results of the version asked for (by number; by default the latest that asks any) over the
    /// period's sent answers; null when no version of the survey asks further questions.
    /// </summary>
    public async Task<QuestionResultsView?> ResultsAsync(Survey survey, int? versionNumber, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var versions = (await db.Set<SurveyVersion>().AsNoTracking().Where(v => v.SurveyId == survey.Id).OrderByDescending(v => v.Number).ToListAsync(ct))
            .Select(v => new QuestionVersion(v.Number, v.PublishedAt, SurveyTexts.Read(v.Texts), v.Id)).Where(v => v.Texts.Extra.Count > 0).ToList();
        if (versions.Count == 0)
        {
            return null;
        }

        var version = versions.FirstOrDefault(v => v.Number == versionNumber) ?? versions[0];
        var sent = (await results.AnsweredAsync(from, to, ct)).Where(r => r.SurveyId == survey.Id && r.VersionId == version.Id && r.SubmittedAt != null);
        var byScore = await sent.GroupBy(r => r.Score!.Value).Select(g => new { Score = g.Key, Count = g.Count() }).ToListAsync(ct);
        var items = from i in db.Set<SurveyAnswerItem>().AsNoTracking()
                    join r in sent on i.ResponseId equals r.Id
                    select i;
        var counts = await items.GroupBy(i => new { i.QuestionId, i.Value }).Select(g => new { g.Key.QuestionId, g.Key.Value, Count = g.Count() }).ToListAsync(ct);
        var answered = await items.GroupBy(i => i.QuestionId).Select(g => new { QuestionId = g.Key, Count = g.Select(i => i.ResponseId).Distinct().Count() }).ToListAsync(ct);

        var list = new List<QuestionResult>();
        foreach (var q in version.Texts.Extra)
        {
            var asked = byScore.Where(s => q.AppliesTo(s.Score)).Sum(s => s.Count);
            var answers = answered.FirstOrDefault(a => a.QuestionId == q.Id)?.Count ?? 0;
            if (q.Kind == QuestionKind.Text)
            {
                var texts = await (from i in items
                                   join r in db.Set<SurveyResponse>() on i.ResponseId equals r.Id
                                   where i.QuestionId == q.Id
                                   orderby r.SubmittedAt descending, r.Id
                                   select new TextAnswer(r.Id, i.Value, r.Score!.Value, r.SubmittedAt!.Value)).Take(LatestTexts).ToListAsync(ct);
                list.Add(new QuestionResult(q, asked, answers, [], null, texts));
                continue;
            }

            // Every value the question offers, in its order, with its count (0 when nobody chose it).
            var mine = counts.Where(c => c.QuestionId == q.Id).ToDictionary(c => c.Value, c => c.Count);
            var tally = q.Allowed!.Select(v => (v, mine.GetValueOrDefault(v))).ToList();
            double? mean = q.Kind == QuestionKind.Scale && answers > 0
                ? tally.Sum(t => int.Parse(t.v, System.Globalization.CultureInfo.InvariantCulture) * (double)t.Item2) / tally.Sum(t => t.Item2)
                : null;
            list.Add(new QuestionResult(q, asked, answers, tally, mean, []));
        }

        return new QuestionResultsView(version, versions, list);
    }
}
