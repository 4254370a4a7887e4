using Cerchio.Tenancy;

namespace Cerchio.Service.Domain;

/// <summary>
/// What the cases one touchpoint opened in a stretch of time add up to, kept so that the journey map reads a year as a
/// few thousand rows instead of every case (bench/README.md). Derived, never edited: <c>TouchpointDaysPass</c> writes it
/// from the cases alone, and a <see cref="TouchpointDayMark"/> says when it may be stale. Merged cases count nowhere.
/// Everything here is settled: an open case's SLA miss depends on the present, so it is counted when read, not stored.
/// </summary>
internal abstract class TouchpointFigure : IOrganizationScoped
{
    public Guid OrganizationId { get; set; }

    public string TouchpointCode { get; set; } = "";

    public int Cases { get; set; }

    public int Complaints { get; set; }

    public int Responded { get; set; }

    public int Resolved { get; set; }

    public int SlaMet { get; set; }

    /// <summary>Resolved cases that missed a target; open ones are judged when read.</summary>
    public int SlaMissed { get; set; }

    /// <summary>Each answered case's business time to its first answer, in ticks (8 bytes each): the medians need every one.</summary>
    public byte[] FirstResponses { get; set; } = [];

    /// <summary>Each resolved case's business time to resolution, less its waits on the customer, in ticks.</summary>
    public byte[] Resolutions { get; set; } = [];
}

/// <summary>One touchpoint's cases opened on one UTC day: a day of the organization's time zone is read from two of them plus its edges.</summary>
internal sealed class TouchpointDay : TouchpointFigure
{
    public DateOnly Day { get; set; }
}

/// <summary>
/// One touchpoint's cases opened in one UTC month (<see cref="Month"/> is its first day): the sum of its days, written
/// with them in the same transaction, so a year is read as twelve rows per touchpoint plus the days at its ends.
/// </summary>
internal sealed class TouchpointMonth : TouchpointFigure
{
    public DateOnly Month { get; set; }
}

/// <summary>
/// A case of this touchpoint and day changed since its <see cref="TouchpointDay"/> was written: readers count the day
/// from the cases until the pass writes it again and removes the mark. Written in the same transaction as the change.
/// </summary>
internal sealed class TouchpointDayMark : IOrganizationScoped
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public string TouchpointCode { get; set; } = "";

    public DateOnly Day { get; set; }
}

/// <summary>An organization's touchpoint days are complete for the calendar of this stamp; without it, or under another calendar, readers count from the cases.</summary>
internal sealed class TouchpointDayState : IOrganizationScoped
{
    public Guid OrganizationId { get; set; }

    public string CalendarStamp { get; set; } = "";

    public DateTimeOffset BuiltAt { get; set; }
}
