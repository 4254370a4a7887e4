namespace Cerchio.Text;

/// <summary>Timestamps are stored in UTC and shown in Italian time (the organizations are Italian PMI).</summary>
public static class Times
{
    public static readonly TimeZoneInfo Italy = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    public static DateTimeOffset InItaly(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Italy);
}
