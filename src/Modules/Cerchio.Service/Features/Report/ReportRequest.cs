using System.Globalization;

namespace Cerchio.Service.Features.Report;

/// <summary>The one dimension the report's table splits the cases by.</summary>
internal enum ReportGrouping
{
    None = 0,
    Agent = 1,
    Department = 2,
    Channel = 3,
    Touchpoint = 4,
    Type = 5,
    Priority = 6,
}

/// <summary>The time series' step: weeks start on Monday, months on the 1st, both in the organization's time zone.</summary>
internal enum ReportInterval
{
    Week = 1,
    Month = 2,
}

/// <summary>
/// What the report covers: the cases opened from <see cref="From"/> to <see cref="To"/>, both days included, in the
/// organization's time zone.
/// </summary>
internal sealed record ReportRequest(DateOnly From, DateOnly To, ReportGrouping GroupBy, ReportInterval Interval)
{
    public int Days => To.DayNumber - From.DayNumber + 1;
}

/// <summary>The parameter names of one caller: the API speaks English, the page's address Italian.</summary>
internal sealed record ReportFields(string Period, string From, string To, string GroupBy, string Interval)
{
    public static readonly ReportFields Api = new("period", "from", "to", "group_by", "interval");
    public static readonly ReportFields Page = new("periodo", "dal", "al", "per", "intervallo");
}

/// <summary>Reads and checks the report's parameters, the same way for the page and the API.</summary>
internal static class ReportInput
{
    /// <summary>Nothing earlier: the desk did not exist, and a typo such as 0026 should be refused, not scanned.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>Two years: enough to compare a year with the one before; longer periods belong in an export.</summary>
    public const int MaxDays = 731;

    /// <summary>Up to a quarter the series goes by week (at most 14 points), beyond by month.</summary>
    public const int WeeklyUpToDays = 92;

    public static readonly IReadOnlyDictionary<string, ReportGrouping> Groupings = new Dictionary<string, ReportGrouping>
    {
        ["none"] = ReportGrouping.None,
        ["agent"] = ReportGrouping.Agent,
        ["department"] = ReportGrouping.Department,
        ["channel"] = ReportGrouping.Channel,
        ["touchpoint"] = ReportGrouping.Touchpoint,
        ["type"] = ReportGrouping.Type,
        ["priority"] = ReportGrouping.Priority,
    };

    public static readonly IReadOnlyDictionary<string, ReportInterval> Intervals = new Dictionary<string, ReportInterval>
    {
        ["week"] = ReportInterval.Week,
        ["month"] = ReportInterval.Month,
    };

    /// <summary>Ready-made periods; each ends today at the latest.</summary>
    public static readonly IReadOnlyList<string> Presets = ["last_30_days", "this_month", "last_month", "this_quarter", "last_quarter"];

    public static string GroupingName(ReportGrouping g) => Groupings.First(p => p.Value == g).Key;

    public static string IntervalName(ReportInterval i) => Intervals.First(p => p.Value == i).Key;

    /// <summary>Italian labels; Loc translates them.</summary>
    public static string Label(ReportGrouping g) => g switch
    {
        ReportGrouping.None => "Nessuna suddivisione",
        ReportGrouping.Agent => "Operatore",
        ReportGrouping.Department => "Reparto",
        ReportGrouping.Channel => "Canale",
        ReportGrouping.Touchpoint => "Touchpoint",
        ReportGrouping.Type => "Tipo",
        _ => "Priorità",
    };

    public static string PresetLabel(string preset) => preset switch
    {
        "last_30_days" => "Ultimi 30 giorni",
        "this_month" => "Questo mese",
        "last_month" => "Mese scorso",
        "this_quarter" => "Questo trimestre",
        _ => "Trimestre scorso",
    };

    /// <summary>The days a preset covers, seen from <paramref name="today"/>; null for an unknown name.</summary>
    public static (DateOnly From, DateOnly To)? PresetDays(string preset, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        return preset switch
        {
            "last_30_days" => (today.AddDays(-29), today),
            "this_month" => (month, today),
            "last_month" => (month.AddMonths(-1), month.AddDays(-1)),
            "this_quarter" => (quarter, today),
            "last_quarter" => (quarter.AddMonths(-3), quarter.AddDays(-1)),
            _ => null,
        };
    }

    /// <summary>
    /// The request the parameters describe, or null with the reasons in <paramref name="errors"/>. A preset and dates
    /// together are refused (which would win is a guess); no dates means the last 30 days; one date alone extends
    /// the period 30 days from it, or to it.
    /// </summary>
    public static ReportRequest? Parse(string? period, string? from, string? to, string? groupBy, string? interval, DateOnly today,
        ReportFields fields, Errors errors)
    {
        var fromDay = Day(from, fields.From, errors);
        var toDay = Day(to, fields.To, errors);
        var grouping = Pick(groupBy, Groupings, ReportGrouping.None, fields.GroupBy, errors);
        var step = Pick(interval, Intervals, (ReportInterval?)null, fields.Interval, errors);

        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!string.IsNullOrWhiteSpace(from) || !string.IsNullOrWhiteSpace(to))
            {
                errors.Add(fields.Period, "Indicare un periodo predefinito oppure le date, non entrambi.");
            }
            else if (PresetDays(period.Trim().ToLowerInvariant(), today) is { } preset)
            {
                (fromDay, toDay) = preset;
            }
            else
            {
                errors.Add(fields.Period, "'{0}' deve essere uno tra {1}.", fields.Period, string.Join(", ", Presets));
            }
        }

        // Each date on its own first: the defaults below add and subtract days, which must stay inside the calendar.
        var latest = today.AddYears(1);
        foreach (var (day, field) in new[] { (fromDay, fields.From), (toDay, fields.To) })
        {
            if (day < Earliest)
            {
                errors.Add(field, "Le date partono dal {0}.", Earliest.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            }
            else if (day > latest)
            {
                errors.Add(field, "La data è oltre un anno da oggi.");
            }
        }

        // The range is checked only once each date reads as one; every other mistake is reported with it.
        if (errors.For(fields.From).Count > 0 || errors.For(fields.To).Count > 0 || errors.For(fields.Period).Count > 0)
        {
            return null;
        }

        var last = toDay ?? (fromDay is { } f && f.AddDays(29) < today ? f.AddDays(29) : today);
        var first = fromDay ?? last.AddDays(-29);
        if (last < first)
        {
            errors.Add(fields.To, "La data finale non può precedere quella iniziale.");
        }
        else if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            errors.Add(fields.To, "Il periodo può durare al massimo {0} giorni.", MaxDays);
        }

        if (errors.Any)
        {
            return null;
        }

        var length = last.DayNumber - first.DayNumber + 1;
        return new ReportRequest(first, last, grouping!.Value, step ?? (length <= WeeklyUpToDays ? ReportInterval.Week : ReportInterval.Month));
    }

    private static DateOnly? Day(string? value, string field, Errors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(field, "'{0}' deve essere una data nel formato AAAA-MM-GG.", field);
        return null;
    }

    private static T? Pick<T>(string? value, IReadOnlyDictionary<string, T> names, T? fallback, string field, Errors errors) where T : struct
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (names.TryGetValue(value.Trim().ToLowerInvariant(), out var found))
        {
            return found;
        }

        errors.Add(field, "'{0}' deve essere uno tra {1}.", field, string.Join(", ", names.Keys));
        return fallback;
    }
}
