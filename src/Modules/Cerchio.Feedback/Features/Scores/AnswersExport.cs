using Cerchio.Customers.Contracts;
using Cerchio.Feedback.Domain;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Ui.Export;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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
            string[] headers = [l["Quando"], l["Sondaggio"], l["Tipo"], l["Punteggio"], l["Completa"], l["Commento"], l["Sentiment"], l["Temi"], l["Cliente"], l["Pratica"], l["Canale"], l["Touchpoint"], l["Lingua"], l["Cerchio"]];
            var lines = rows.Select(r => (IReadOnlyList<string?>)
            [
                Times.InItaly(r.AnsweredAt).ToString("yyyy-MM-dd HH:mm"), r.SurveyName, r.Kind.ToString().ToUpperInvariant(), r.Score.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.Sent ? l["sì"] : l["no"], r.Comment, r.Sentiment, string.Join(", ", r.Topics ?? []),
                r.CustomerId is { } c && names.TryGetValue(c, out var customer) ? customer.Name : null, r.CaseNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                l[SurveyChannels.LabelOf(r.Channel)], r.TouchpointCode, r.Language, r.Loop?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ]).ToAsyncEnumerable();
            return new ListExportData($"{l["risposte"]}-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}", headers, lines);
        });
}
