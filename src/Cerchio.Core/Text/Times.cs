namespace Cerchio.Text;

/// <summary>Timestamps are stored in UTC and shown in Italian time (the product's market), formatted per the request culture.</summary>
public static class Times
{
    public static readonly TimeZoneInfo Italy = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    public static DateTimeOffset InItaly(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Italy);

    /// <summary>Date and time in Italy, short format of the reader's culture; a dash for none.</summary>
    public static string Short(DateTimeOffset? value) => value is { } v ? InItaly(v).ToString("g") : "—";

    /// <summary>The calendar day it is (or was) in Italy at this instant.</summary>
    public static DateOnly DayInItaly(DateTimeOffset value) => DateOnly.FromDateTime(InItaly(value).DateTime);

    /// <summary>A day as an &lt;input type="date"&gt; writes it (yyyy-MM-dd).</summary>
    public static string FormDate(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A day as an &lt;input type="date"&gt; posts it (yyyy-MM-dd); null for anything else.</summary>
    public static DateOnly? ParseFormDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;

    /// <summary>The UTC instant at which a calendar day starts in Italy (for "from/to" date filters).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => StartOfDay(day, Italy);

    /// <summary>The UTC instant at which the day after <paramref name="day"/> starts in Italy; the calendar's last day never ends.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) => EndOfDay(day, Italy);

    /// <summary>The UTC instant at which a calendar day starts in <paramref name="zone"/> (an organization's own days).</summary>
    /// <remarks>
    /// A zone whose clocks jump at midnight has no 00:00 that day: the day starts at the first hour that exists. The
    /// calendar's first day starts before the first instant DateTimeOffset can hold: it clamps to it.
    /// </remarks>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var utcTicks = local.Ticks - zone.GetUtcOffset(local).Ticks;
        return utcTicks < DateTime.MinValue.Ticks ? DateTimeOffset.MinValue
            : utcTicks > DateTime.MaxValue.Ticks ? DateTimeOffset.MaxValue
            : new DateTimeOffset(utcTicks, TimeSpan.Zero);
    }

    /// <summary>The UTC instant at which the day after <paramref name="day"/> starts in <paramref name="zone"/>; the calendar's last day never ends.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day, TimeZoneInfo zone) => day == DateOnly.MaxValue ? DateTimeOffset.MaxValue : StartOfDay(day.AddDays(1), zone);

    /// <summary>The calendar day it is (or was) in <paramref name="zone"/> at this instant.</summary>
    public static DateOnly DayIn(DateTimeOffset value, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(value, zone).DateTime);
}

/// <summary>
/// The current organization's time zone: where its days begin and end, for the periods people ask by date (the
/// desk's calendar sets it, Europe/Rome by default). Modules that count by day ask here, so their days agree.
/// </summary>
public interface IOrganizationTimeZone
{
    Task<TimeZoneInfo> GetAsync(CancellationToken ct = default);
}

/// <summary>
/// The current organization's business hours (the desk's calendar: its week, the Italian holidays, its closures), for
/// every deadline counted in working time: a case's SLA, a loop to close within 48 working hours.
/// </summary>
public interface IBusinessHours
{
    /// <summary>The instant by which <paramref name="duration"/> of working time has passed since <paramref name="start"/>.</summary>
    Task<DateTimeOffset> AddAsync(DateTimeOffset start, TimeSpan duration, CancellationToken ct = default);

    /// <summary>
    /// The same local time of day <paramref name="days"/> working days after <paramref name="start"/> (a survey "2
    /// giorni lavorativi dopo la consegna"); the next opening when that moment is outside the working hours.
    /// </summary>
    Task<DateTimeOffset> AddWorkingDaysAsync(DateTimeOffset start, int days, CancellationToken ct = default);
}
