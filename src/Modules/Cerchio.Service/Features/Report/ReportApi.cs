using System.Globalization;
using Cerchio.Service.Contracts;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Cerchio.Ui.Export;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Service.Features.Report;

internal static class ReportApi
{
    public const string PagePath = "/assistenza/report";
    public const string TablePath = "/assistenza/report/tabella";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/reports/service", GetAsync)
            .WithName("ServiceReport")
            .WithSummary("The service desk's metrics (PRODUCT.md) over the cases opened in a period, in business time. "
                + "from/to: days (yyyy-MM-dd, the organization's time zone), both included, default the last 30 days, at most "
                + $"{ReportInput.MaxDays} days; or period: {string.Join(", ", ReportInput.Presets)} (not with from/to). "
                + "group_by: none (default), agent, department, channel, touchpoint, type, priority. interval: week (default up "
                + $"to {ReportInput.WeeklyUpToDays} days) or month, for the series.");
    }

    /// <summary>The table of the report page as CSV or Excel, with the page's parameters.</summary>
    public static void MapExport(IEndpointRouteBuilder app)
    {
        foreach (var format in new[] { TabularFormat.Csv, TabularFormat.Xlsx })
        {
            app.MapGet(TablePath + TabularExport.Extension(format), (HttpContext context, ServiceReport report, Loc l, CancellationToken ct) => ExportAsync(format, context, report, l, ct))
                .RequireAuthorization(Permissions.ViewCases)
                .ExcludeFromDescription();
        }
    }

    private static async Task<Results<Ok<ServiceReportDto>, ValidationProblem>> GetAsync(
        string? from, string? to, string? period, string? group_by, string? interval, ServiceReport report, Loc l, CancellationToken ct)
    {
        var errors = new Errors();
        var request = ReportInput.Parse(period, from, to, group_by, interval, await report.TodayAsync(ct), ReportFields.Api, errors);
        if (request is null)
        {
            return ApiResults.Invalid(errors, l);
        }

        var result = await report.RunAsync(request, ct);
        return TypedResults.Ok(new ServiceReportDto(
            request.From, request.To, ReportInput.GroupingName(request.GroupBy), ReportInput.IntervalName(request.Interval), Dto(result.Overall),
            result.Groups.Select(g => new ServiceReportGroupDto(g.Key, g.Name, Dto(g.Metrics))).ToList(),
            result.Series.Select(p => new ServiceReportPointDto(p.From, p.To, Dto(p.Metrics))).ToList(),
            result.HandOffs.Select(h => new DepartmentHandOffsDto(h.DepartmentId, h.Name, h.Requested, h.Answered, h.Late, Dto(h.AnswerTime))).ToList()));
    }

    private static async Task<IResult> ExportAsync(TabularFormat format, HttpContext context, ServiceReport report, Loc l, CancellationToken ct)
    {
        var q = context.Request.Query;
        var errors = new Errors();
        var request = ReportInput.Parse(null, q["dal"], q["al"], q["per"], q["intervallo"], await report.TodayAsync(ct), ReportFields.Page, errors);
        if (request is null)
        {
            return ApiResults.Invalid(errors, l);
        }

        var result = await report.RunAsync(request, ct);
        string[] headers =
        [
            l[ReportInput.Label(request.GroupBy)], l["Pratiche"], l["Con risposta"], l["Prima risposta, mediana (min lavorativi)"],
            l["Prima risposta, media (min lavorativi)"], l["Risolte"], l["Risoluzione, mediana (min lavorativi)"], l["Risoluzione, media (min lavorativi)"],
            l["Risolte al primo contatto (%)"], l["Riaperte (%)"], l["Rispetto SLA (%)"], l["SLA valutati"],
        ];
        var rows = (result.Groups.Count > 0 ? result.Groups : [new ReportGroup("all", "Tutte le pratiche", true, result.Overall)])
            .Select(g => (IReadOnlyList<string?>)Row(g.IsLabel ? l[g.Name] : g.Name, g.Metrics));
        var name = $"report-assistenza-{request.From:yyyy-MM-dd}-{request.To:yyyy-MM-dd}";
        return new TabularFileResult(format, name, headers, rows.ToAsyncEnumerable());
    }

    private static string?[] Row(string name, ReportMetrics m) =>
    [
        name, Number(m.Counts.Cases), Number(m.Counts.Responded), Minutes(m.FirstResponse.Median), Minutes(m.FirstResponse.Average),
        Number(m.Counts.Resolved), Minutes(m.Resolution.Median), Minutes(m.Resolution.Average),
        Percent(m.FirstContactResolution), Percent(m.ReopenRate), Percent(m.SlaCompliance), Number(m.Counts.SlaDecided),
    ];

    // Numbers in the reader's culture: Italian Excel reads "87,5" from a ';' CSV as a number.
    private static string Number(int n) => n.ToString(CultureInfo.CurrentCulture);

    private static string? Minutes(TimeSpan? span) => span is { } s ? Math.Round(s.TotalMinutes, 1).ToString(CultureInfo.CurrentCulture) : null;

    private static string? Percent(double? share) => share is { } p ? Math.Round(p, 1).ToString(CultureInfo.CurrentCulture) : null;

    internal static ServiceMetricsDto Dto(ReportMetrics m) => new(
        m.Counts.Cases, m.Counts.Responded, m.Counts.Resolved, m.Counts.EverResolved, m.Counts.Reopened, m.Counts.FirstContactResolved,
        m.Counts.SlaMet, m.Counts.SlaMissed, Dto(m.FirstResponse), Dto(m.Resolution), Round(m.FirstContactResolution), Round(m.ReopenRate), Round(m.SlaCompliance));

    private static DurationDto Dto(DurationStats d) => new(d.Count, Round(d.Average?.TotalMinutes), Round(d.Median?.TotalMinutes));

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
