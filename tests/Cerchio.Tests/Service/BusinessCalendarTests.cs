using System.Globalization;
using Cerchio.Service.Domain;
using PublicHoliday;

namespace Cerchio.Tests.Service;

/// <summary>
/// The business calendar against hand-computed instants. Unless a test says otherwise the calendar is the Italian
/// default: Monday to Friday 08:30–12:30 and 14:00–18:00 in Europe/Rome, national holidays closed. Instants are
/// written with the offset Rome has on that day (+01:00 in winter, +02:00 in summer), worked out by hand.
/// </summary>
public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Default = BusinessCalendar.ItalianDefault;

    internal static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static BusinessCalendar With(params Closure[] closures) =>
        new(CalendarSettings.ItalianDefault with { Closures = closures });

    /// <summary>Open every day around the clock, holidays included: business time is wall-clock time.</summary>
    private static BusinessCalendar AroundTheClock() => new(new CalendarSettings
    {
        NationalHolidays = false,
        Week = [.. Enum.GetValues<DayOfWeek>().Select(d => new OpenInterval(d, TimeOnly.MinValue, TimeOnly.MinValue))],
    });

    [Theory]
    [InlineData("2026-07-07T08:30:00+02:00", true)]    // Tuesday, opening instant included
    [InlineData("2026-07-07T08:29:59+02:00", false)]
    [InlineData("2026-07-07T12:30:00+02:00", false)]   // closing instant excluded
    [InlineData("2026-07-07T13:00:00+02:00", false)]   // lunch break
    [InlineData("2026-07-07T17:59:00+02:00", true)]
    [InlineData("2026-07-07T18:00:00+02:00", false)]
    [InlineData("2026-07-07T06:30:00Z", true)]         // the same 08:30 given in UTC
    [InlineData("2026-07-11T10:00:00+02:00", false)]   // Saturday
    [InlineData("2026-04-06T10:00:00+02:00", false)]   // Pasquetta 2026
    [InlineData("2026-04-07T10:00:00+02:00", true)]    // the Tuesday after
    [InlineData("2026-01-06T10:00:00+01:00", false)]   // Epifania, a Tuesday
    public void IsOpen_FollowsHoursLunchWeekendsAndHolidays(string instant, bool open)
    {
        Assert.Equal(open, Default.IsOpen(At(instant)));
    }

    [Fact]
    public void AddBusinessTime_WithinOneInterval_AddsWallClockTime()
    {
        var due = Default.AddBusinessTime(At("2026-07-07T09:00:00+02:00"), TimeSpan.FromHours(2));

        // Tuesday 09:00 + 2 h inside the morning = 11:00, returned in UTC.
        Assert.Equal(At("2026-07-07T11:00:00+02:00"), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void AddBusinessTime_AcrossTheLunchBreak_SkipsIt()
    {
        // Tuesday 11:30: 1 h to 12:30, lunch 12:30–14:00 skipped, 1 h more from 14:00 = 15:00.
        Assert.Equal(At("2026-07-07T15:00:00+02:00"), Default.AddBusinessTime(At("2026-07-07T11:30:00+02:00"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void BusinessTimeBetween_OverTheLunchBreak_CountsOnlyOpenTime()
    {
        // 12:00–12:30 (30 min) + 14:00–14:30 (30 min) = 1 h; the 90 min of lunch count nothing.
        Assert.Equal(TimeSpan.FromHours(1), Default.BusinessTimeBetween(At("2026-07-07T12:00:00+02:00"), At("2026-07-07T14:30:00+02:00")));
    }

    [Fact]
    public void AddBusinessTime_AcrossAWeekend_SkipsSaturdayAndSunday()
    {
        // Friday 10 July 17:00: 1 h to 18:00; Saturday and Sunday closed; 2 h from Monday 08:30 = 10:30.
        Assert.Equal(At("2026-07-13T10:30:00+02:00"), Default.AddBusinessTime(At("2026-07-10T17:00:00+02:00"), TimeSpan.FromHours(3)));
    }

    [Fact]
    public void AddBusinessTime_AcrossPasquetta_SkipsTheHoliday()
    {
        // Easter 2026 is Sunday 5 April. Friday 3 April 16:00: 2 h to 18:00; Saturday, Easter Sunday and
        // Pasquetta (Monday 6) closed; 2 h from Tuesday 7 April 08:30 = 10:30.
        Assert.Equal(At("2026-04-07T10:30:00+02:00"), Default.AddBusinessTime(At("2026-04-03T16:00:00+02:00"), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void AddBusinessTime_AcrossEaster2027_SkipsPasquettaAndTheClockChange()
    {
        // Easter 2027 is Sunday 28 March, the very day the clocks go forward. Friday 26 March 17:00 CET (16:00Z):
        // 1 h to 18:00 CET; Saturday, Sunday and Pasquetta (Monday 29) closed; 2 h from Tuesday 30 March 08:30 CEST
        // = 10:30 CEST = 08:30Z.
        var due = Default.AddBusinessTime(At("2027-03-26T17:00:00+01:00"), TimeSpan.FromHours(3));

        Assert.Equal(At("2027-03-30T08:30:00Z"), due);
    }

    [Fact]
    public void AddBusinessTime_AcrossAPatronSaint_SkipsTheOrganizationsOwnDay()
    {
        var milan = With(Closure.Yearly(12, 7, "Sant'Ambrogio"));

        // Friday 4 December 2026 17:00: 1 h to 18:00; weekend; Monday 7 Sant'Ambrogio (Milan's own);
        // Tuesday 8 Immacolata (national); 1 h from Wednesday 9 at 08:30 = 09:30.
        Assert.Equal(At("2026-12-09T09:30:00+01:00"), milan.AddBusinessTime(At("2026-12-04T17:00:00+01:00"), TimeSpan.FromHours(2)));

        // Elsewhere Monday 7 is an ordinary day: 1 h from 08:30 = 09:30 on the 7th.
        Assert.Equal(At("2026-12-07T09:30:00+01:00"), Default.AddBusinessTime(At("2026-12-04T17:00:00+01:00"), TimeSpan.FromHours(2)));
        Assert.False(milan.IsWorkingDay(new DateOnly(2027, 12, 7)));   // every year
        Assert.True(Default.IsWorkingDay(new DateOnly(2027, 12, 7)));
    }

    [Fact]
    public void AddBusinessTime_AcrossAnAugustClosure_SkipsTheWholeRange()
    {
        var calendar = With(Closure.Period(new DateOnly(2026, 8, 10), new DateOnly(2026, 8, 21), "Chiusura estiva"));

        // Friday 7 August 17:00: 1 h to 18:00; weekend 8–9; closed Monday 10 to Friday 21 (Ferragosto falls inside);
        // weekend 22–23; 1 h from Monday 24 at 08:30 = 09:30.
        Assert.Equal(At("2026-08-24T09:30:00+02:00"), calendar.AddBusinessTime(At("2026-08-07T17:00:00+02:00"), TimeSpan.FromHours(2)));

        // August 2026 has 21 weekdays (3–7, 10–14, 17–21, 24–28, 31); the closure takes 10; Ferragosto is a
        // Saturday. 11 days × 8 h = 88 h.
        Assert.Equal(TimeSpan.FromHours(88), calendar.BusinessTimeBetween(At("2026-08-01T00:00:00+02:00"), At("2026-09-01T00:00:00+02:00")));
    }

    [Fact]
    public void AddBusinessTime_AcrossOverlappingDatedClosures_SkipsTheirUnion()
    {
        // 10–14 August and 13–21 August together close 10–21, as in the test above: Monday 24 at 09:30.
        var calendar = With(
            Closure.Period(new DateOnly(2026, 8, 13), new DateOnly(2026, 8, 21)),
            Closure.Period(new DateOnly(2026, 8, 10), new DateOnly(2026, 8, 14)));

        Assert.Equal(At("2026-08-24T09:30:00+02:00"), calendar.AddBusinessTime(At("2026-08-07T17:00:00+02:00"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void BusinessTimeBetween_ChristmasToEpiphany_CountsOnlyTheDaysBetweenHolidays()
    {
        // Thursday 24 Dec 2026 to Thursday 7 Jan 2027 (exclusive): open 24, 28, 29, 30, 31 Dec and 4, 5 Jan;
        // closed 25 (Natale), 26 (Santo Stefano), 1 Jan (Capodanno), 6 Jan (Epifania) and the weekends.
        // 7 days × 8 h = 56 h.
        Assert.Equal(TimeSpan.FromHours(56), Default.BusinessTimeBetween(At("2026-12-24T00:00:00+01:00"), At("2027-01-07T00:00:00+01:00")));
    }

    [Fact]
    public void AddBusinessTime_AcrossAYearlyClosureOverNewYear_ReopensOnSeventhJanuary()
    {
        var calendar = With(Closure.YearlyPeriod(12, 24, 1, 6, "Ferie di Natale"));

        // Wednesday 23 Dec 2026 17:00: 1 h to 18:00; closed 24 Dec to 6 Jan; 1 h from Thursday 7 Jan 08:30 = 09:30.
        Assert.Equal(At("2027-01-07T09:30:00+01:00"), calendar.AddBusinessTime(At("2026-12-23T17:00:00+01:00"), TimeSpan.FromHours(2)));

        // The January share of the closure that began in December 2025: Friday 2 Jan 2026 is closed too.
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 1, 2)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 1, 7)));
    }

    [Fact]
    public void AddBusinessTime_OverTheSpringClockChange_KeepsLocalOpeningHours()
    {
        // Sunday 29 March 2026 the clocks go forward (CET +01:00 to CEST +02:00). Friday 27 March 17:00 CET
        // (16:00Z): 1 h to 18:00 CET; 1 h from Monday 30 March 08:30 CEST (06:30Z) = 09:30 CEST = 07:30Z.
        // A fixed +01:00 would have said 08:30Z.
        Assert.Equal(At("2026-03-30T07:30:00Z"), Default.AddBusinessTime(At("2026-03-27T17:00:00+01:00"), TimeSpan.FromHours(2)));

        // Friday 12:00 CET to Monday 12:00 CEST: 0.5 h + 4 h on Friday, 3.5 h on Monday = 8 h (71 h on the wall clock).
        Assert.Equal(TimeSpan.FromHours(8), Default.BusinessTimeBetween(At("2026-03-27T12:00:00+01:00"), At("2026-03-30T12:00:00+02:00")));
    }

    [Fact]
    public void AddBusinessTime_OverTheAutumnClockChange_KeepsLocalOpeningHours()
    {
        // Sunday 25 October 2026 the clocks go back (CEST to CET). Friday 23 October 17:00 CEST (15:00Z): 1 h to
        // 18:00 CEST; 1 h from Monday 26 October 08:30 CET (07:30Z) = 09:30 CET = 08:30Z.
        Assert.Equal(At("2026-10-26T08:30:00Z"), Default.AddBusinessTime(At("2026-10-23T17:00:00+02:00"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void BusinessTimeBetween_OnClockChangeDays_CountsTheRealLengthOfTheDay()
    {
        var always = AroundTheClock();

        // Local midnight to midnight: 29 March 2026 lasts 23 h, 25 October 2026 lasts 25 h.
        Assert.Equal(TimeSpan.FromHours(23), always.BusinessTimeBetween(At("2026-03-29T00:00:00+01:00"), At("2026-03-30T00:00:00+02:00")));
        Assert.Equal(TimeSpan.FromHours(25), always.BusinessTimeBetween(At("2026-10-25T00:00:00+02:00"), At("2026-10-26T00:00:00+01:00")));

        // Saturday 28 March 23:00 CET (22:00Z) + 4 h, across midnight and the change = 02:00Z = 04:00 CEST.
        Assert.Equal(At("2026-03-29T04:00:00+02:00"), always.AddBusinessTime(At("2026-03-28T23:00:00+01:00"), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void BusinessTimeBetween_NightShiftOnClockChangeDays_UsesTheRealInstants()
    {
        var night = new BusinessCalendar(new CalendarSettings
        {
            NationalHolidays = false,
            Week =
            [
                new OpenInterval(DayOfWeek.Sunday, new TimeOnly(1, 0), new TimeOnly(2, 0)),
                new OpenInterval(DayOfWeek.Sunday, new TimeOnly(2, 30), new TimeOnly(5, 0)),
            ],
        });

        // 29 March: 01:00–02:00 CET = 00:00Z–01:00Z (1 h). 02:30 never shows: the second shift starts at the change,
        // 01:00Z (03:00 CEST), and ends at 05:00 CEST = 03:00Z (2 h). 3 h in all.
        Assert.Equal(TimeSpan.FromHours(3), night.BusinessTimeBetween(At("2026-03-29T00:00:00+01:00"), At("2026-03-30T00:00:00+02:00")));

        // 25 October: 01:00–02:00 shows once, 23:00Z–00:00Z (1 h). Then 02:00–03:00 shows twice, first as CEST
        // (00:00Z–01:00Z), then as CET (01:00Z–02:00Z); 02:30–05:00 is open in both passes: 00:30Z–01:00Z (0.5 h) and
        // 01:30Z–04:00Z (2.5 h). 4 h in all.
        Assert.Equal(TimeSpan.FromHours(4), night.BusinessTimeBetween(At("2026-10-25T00:00:00+02:00"), At("2026-10-26T00:00:00+01:00")));
        Assert.False(night.IsOpen(At("2026-10-25T00:15:00Z")));   // 02:15 CEST
        Assert.True(night.IsOpen(At("2026-10-25T00:45:00Z")));    // 02:45 CEST
        Assert.False(night.IsOpen(At("2026-10-25T01:15:00Z")));   // 02:15 CET
        Assert.True(night.IsOpen(At("2026-10-25T01:45:00Z")));    // 02:45 CET

        // Its first pass, then its second: 0.5 h from 00:30Z runs out at the clock change, 1 h runs on to 01:30Z + 0.5 h.
        Assert.Equal(At("2026-10-25T01:00:00Z"), night.AddBusinessTime(At("2026-10-25T00:30:00Z"), TimeSpan.FromMinutes(30)));
        Assert.Equal(At("2026-10-25T02:00:00Z"), night.AddBusinessTime(At("2026-10-25T00:30:00Z"), TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("2026-07-07T18:30:00+02:00", "2026-07-08T09:30:00+02:00")]   // Tuesday evening: Wednesday 08:30 + 1 h
    [InlineData("2026-07-12T10:00:00+02:00", "2026-07-13T09:30:00+02:00")]   // Sunday: Monday 08:30 + 1 h
    [InlineData("2026-07-07T13:00:00+02:00", "2026-07-07T15:00:00+02:00")]   // lunch: 14:00 + 1 h
    [InlineData("2026-07-07T07:00:00+02:00", "2026-07-07T09:30:00+02:00")]   // before opening: 08:30 + 1 h
    public void AddBusinessTime_StartingOutsideHours_StartsAtTheNextOpening(string start, string due)
    {
        Assert.Equal(At(due), Default.AddBusinessTime(At(start), TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("2026-07-07T10:15:00+02:00", "2026-07-07T10:15:00+02:00")]   // open: that very instant
    [InlineData("2026-07-11T10:00:00+02:00", "2026-07-13T08:30:00+02:00")]   // Saturday: Monday's opening
    [InlineData("2026-07-07T12:30:00+02:00", "2026-07-07T14:00:00+02:00")]   // at closing: the afternoon opening
    public void AddBusinessTime_Zero_IsTheNextOpening(string start, string due)
    {
        Assert.Equal(At(due), Default.AddBusinessTime(At(start), TimeSpan.Zero));
        Assert.Equal(At(due), Default.NextOpening(At(start)));
    }

    [Fact]
    public void AddBusinessTime_RunningOutAtClosing_IsTheClosingInstant()
    {
        // Tuesday 14:00 + 4 h = 18:00 that day, not 08:30 the next morning.
        Assert.Equal(At("2026-07-07T18:00:00+02:00"), Default.AddBusinessTime(At("2026-07-07T14:00:00+02:00"), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void BusinessTimeBetween_AWholeWeek_IsFortyHours_AndNegativeBackwards()
    {
        // Monday 6 to Monday 13 July 2026: 5 days × (4 h + 4 h).
        var from = At("2026-07-06T00:00:00+02:00");
        var to = At("2026-07-13T00:00:00+02:00");

        Assert.Equal(TimeSpan.FromHours(40), Default.BusinessTimeBetween(from, to));
        Assert.Equal(TimeSpan.FromHours(-40), Default.BusinessTimeBetween(to, from));
        Assert.Equal(TimeSpan.Zero, Default.BusinessTimeBetween(from, from));
    }

    [Fact]
    public void AddBusinessTime_NegativeDuration_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Default.AddBusinessTime(At("2026-07-07T10:00:00+02:00"), TimeSpan.FromMinutes(-1)));
    }

    [Fact]
    public void BusinessTimeBetween_TenYears_MatchesTheWorkingDaysAndItsInverse()
    {
        var from = At("2026-01-01T00:00:00+01:00");
        var to = At("2036-01-01T00:00:00+01:00");

        // Weekdays minus national holidays on weekdays, 2026…2035: 254, 255, 250, 253, 253, 251, 256, 252, 250, 253
        // = 2,527 working days (2,608 weekdays − 81 holidays), × 8 h = 20,216 h.
        var total = Default.BusinessTimeBetween(from, to);
        Assert.Equal(TimeSpan.FromHours(20_216), total);

        // The same count made independently, a day at a time with PublicHoliday's own check.
        var holidays = new ItalyPublicHoliday();
        var workingDays = Enumerable.Range(0, (int)(to - from).TotalDays + 1)
            .Select(i => new DateTime(2026, 1, 1).AddDays(i))
            .Count(d => d.Year < 2036 && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.IsPublicHoliday(d));
        Assert.Equal(TimeSpan.FromHours(8 * workingDays), total);

        // Inverse: all of it, from the start, runs out at the last closing before the end, Monday 31 Dec 2035 18:00.
        Assert.Equal(At("2035-12-31T18:00:00+01:00"), Default.AddBusinessTime(from, total));

        // And an odd amount from an odd instant comes back exactly.
        var start = At("2026-04-15T10:17:23+02:00");
        var amount = new TimeSpan(12_345, 37, 11);
        Assert.Equal(amount, Default.BusinessTimeBetween(start, Default.AddBusinessTime(start, amount)));
    }

    [Fact]
    public void NationalHolidays_Off_KeepsTheCalendarOpenOnThem()
    {
        var open = new BusinessCalendar(CalendarSettings.ItalianDefault with { NationalHolidays = false });

        Assert.True(open.IsOpen(At("2026-04-06T10:00:00+02:00")));   // Pasquetta
        Assert.False(Default.IsOpen(At("2026-04-06T10:00:00+02:00")));
    }

    [Theory]
    [InlineData("2026-07-10T10:00:00+02:00", 2, "2026-07-14T10:00:00+02:00")]   // Friday: Monday, Tuesday at the same time
    [InlineData("2026-07-11T10:00:00+02:00", 1, "2026-07-13T10:00:00+02:00")]   // a Saturday counts from its own day: Monday
    [InlineData("2026-12-24T10:00:00+01:00", 2, "2026-12-29T10:00:00+01:00")]   // Natale, Santo Stefano and the weekend pass
    [InlineData("2026-04-03T10:00:00+02:00", 1, "2026-04-07T10:00:00+02:00")]   // Pasquetta passes
    [InlineData("2026-03-27T10:00:00+01:00", 1, "2026-03-30T10:00:00+02:00")]   // across the spring change: 10:00 local on both sides
    [InlineData("2026-07-10T19:00:00+02:00", 1, "2026-07-14T08:30:00+02:00")]   // Monday 19:00 is closed: Tuesday's opening
    [InlineData("2026-07-07T13:00:00+02:00", 1, "2026-07-08T14:00:00+02:00")]   // the lunch break: that afternoon's opening
    [InlineData("2026-07-11T10:00:00+02:00", 0, "2026-07-13T08:30:00+02:00")]   // no days: the next opening
    public void AddWorkingDays_KeepsTheTimeOfDay_SkippingClosedDays_ElseTheNextOpening(string start, int days, string expected)
    {
        Assert.Equal(At(expected), Default.AddWorkingDays(At(start), days));
    }

    [Fact]
    public void AddWorkingDays_SkipsTheOrganizationsOwnClosedDays()
    {
        // Sant'Ambrogio (7 December, a Monday in 2026) closed in Milan, then the Immacolata: Friday + 1 working day is Wednesday.
        Assert.Equal(At("2026-12-09T10:00:00+01:00"), With(Closure.Yearly(12, 7)).AddWorkingDays(At("2026-12-04T10:00:00+01:00"), 1));
        Assert.Equal(At("2026-12-07T10:00:00+01:00"), Default.AddWorkingDays(At("2026-12-04T10:00:00+01:00"), 1));
    }
}
