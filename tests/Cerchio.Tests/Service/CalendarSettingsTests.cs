using System.Text.Json;
using Cerchio.Service;
using Cerchio.Service.Domain;
using Cerchio.Text;
using static Cerchio.Tests.Service.BusinessCalendarTests;

namespace Cerchio.Tests.Service;

public sealed class CalendarSettingsTests
{
    private static readonly TimeOnly Nine = new(9, 0);
    private static readonly TimeOnly Noon = new(12, 0);
    private static readonly TimeOnly Six = new(18, 0);

    private static CalendarSettings Settings(string why) => why switch
    {
        "no open interval" => CalendarSettings.ItalianDefault with { Week = [] },
        "closing before opening" => new() { Week = [new(DayOfWeek.Monday, Six, Nine)] },
        "empty interval" => new() { Week = [new(DayOfWeek.Monday, Nine, Nine)] },
        "overlapping intervals" => new() { Week = [new(DayOfWeek.Monday, Nine, new(13, 0)), new(DayOfWeek.Monday, Noon, Six)] },
        "no such weekday" => new() { Week = [new((DayOfWeek)7, Nine, Six)] },
        "unknown time zone" => CalendarSettings.ItalianDefault with { TimeZone = "Europe/Milano" },
        "closure ending before it starts" => CalendarSettings.ItalianDefault with { Closures = [Closure.Period(new(2026, 8, 21), new(2026, 8, 10))] },
        "yearly closure on 29 February" => CalendarSettings.ItalianDefault with { Closures = [Closure.Yearly(2, 29)] },
        "closed all year" => CalendarSettings.ItalianDefault with { Closures = [Closure.Yearly(6, 2), Closure.YearlyPeriod(3, 2, 3, 1)] },
        _ => throw new ArgumentOutOfRangeException(nameof(why)),
    };

    [Theory]
    [InlineData("no open interval", "Week")]
    [InlineData("closing before opening", "Week[0]")]
    [InlineData("empty interval", "Week[0]")]
    [InlineData("overlapping intervals", "Week[1]")]
    [InlineData("no such weekday", "Week[0]")]
    [InlineData("unknown time zone", "TimeZone")]
    [InlineData("closure ending before it starts", "Closures[0]")]
    [InlineData("yearly closure on 29 February", "Closures[0]")]
    [InlineData("closed all year", "Closures")]
    public void InvalidSettings_AreRejectedWithAClearErrorOnTheField(string why, string field)
    {
        var settings = Settings(why);
        var errors = settings.Validate();
        Assert.True(errors.For(field).Count > 0, $"{why}: no error on {field}");

        var loc = new Loc([new ServiceTranslations()]);
        Assert.All(errors.All, e => Assert.True(loc.HasEnglish(e.Message.Text), $"no English for «{e.Message.Text}»"));

        var thrown = Assert.Throws<InvalidSettingsException>(() => new BusinessCalendar(settings));
        Assert.Contains(field + ":", thrown.Message);
        Assert.True(thrown.Errors.For(field).Count > 0);
    }

    [Fact]
    public void TouchingIntervalsAndAMidnightEnd_AreValid()
    {
        var settings = new CalendarSettings
        {
            Week =
            [
                new(DayOfWeek.Monday, Nine, Noon),
                new(DayOfWeek.Monday, Noon, Six),
                new(DayOfWeek.Saturday, TimeOnly.MinValue, TimeOnly.MinValue),   // all day
            ],
        };

        Assert.False(settings.Validate().Any);

        // Monday 6 July 2026 09:00–18:00 (9 h) + Saturday 11 July 00:00–24:00 (24 h) = 33 h in the week.
        var calendar = new BusinessCalendar(settings);
        Assert.Equal(TimeSpan.FromHours(33), calendar.BusinessTimeBetween(At("2026-07-06T00:00:00+02:00"), At("2026-07-13T00:00:00+02:00")));
    }

    [Fact]
    public void Settings_RoundTripThroughJson_AndKeepTheirMeaning()
    {
        var settings = CalendarSettings.ItalianDefault with
        {
            Closures =
            [
                Closure.Yearly(12, 7, "Sant'Ambrogio"),
                Closure.Period(new(2026, 8, 10), new(2026, 8, 21), "Chiusura estiva"),
            ],
        };
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

        var json = JsonSerializer.Serialize(settings, options);
        var back = JsonSerializer.Deserialize<CalendarSettings>(json, options)!;

        Assert.Contains("\"time_zone\":\"Europe/Rome\"", json);
        Assert.Contains("\"from\":\"2000-12-07\"", json);
        Assert.False(back.Validate().Any);
        Assert.Equal(JsonSerializer.Serialize(back, options), json);

        // Behaves the same: Friday 4 Dec 2026 17:00 + 2 h skips Sant'Ambrogio and Immacolata (see BusinessCalendarTests).
        Assert.Equal(At("2026-12-09T09:30:00+01:00"), new BusinessCalendar(back).AddBusinessTime(At("2026-12-04T17:00:00+01:00"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void ItalianDefault_IsTheUsualPmiWeekInRome()
    {
        var settings = CalendarSettings.ItalianDefault;

        Assert.Equal("Europe/Rome", settings.TimeZone);
        Assert.True(settings.NationalHolidays);
        Assert.Equal(10, settings.Week.Count);   // Monday to Friday, morning and afternoon
        Assert.DoesNotContain(settings.Week, i => i.Day is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.Contains(new OpenInterval(DayOfWeek.Wednesday, new(14, 0), new(18, 0)), settings.Week);
    }
}
