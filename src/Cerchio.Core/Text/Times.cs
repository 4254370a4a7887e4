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
    /// <remarks>The calendar's first day starts before the first instant DateTimeOffset can hold: it clamps to it.</remarks>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        var utcTicks = local.Ticks - Italy.GetUtcOffset(local).Ticks;
        return utcTicks < DateTime.MinValue.Ticks ? DateTimeOffset.MinValue : new DateTimeOffset(utcTicks, TimeSpan.Zero);
    }

    /// <summary>The UTC instant at which the day after <paramref name="day"/> starts in Italy; the calendar's last day never ends.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) => day == DateOnly.MaxValue ? DateTimeOffset.MaxValue : StartOfDay(day.AddDays(1));
}
