using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Feedback.Features.Respond;
using Cerchio.Feedback.Domain;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Ui.Export;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Feedback.Features.Scores;

/// <summary>
/// /ascolto/risposte/export.csv and .xlsx: the answers the page lists for the same filters (period, survey, touchpoint,
/// sentiment, topic), every page of them, with the comment's analysis. Comments are the customers' text: the export
/// neutralizes anything a spreadsheet would run as a formula.
/// </summary>
internal static class AnswersExport
{
    public const string Path = "/ascolto/risposte/export";

    /// <summary>At most this many rows per file: a year of a busy organization's answers; narrower filters export the rest.</summary>
    public const int MaxRows = 100_000;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapListExport(Path, Permissions.ViewFeedback, async context =>
        {
            var services = context.RequestServices;
            var (results, customers, l, clock) = (services.GetRequiredService<SurveyResults>(), services.GetRequiredService<ICustomerDirectory>(),
                services.GetRequiredService<Loc>(), services.GetRequiredService<TimeProvider>());
            var query = context.Request.Query;
            var (from, to, _) = await results.PeriodAsync(query["dal"], query["al"], 30, context.RequestAborted);
            var filter = await AnswerFilter.ReadAsync(query, customers, context.RequestAborted);
            var (rows, _) = await results.AnswersAsync(from, to, filter, 0, MaxRows, context.RequestAborted);
            var names = await customers.GetManyAsync(rows.Where(r => r.CustomerId is not null).Select(r => r.CustomerId!.Value).Distinct(), context.RequestAborted);
            var db = services.GetRequiredService<CerchioDb>();
            var columns = await QuestionColumnsAsync(db, [.. rows.Select(r => r.SurveyId).Distinct()], context.RequestAborted);
            var language = Loc.IsEnglish ? "en" : "it";
            var several = columns.Select(c => c.SurveyId).Distinct().Count() > 1;
            string[] headers =
            [
                l["Quando"], l["Sondaggio"], l["Tipo"], l["Punteggio"], l["Completa"], l["Commento"], l["Sentiment"], l["Temi"], l["Cliente"], l["Pratica"], l["Canale"], l["Touchpoint"], l["Lingua"], l["Cerchio"],
                .. columns.Select(c => several ? $"{c.SurveyName} · {c.Question.Text.In(language)}" : c.Question.Text.In(language)),
            ];
            var lines = RowsAsync(db, rows, context.RequestAborted).Select(x => (IReadOnlyList<string?>)
            [
                Times.InItaly(x.Row.AnsweredAt).ToString("yyyy-MM-dd HH:mm"), x.Row.SurveyName, x.Row.Kind.ToString().ToUpperInvariant(), x.Row.Score.ToString(System.Globalization.CultureInfo.InvariantCulture),
                x.Row.Sent ? l["sì"] : l["no"], x.Row.Comment, x.Row.Sentiment, string.Join(", ", x.Row.Topics ?? []),
                x.Row.CustomerId is { } c && names.TryGetValue(c, out var customer) ? customer.Name : null, x.Row.CaseNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                l[SurveyChannels.LabelOf(x.Row.Channel)], x.Row.TouchpointCode, x.Row.Language, x.Row.Loop?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                .. columns.Select(col => col.SurveyId == x.Row.SurveyId && x.Answers.TryGetValue(col.Question.Id, out var values)
                    ? string.Join("; ", col.Question.InOrder(values).Select(v => col.Question.LabelOf(v, language)))
                    : null),
            ]);
            return new ListExportData($"{l["risposte"]}-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}", headers, lines);
        });

    /// <summary>A further question as an export column: one per question of each survey listed, in the survey's order.</summary>
    private sealed record QuestionColumn(Guid SurveyId, string SurveyName, SurveyQuestion Question);

    /// <summary>
    /// The further questions of these surveys, each as its latest version words it (a question keeps its id across
    /// versions, so answers to older versions fill the same column); questions dropped since still get their column.
    /// </summary>
    private static async Task<IReadOnlyList<QuestionColumn>> QuestionColumnsAsync(CerchioDb db, IReadOnlyList<Guid> surveyIds, CancellationToken ct)
    {
        var versions = await db.Set<SurveyVersion>().AsNoTracking().Where(v => surveyIds.Contains(v.SurveyId))
            .Join(db.Set<Survey>(), v => v.SurveyId, s => s.Id, (v, s) => new { v.SurveyId, s.Name, v.Number, v.Texts })
            .ToListAsync(ct);
        return [.. versions.GroupBy(v => v.SurveyId).OrderBy(g => g.First().Name, StringComparer.CurrentCulture).SelectMany(g =>
            g.OrderByDescending(v => v.Number).SelectMany(v => SurveyTexts.Read(v.Texts).Extra)
                .DistinctBy(q => q.Id).Select(q => new QuestionColumn(g.Key, g.First().Name, q)))];
    }

    /// <summary>Each row with its further answers, read 1,000 rows at a time so a long export never builds one giant IN list.</summary>
    private static async IAsyncEnumerable<(AnswerRow Row, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers)> RowsAsync(
        CerchioDb db, IReadOnlyList<AnswerRow> rows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(1_000))
        {
            var answers = await Respondent.AnswersAsync(db, [.. chunk.Select(r => r.Id)], ct);
            foreach (var row in chunk)
            {
                yield return (row, answers.TryGetValue(row.Id, out var mine) ? mine : Empty);
            }
        }
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Empty = new Dictionary<string, IReadOnlyList<string>>();
}
