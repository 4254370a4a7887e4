using Cerchio.Tenancy;

namespace Cerchio.Feedback.Domain;

/// <summary>
/// A relationship survey's calendar: every <see cref="EveryMonths"/> months from <see cref="FirstDay"/>, at
/// <see cref="Hour"/> in the organization's time zone, it invites every person of a segment of customers — each person
/// customer and every contact of each company. A survey with a schedule (even one switched off since) is a relationship
/// survey: a company's relationship NPS is made of its answers. Runs are made by <c>SurveySchedules</c> (ADR 0020).
/// </summary>
internal sealed class SurveySchedule : IOrganizationScoped
{
    public const int MaxEveryMonths = 24;
    public const int MaxAttribute = 100;
    public const int MaxValue = 200;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SurveyId { get; set; }
    public bool Enabled { get; set; }

    /// <summary>The segment: customers whose custom attribute holds the value (ignoring case); both null: every active customer.</summary>
    public string? Attribute { get; set; }
    public string? Value { get; set; }

    public int EveryMonths { get; set; }
    public DateOnly FirstDay { get; set; }

    /// <summary>The hour of the day (0–23) runs start at, in the organization's time zone.</summary>
    public int Hour { get; set; }

    /// <summary>When the next run starts; null while switched off.</summary>
    public DateTimeOffset? NextRunAt { get; set; }

    /// <summary>
    /// The latest run, in progress or done: the moment it was due (which names its invitations' cause), the last customer
    /// it has reached (customers are taken in the order of their ids), when it ended, and why it invited nobody
    /// (<see cref="SkipReasons.SurveyClosed"/>) if so.
    /// </summary>
    public DateTimeOffset? RunAt { get; set; }
    public Guid? RunCursor { get; set; }
    public DateTimeOffset? RunEndedAt { get; set; }
    public string? RunNote { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool Running => RunAt is not null && RunEndedAt is null;

    /// <summary>The prefix of the causes of one run's invitations: one invitation per person and run, however often a batch is read.</summary>
    public static string CausePrefix(DateTimeOffset runAt) => $"schedule:{runAt.UtcTicks}:";

    public static string CauseOf(DateTimeOffset runAt, Guid personId) => $"{CausePrefix(runAt)}{personId:N}";

    /// <summary>
    /// The <paramref name="n"/>-th run (0 is the first): the first day plus n·<see cref="EveryMonths"/> months — counted
    /// from the first day each time, so a schedule from 31 January runs on 28 February, then 31 March, never drifting
    /// to the 28th — at <see cref="Hour"/> there.
    /// </summary>
    public DateTimeOffset RunOf(int n, TimeZoneInfo zone) => AtHour(FirstDay.AddMonths(n * EveryMonths), Hour, zone);

    /// <summary>The first run strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(after, zone);
        var months = (local.Year - FirstDay.Year) * 12 + local.Month - FirstDay.Month;
        // Start a period early (the runs of that month may lie either side of the instant), then step forward.
        var n = Math.Max(0, months / EveryMonths - 1);
        while (RunOf(n, zone) <= after)
        {
            n++;
        }

        return RunOf(n, zone);
    }

    /// <summary>
    /// The instant a local hour of a day falls at in <paramref name="zone"/>. An hour the clocks skip (02:00 on the last
    /// Sunday of March in Rome) is the first that exists after it; an hour they repeat (02:00 on the last Sunday of
    /// October) is its first time, so a run is due once.
    /// </summary>
    public static DateTimeOffset AtHour(DateOnly day, int hour, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        while (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
