using System.Globalization;
using Cerchio.Journeys.Contracts;
using Cerchio.Journeys.Features.Catalog;
using PersonaBook = Cerchio.Journeys.Features.Personas.Personas;
using Cerchio.Text;
using Cerchio.Touchpoints;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Journeys.Features.Metrics;

internal static class TouchpointMetricsApi
{
    /// <summary>Nothing earlier: Cerchio did not exist, and a typo such as 0026 should be refused, not scanned.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static void Map(IEndpointRouteBuilder api)
    {
        const string period = "from/to: days (yyyy-MM-dd, the organization's time zone), both included; default the last 30 days "
            + "to today; at most 366 days. Each number comes with the previous period's (the same number of days just before), "
            + "the rows it stands on (basis) and the page listing them (rows_path). persona: a persona's id, to count only the "
            + "customers its match attribute names (rows_path then lists theirs); 400 when it is not a persona of the organization "
            + "or has no match attribute.";
        // "metrics" is a literal segment: it wins over a touchpoint code in the route.
        api.MapGet("/touchpoints/metrics", ListAsync).WithName("TouchpointMetrics")
            .WithSummary("Every touchpoint's live numbers: the desk's cases, complaints, median first response and resolution "
                + "(business hours), SLA compliance, and the events from other systems. Only touchpoints with something measured. " + period);
        api.MapGet("/touchpoints/{code}/metrics", GetAsync).WithName("TouchpointMetricsOf")
            .WithSummary("One touchpoint's live numbers (see TouchpointMetrics); 404 for a code not in the catalog. " + period);
    }

    private static async Task<Results<Ok<TouchpointMetricsReportDto>, ValidationProblem>> ListAsync(
        string? from, string? to, string? persona, TouchpointMetrics metrics, TouchpointCatalog catalog, PersonaBook personas, Loc l, CancellationToken ct)
    {
        var errors = new Errors();
        var days = await PeriodAsync(from, to, metrics, errors, ct);
        var audience = await AudienceAsync(persona, personas, errors, ct);
        if (errors.Any || days is null)
        {
            return ApiResults.Invalid(errors, l);
        }

        var numbers = await metrics.MeasureAsync(days.Value.From, days.Value.To, audience?.Audience, ct);
        var all = await catalog.AllAsync(ct);
        // The catalog's order; codes no longer in it (cases and events keep theirs) after, by code.
        var order = all.Select((t, i) => (t.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        var touchpoints = numbers.ByTouchpoint.Keys
            .OrderBy(code => order.GetValueOrDefault(code, int.MaxValue)).ThenBy(code => code, StringComparer.Ordinal)
            .Select(code => Dto(code, all.FirstOrDefault(t => t.Code == code)?.Name, numbers))
            .ToList();
        return TypedResults.Ok(Report(numbers, touchpoints, l, audience?.Dto));
    }

    private static async Task<Results<Ok<TouchpointMetricsReportDto>, ProblemHttpResult, ValidationProblem>> GetAsync(
        string code, string? from, string? to, string? persona, TouchpointMetrics metrics, TouchpointCatalog catalog, PersonaBook personas, Loc l, CancellationToken ct)
    {
        if (await catalog.GetAsync(code, ct) is not { } touchpoint)
        {
            return ApiResults.NotFound("touchpoint");
        }

        var errors = new Errors();
        var days = await PeriodAsync(from, to, metrics, errors, ct);
        var audience = await AudienceAsync(persona, personas, errors, ct);
        if (errors.Any || days is null)
        {
            return ApiResults.Invalid(errors, l);
        }

        var numbers = await metrics.MeasureAsync(days.Value.From, days.Value.To, audience?.Audience, ct);
        return TypedResults.Ok(Report(numbers, [Dto(touchpoint.Code, touchpoint.Name, numbers)], l, audience?.Dto));
    }

    /// <summary>
    /// The customers ?persona= names: none when it is absent; an error on the field "persona" when it is not the id of
    /// one of the organization's personas (another organization's reads as unknown) or the persona has no match attribute.
    /// </summary>
    private static async Task<(TouchpointAudience Audience, TouchpointAudienceDto Dto)?> AudienceAsync(
        string? persona, PersonaBook personas, Errors errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(persona))
        {
            return null;
        }

        if (!Guid.TryParse(persona.Trim(), out var id) || await personas.GetAsync(id, ct) is not { } found)
        {
            errors.Add("persona", "Nessuna persona con questo id.");
            return null;
        }

        if (Maps.JourneyMapReader.AudienceOf(found.MatchAttribute, found.MatchValue) is not { } audience)
        {
            errors.Add("persona", "La persona non è collegata a un attributo dei clienti: i numeri non si possono filtrare per lei.");
            return null;
        }

        return (audience, new TouchpointAudienceDto(found.Id, audience.Attribute, audience.Value));
    }

    /// <summary>
    /// The days asked, or null with the reasons in <paramref name="errors"/> (per field: from, to). Every API that
    /// reads touchpoint numbers for a period (these, the journey map's) takes it this way.
    /// </summary>
    public static async Task<(DateOnly From, DateOnly To)?> PeriodAsync(string? from, string? to, TouchpointMetrics metrics, Errors errors, CancellationToken ct)
    {
        var today = await metrics.TodayAsync(ct);
        var fromDay = Day(from, "from", today, errors);
        var toDay = Day(to, "to", today, errors);
        if (errors.Any)
        {
            return null;
        }

        var last = toDay ?? today;
        var first = fromDay ?? last.AddDays(1 - TouchpointMetrics.DefaultDays);
        if (last < first)
        {
            errors.Add("to", "La data finale non può precedere quella iniziale.");
        }
        else if (last.DayNumber - first.DayNumber + 1 > TouchpointMetrics.MaxDays)
        {
            errors.Add("to", "Il periodo può durare al massimo {0} giorni.", TouchpointMetrics.MaxDays);
        }

        return errors.Any ? null : (first, last);
    }

    private static DateOnly? Day(string? value, string field, DateOnly today, Errors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Times.ParseFormDate(value) is not { } day)
        {
            errors.Add(field, "'{0}' deve essere una data nel formato AAAA-MM-GG.", field);
            return null;
        }

        // Bounded both ways: the previous period reaches back as far again, and a typo should be refused, not scanned.
        if (day < Earliest)
        {
            errors.Add(field, "Le date partono dal {0}.", Earliest.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        }
        else if (day > today.AddYears(1))
        {
            errors.Add(field, "La data è oltre un anno da oggi.");
        }

        return day;
    }

    private static TouchpointMetricsReportDto Report(TouchpointNumbers numbers, List<TouchpointMetricsDto> touchpoints, Loc l, TouchpointAudienceDto? audience) => new(
        numbers.From, numbers.To, numbers.PreviousFrom, numbers.PreviousTo, numbers.Definitions.Select(m => Definition(m, l)).ToList(), touchpoints, audience);

    private static TouchpointMetricsDto Dto(string code, string? name, TouchpointNumbers numbers) => new(code, name, numbers.Of(code).Select(Value).ToList());

    public static TouchpointMetricDefinitionDto Definition(TouchpointMetric m, Loc l) => new(m.Key, l[m.Label], UnitName(m.Unit), m.HigherIsBetter);

    public static TouchpointMetricValueDto Value(TouchpointNumber n) => new(n.Metric.Key, Round(n.Value), Round(n.Previous), n.Basis, n.PreviousBasis, n.RowsPath, n.PreviousRowsPath);

    public static string UnitName(TouchpointMetricUnit unit) => unit switch
    {
        TouchpointMetricUnit.Count => "count",
        TouchpointMetricUnit.Percent => "percent",
        TouchpointMetricUnit.Hours => "hours",
        _ => "score",
    };

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
