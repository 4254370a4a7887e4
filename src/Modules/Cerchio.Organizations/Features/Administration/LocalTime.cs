namespace Cerchio.Organizations.Features.Administration;

/// <summary>Times are stored in UTC and shown in Italian time (the product's market), formatted per the request culture.</summary>
internal static class LocalTime
{
    private static readonly TimeZoneInfo Zone = Find();

    public static DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    /// <summary>The UTC instant at which a local calendar day starts.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static string Short(DateTimeOffset? utc) => utc is { } value ? ToLocal(value).ToString("g") : "—";

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
