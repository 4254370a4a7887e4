namespace Cerchio.Text;

/// <summary>Timestamps are stored in UTC and shown in Italian time (the product's market), formatted per the request culture.</summary>
public static class Times
{
    public static readonly TimeZoneInfo Italy = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    public static DateTimeOffset InItaly(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Italy);

    /// <summary>Date and time in Italy, short format of the reader's culture; a dash for none.</summary>
    public static string Short(DateTimeOffset? value) => value is { } v ? InItaly(v).ToString("g") : "—";

    /// <summary>The UTC instant at which a calendar day starts in Italy (for "from/to" date filters).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Italy.GetUtcOffset(local)).ToUniversalTime();
    }
}
