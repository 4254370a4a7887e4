using Cerchio.Data;
using Cerchio.Feedback.Contracts;
using Cerchio.Feedback.Domain;
using Cerchio.Text;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Feedback.Features.Scores;

/// <summary>One answer as the lists show it.</summary>
/// <param name="Topics">Topic codes the comment's analysis found.</param>
/// <param name="Loop">The number of the loop the answer opened, if any.</param>
internal sealed record AnswerRow(
    Guid Id, Guid SurveyId, string SurveyName, SurveyKind Kind, int Score, string? Comment, string Channel, string? TouchpointCode, Guid? CustomerId, int? CaseNumber, string Language,
    DateTimeOffset AnsweredAt, bool Sent, string? Sentiment = null, IReadOnlyList<string>? Topics = null, int? Loop = null);

/// <summary>A survey's results over a period: its score with the confidence margin, the distribution, the channels, the response rate.</summary>
internal sealed record SurveyResultsView(ScoreResult Score, IReadOnlyList<long> Distribution, int ScaleMin, IReadOnlyDictionary<string, int> ByChannel, int Invitations, int InvitationsAnswered);

/// <summary>Reads answers: the results of a survey, the answers behind a number. Days are the organization's.</summary>
internal sealed class SurveyResults(CerchioDb db, IOrganizationTimeZone zone, TimeProvider clock)
{
    public async Task<DateOnly> TodayAsync(CancellationToken ct = default) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), await zone.GetAsync(ct)).DateTime);

    /// <summary>
    /// The days a page asks for with ?dal=…&amp;al=… (both or neither): the last <paramref name="days"/> days by default,
    /// and then too, with <c>Invalid</c> set, when the dates make no period (reversed, over a year, absurd years).
    /// </summary>
    public async Task<(DateOnly From, DateOnly To, bool Invalid)> PeriodAsync(string? fromText, string? toText, int days, CancellationToken ct = default)
    {
        var today = await TodayAsync(ct);
        if (fromText is null && toText is null)
        {
            return (today.AddDays(1 - days), today, false);
        }

        return Times.ParseFormDate(fromText) is { } f && Times.ParseFormDate(toText) is { } t && f <= t && f.Year >= 1900 && t.Year <= 9000
               && t.DayNumber - f.DayNumber < Surveys.SurveysApi.MaxPeriodDays
            ? (f, t, false)
            : (today.AddDays(1 - days), today, true);
    }

    public async Task<(DateTimeOffset Start, DateTimeOffset End)> RangeAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var timeZone = await zone.GetAsync(ct);
        return (Times.StartOfDay(from, timeZone), Times.EndOfDay(to, timeZone));
    }

    /// <summary>The answers with a score in the period: a partial answer counts, its score is the answer.</summary>
    public async Task<IQueryable<SurveyResponse>> AnsweredAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var (start, end) = await RangeAsync(from, to, ct);
        return db.Set<SurveyResponse>().AsNoTracking().Where(r => r.Score != null && r.AnsweredAt >= start && r.AnsweredAt < end);
    }

    /// <summary>
    /// The topic rows of the period's answers that pass the filter. What the rows copy (survey, sentiment) is filtered on
    /// them, in their own indexes; any other criterion keeps them to the answers that pass it.
    /// </summary>
    public async Task<IQueryable<SurveyResponseTopic>> TopicsAsync(DateOnly from, DateOnly to, AnswerFilter filter, CancellationToken ct = default)
    {
        var (start, end) = await RangeAsync(from, to, ct);
        var topics = db.Set<SurveyResponseTopic>().AsNoTracking().Where(t => t.AnsweredAt >= start && t.AnsweredAt < end);
        if (filter.SurveyId is { } id)
        {
            topics = topics.Where(t => t.SurveyId == id);
        }

        if (filter.Sentiment is { } sentiment)
        {
            topics = topics.Where(t => t.Sentiment == sentiment);
        }

        // Compared as a whole, so that a criterion added to the filter one day goes through the answers too.
        if (filter with { SurveyId = null, Sentiment = null } != new AnswerFilter())
        {
            var answers = (await FilteredAsync(from, to, filter, ct)).Select(r => r.Id);
            topics = topics.Where(t => answers.Contains(t.ResponseId));
        }

        return topics;
    }

    public async Task<SurveyResultsView> ResultsAsync(Survey survey, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var answered = (await AnsweredAsync(from, to, ct)).Where(r => r.SurveyId == survey.Id);
        var byScore = await answered.GroupBy(r => r.Score!.Value).Select(g => new { Score = g.Key, Count = g.Count() }).ToListAsync(ct);
        var tally = new ScoreTally(survey.Kind);
        foreach (var s in byScore)
        {
            tally.Add(s.Score, s.Count);
        }

        var byChannel = await answered.GroupBy(r => r.Channel).Select(g => new { Channel = g.Key, Count = g.Count() }).ToListAsync(ct);
        var (start, end) = await RangeAsync(from, to, ct);
        // The response rate of the period's invitations, whenever they were answered.
        var invitations = db.Set<SurveyInvitation>().AsNoTracking().Where(i => i.SurveyId == survey.Id && i.CreatedAt >= start && i.CreatedAt < end);
        var invited = await invitations.CountAsync(ct);
        var invitedAnswered = await invitations.CountAsync(i => db.Set<SurveyResponse>().Any(r => r.InvitationId == i.Id && r.Score != null), ct);
        return new SurveyResultsView(tally.Result(), tally.Counts, tally.Scale.Min, byChannel.ToDictionary(c => c.Channel, c => c.Count), invited, invitedAnswered);
    }

    /// <summary>The period's answers that pass the filter: what the answers page lists, exports and counts topics of.</summary>
    public async Task<IQueryable<SurveyResponse>> FilteredAsync(DateOnly from, DateOnly to, AnswerFilter filter, CancellationToken ct = default)
    {
        var answered = await AnsweredAsync(from, to, ct);
        if (filter.Sentiment is { } sentiment)
        {
            answered = answered.Where(r => r.Sentiment == sentiment);
        }

        if (filter.Topic is { } topic)
        {
            var withTopic = (await TopicsAsync(from, to, new AnswerFilter(), ct)).Where(t => t.Code == topic).Select(t => t.ResponseId);
            answered = answered.Where(r => withTopic.Contains(r.Id));
        }

        if (filter.SurveyId is { } id)
        {
            answered = answered.Where(r => r.SurveyId == id);
        }

        if (filter.Touchpoint is { } touchpoint)
        {
            answered = answered.Where(r => r.TouchpointCode == touchpoint);
        }

        if (filter.Kind is { } kind)
        {
            answered = answered.Where(r => db.Set<Survey>().Any(s => s.Id == r.SurveyId && s.Kind == kind));
        }

        if (filter.Customers is { } customers)
        {
            answered = answered.Where(IdLists.Contains<SurveyResponse>(customers, r => r.CustomerId));
        }

        return answered;
    }

    /// <summary>The answers of the period that pass the filter, newest first.</summary>
    public async Task<(List<AnswerRow> Rows, int Total)> AnswersAsync(DateOnly from, DateOnly to, AnswerFilter filter, int skip, int take, CancellationToken ct = default)
    {
        var answered = await FilteredAsync(from, to, filter, ct);
        var rows = from r in answered
                   join s in db.Set<Survey>() on r.SurveyId equals s.Id
                   select new { r, s.Name, s.Kind };
        var total = await rows.CountAsync(ct);
        var page = await rows.OrderByDescending(x => x.r.AnsweredAt).ThenBy(x => x.r.Id).Skip(skip).Take(take)
            .Select(x => new
            {
                x.r.Id, x.r.SurveyId, x.Name, x.Kind, Score = x.r.Score!.Value, x.r.Comment, x.r.Channel, x.r.TouchpointCode, x.r.CustomerId, x.r.Language,
                AnsweredAt = x.r.AnsweredAt!.Value, Sent = x.r.SubmittedAt != null, x.r.Sentiment,
                Loop = db.Set<LoopTask>().Where(l => l.ResponseId == x.r.Id).Select(l => (int?)l.Number).FirstOrDefault(),
                CaseNumber = db.Set<SurveyInvitation>().Where(i => i.Id == x.r.InvitationId).Select(i => i.CaseNumber).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var topics = await TextAnalysis.AnswerTopics.OfAsync(db, page.Select(p => p.Id).ToList(), ct);
        return (page.Select(p => new AnswerRow(p.Id, p.SurveyId, p.Name, p.Kind, p.Score, p.Comment, p.Channel, p.TouchpointCode, p.CustomerId, p.CaseNumber, p.Language, p.AnsweredAt, p.Sent,
            p.Sentiment, topics.GetValueOrDefault(p.Id) ?? [], p.Loop)).ToList(), total);
    }
}
