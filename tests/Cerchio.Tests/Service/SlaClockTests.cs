using Cerchio.Service.Domain;
using static Cerchio.Tests.Service.BusinessCalendarTests;

namespace Cerchio.Tests.Service;

/// <summary>
/// SLA clocks on the Italian default calendar (Mon–Fri 08:30–12:30, 14:00–18:00, Rome). Most start on Monday
/// 6 July 2026 at 09:00 CEST with an 8 h target: Monday gives 3.5 h (09:00–12:30) + 4 h (14:00–18:00) = 7.5 h, the
/// last 0.5 h runs out on Tuesday 7 July at 09:00.
/// </summary>
public sealed class SlaClockTests
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.ItalianDefault;
    private static readonly DateTimeOffset Monday0900 = At("2026-07-06T09:00:00+02:00");
    private static readonly TimeSpan EightHours = TimeSpan.FromHours(8);

    private static SlaClock Clock(params SlaPause[] pauses) => new(Calendar, Monday0900, EightHours, pauses);

    private static SlaPause Pause(string from, string? to) => new(At(from), to is null ? null : At(to));

    [Fact]
    public void Due_WithoutPauses_IsTheStartPlusTheTargetInBusinessTime()
    {
        Assert.Equal(At("2026-07-07T09:00:00+02:00"), Clock().DueAt(Monday0900));
    }

    [Fact]
    public void Due_PauseInsideTheWindow_PushesItByThePausesBusinessTime()
    {
        // Waiting on the customer from Monday 15:00 to Tuesday 10:00 = 3 h on Monday + 1.5 h on Tuesday = 4.5 h.
        // Before the pause 3.5 h + 1 h = 4.5 h ran; the remaining 3.5 h run from Tuesday 10:00: 2.5 h to 12:30,
        // 1 h from 14:00 = Tuesday 15:00 (the unpaused 09:00 pushed by 4.5 h of business time).
        var clock = Clock(Pause("2026-07-06T15:00:00+02:00", "2026-07-07T10:00:00+02:00"));

        var due = clock.DueAt(At("2026-07-08T12:00:00+02:00"));

        Assert.Equal(At("2026-07-07T15:00:00+02:00"), due);
        Assert.Equal(EightHours, clock.ElapsedAt(due));
    }

    [Fact]
    public void Due_PauseOutsideOpeningHours_AddsNothing()
    {
        // Monday 18:30 to Tuesday 08:00 and Saturday: all closed time anyway.
        var clock = Clock(
            Pause("2026-07-06T18:30:00+02:00", "2026-07-07T08:00:00+02:00"),
            Pause("2026-07-04T10:00:00+02:00", "2026-07-04T12:00:00+02:00"));

        Assert.Equal(At("2026-07-07T09:00:00+02:00"), clock.DueAt(At("2026-07-08T12:00:00+02:00")));
    }

    [Fact]
    public void Due_PauseAfterTheDueInstant_DoesNotMoveIt()
    {
        var clock = Clock(Pause("2026-07-07T10:00:00+02:00", "2026-07-08T10:00:00+02:00"));

        Assert.Equal(At("2026-07-07T09:00:00+02:00"), clock.DueAt(At("2026-07-09T12:00:00+02:00")));
    }

    [Fact]
    public void Due_OverlappingPauses_CountOnce()
    {
        // 15:00–16:00 and 15:30–17:00 together pause 15:00–17:00 = 2 h: Tuesday 09:00 + 2 h = 11:00.
        var clock = Clock(
            Pause("2026-07-06T15:30:00+02:00", "2026-07-06T17:00:00+02:00"),
            Pause("2026-07-06T15:00:00+02:00", "2026-07-06T16:00:00+02:00"));

        Assert.Equal(At("2026-07-07T11:00:00+02:00"), clock.DueAt(At("2026-07-08T12:00:00+02:00")));
        Assert.Single(clock.Pauses);
    }

    [Fact]
    public void OpenPause_IsPaused_AndTheDueInstantMovesWithNow()
    {
        // Waiting since Monday 15:00. At Tuesday 09:30: 3.5 h + 1 h ran before the pause (4.5 h, 56 %); if the clock
        // restarted now, 3.5 h more: 3 h to 12:30, 0.5 h from 14:00 = Tuesday 14:30.
        var clock = Clock(Pause("2026-07-06T15:00:00+02:00", null));
        var state = clock.At(At("2026-07-07T09:30:00+02:00"));

        Assert.True(state.IsPaused);
        Assert.Equal(TimeSpan.FromHours(4.5), state.Elapsed);
        Assert.Equal(TimeSpan.FromHours(3.5), state.Remaining);
        Assert.Equal(At("2026-07-07T14:30:00+02:00"), state.Due);
        Assert.Equal(SlaStatus.OnTrack, state.Status);

        // An hour later the due instant is an hour (of business time) later: 15:30.
        Assert.Equal(At("2026-07-07T15:30:00+02:00"), clock.DueAt(At("2026-07-07T10:30:00+02:00")));
    }

    [Theory]
    [InlineData("2026-07-06T16:00:00+02:00", 19_800, "OnTrack")]      // 3.5 h + 2 h = 5.5 h, 69 %
    [InlineData("2026-07-06T16:53:00+02:00", 22_980, "OnTrack")]      // 3.5 h + 2 h 53 min = 6 h 23 min, under 80 %
    [InlineData("2026-07-06T16:54:00+02:00", 23_040, "NearBreach")]   // 3.5 h + 2 h 54 min = 6 h 24 min = 80 % of 8 h
    [InlineData("2026-07-07T09:00:00+02:00", 28_800, "NearBreach")]   // the due instant itself is still on time
    [InlineData("2026-07-07T09:00:01+02:00", 28_801, "Breached")]     // one second later
    [InlineData("2026-07-11T10:00:00+02:00", 142_200, "Breached")]    // Saturday: 7.5 h Monday + 4 × 8 h Tue–Fri = 39.5 h
    public void At_ReportsNearBreachAtEightyPercent_AndBreachAfterTheDueInstant(string now, int elapsedSeconds, string status)
    {
        var state = Clock().At(At(now));

        Assert.Equal(Enum.Parse<SlaStatus>(status), state.Status);
        Assert.Equal(status == "Breached", state.IsBreached);
        Assert.Equal(status == "NearBreach", state.IsNearBreach);
        Assert.Equal(TimeSpan.FromSeconds(elapsedSeconds), state.Elapsed);
        Assert.Equal(EightHours - TimeSpan.FromSeconds(elapsedSeconds), state.Remaining);
        Assert.Equal(At("2026-07-07T09:00:00+02:00"), state.Due);
        Assert.False(state.IsPaused);
    }

    [Fact]
    public void At_WithAHalfThreshold_WarnsAtHalfTheTarget()
    {
        var clock = new SlaClock(Calendar, Monday0900, EightHours, warningThreshold: 0.5);

        // Monday 14:29: 3.5 h + 29 min < 4 h. 14:30: 3.5 h + 0.5 h = 4 h = 50 %.
        Assert.Equal(SlaStatus.OnTrack, clock.At(At("2026-07-06T14:29:00+02:00")).Status);
        Assert.Equal(SlaStatus.NearBreach, clock.At(At("2026-07-06T14:30:00+02:00")).Status);
    }

    [Fact]
    public void ZeroTarget_IsDueAtTheNextOpening_AndBreachedRightAfter()
    {
        // Opened on Saturday 11 July: due when the office opens, Monday 13 July 08:30.
        var clock = new SlaClock(Calendar, At("2026-07-11T10:00:00+02:00"), TimeSpan.Zero);

        Assert.Equal(At("2026-07-13T08:30:00+02:00"), clock.DueAt(At("2026-07-12T10:00:00+02:00")));
        Assert.False(clock.At(At("2026-07-13T08:30:00+02:00")).IsBreached);
        Assert.True(clock.At(At("2026-07-13T08:31:00+02:00")).IsBreached);
    }

    [Fact]
    public void Elapsed_ExcludesPausesAndClosedTime()
    {
        // Monday 09:00 to Wednesday 12:00 is 7.5 h + 8 h + 3.5 h = 19 h of business time; the Tuesday pause
        // 10:00–15:00 takes 2.5 h + 1 h = 3.5 h of it: 15.5 h.
        var clock = new SlaClock(Calendar, Monday0900, TimeSpan.FromHours(24), [Pause("2026-07-07T10:00:00+02:00", "2026-07-07T15:00:00+02:00")]);

        Assert.Equal(TimeSpan.FromHours(15.5), clock.ElapsedAt(At("2026-07-08T12:00:00+02:00")));
        Assert.Equal(TimeSpan.Zero, clock.ElapsedAt(At("2026-07-06T08:00:00+02:00")));   // before the start
    }

    [Fact]
    public void DueAt_PauseEndingOnPasquetta_ResumesOnTuesday()
    {
        // An urgent complaint on Thursday 2 April 2026 at 17:00: resolution target 4 h. 1 h on Thursday, 4 h on
        // Friday 3 would do it (08:30 + 3 h = 11:30), before any holiday.
        var targets = SlaPolicy.ItalianDefault.For(CasePriority.Urgent, CaseType.Complaint);
        var thursday = new SlaClock(Calendar, At("2026-04-02T17:00:00+02:00"), targets.Resolution);
        Assert.Equal(At("2026-04-03T11:30:00+02:00"), thursday.DueAt(At("2026-04-02T17:00:00+02:00")));

        // The customer is asked a question at Friday 10:00 and answers on Monday 6 April (Pasquetta) at 11:00:
        // 1 h Thursday + 1.5 h Friday ran; 1.5 h remain from Tuesday 7 April 08:30 = 10:00.
        var paused = new SlaClock(Calendar, At("2026-04-02T17:00:00+02:00"), targets.Resolution,
            [Pause("2026-04-03T10:00:00+02:00", "2026-04-06T11:00:00+02:00")]);
        Assert.Equal(At("2026-04-07T10:00:00+02:00"), paused.DueAt(At("2026-04-07T09:00:00+02:00")));
    }

    [Fact]
    public void InvalidClockArguments_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlaClock(Calendar, Monday0900, TimeSpan.FromHours(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlaClock(Calendar, Monday0900, EightHours, warningThreshold: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlaClock(Calendar, Monday0900, EightHours, warningThreshold: 1.5));
        Assert.Throws<ArgumentException>(() => Clock(Pause("2026-07-06T15:00:00+02:00", "2026-07-06T14:00:00+02:00")));
    }
}
