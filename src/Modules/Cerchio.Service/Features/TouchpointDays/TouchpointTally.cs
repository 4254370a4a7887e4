using System.Runtime.InteropServices;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Report;

namespace Cerchio.Service.Features.TouchpointDays;

/// <summary>The columns of a case that its touchpoint's figures need, and no more (see <see cref="TouchpointFigures.Rows"/>).</summary>
internal sealed class TouchpointCaseRow
{
    public string TouchpointCode { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public bool IsComplaint { get; init; }

    public DateTimeOffset? FirstResponseAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public TimeSpan WaitedOnCustomer { get; init; }

    public DateTimeOffset FirstResponseDueAt { get; init; }

    public DateTimeOffset ResolutionDueAt { get; init; }

    /// <summary>Still open and past a target at the instant it was read: judged by the database, the one place the rule is written.</summary>
    public bool OpenMissed { get; init; }
}

/// <summary>
/// One touchpoint's figures, summed from cases, from stored days, or both: the service report's definitions (see
/// <see cref="ServiceReport"/>) case by case, so a stored day and the cases it was made from always agree.
/// </summary>
internal sealed class TouchpointTally
{
    private readonly List<long> _firstResponses = [];
    private readonly List<long> _resolutions = [];

    public int Cases { get; private set; }

    public int Complaints { get; private set; }

    public int Responded { get; private set; }

    public int Resolved { get; private set; }

    public int SlaMet { get; private set; }

    public int SlaMissed { get; private set; }

    /// <summary>
    /// Adds a case. With <paramref name="judgeOpen"/> an open case past a target counts as missed, as the report counts
    /// it; without (a stored day) only what is settled counts, and the reader judges the open cases when it reads.
    /// </summary>
    public void Add(TouchpointCaseRow c, BusinessCalendar calendar, bool judgeOpen)
    {
        Cases++;
        Complaints += c.IsComplaint ? 1 : 0;
        if (c.FirstResponseAt is { } answered)
        {
            Responded++;
            _firstResponses.Add(calendar.BusinessTimeBetween(c.CreatedAt, answered).Ticks);
        }

        if (c.ResolvedAt is { } resolved)
        {
            Resolved++;
            var span = calendar.BusinessTimeBetween(c.CreatedAt, resolved) - c.WaitedOnCustomer;
            _resolutions.Add(span < TimeSpan.Zero ? 0 : span.Ticks);
            // Both targets met; a case resolved without an answer had its matter dealt with, so resolution stands for it.
            if (resolved <= c.ResolutionDueAt && (c.FirstResponseAt ?? resolved) <= c.FirstResponseDueAt)
            {
                SlaMet++;
            }
            else
            {
                SlaMissed++;
            }
        }
        else if (judgeOpen && c.OpenMissed)
        {
            SlaMissed++;
        }
    }

    /// <summary>The tally under <paramref name="key"/>, new if there was none.</summary>
    public static TouchpointTally Of<TKey>(Dictionary<TKey, TouchpointTally> tallies, TKey key)
        where TKey : notnull
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tallies[key] = tally = new TouchpointTally();
        }

        return tally;
    }

    /// <summary>Open cases of stored days that missed a target by now (counted by the database).</summary>
    public void AddOpenMisses(int count) => SlaMissed += count;

    public void Add(TouchpointFigure day)
    {
        Cases += day.Cases;
        Complaints += day.Complaints;
        Responded += day.Responded;
        Resolved += day.Resolved;
        SlaMet += day.SlaMet;
        SlaMissed += day.SlaMissed;
        _firstResponses.AddRange(Unpack(day.FirstResponses));
        _resolutions.AddRange(Unpack(day.Resolutions));
    }

    /// <summary>Writes this tally into a stored day (counts and every duration).</summary>
    public void WriteTo(TouchpointFigure day)
    {
        (day.Cases, day.Complaints, day.Responded, day.Resolved, day.SlaMet, day.SlaMissed) = (Cases, Complaints, Responded, Resolved, SlaMet, SlaMissed);
        day.FirstResponses = Pack(_firstResponses);
        day.Resolutions = Pack(_resolutions);
    }

    public DurationStats FirstResponse => DurationStats.OfTicks(CollectionsMarshal.AsSpan(_firstResponses));

    public DurationStats Resolution => DurationStats.OfTicks(CollectionsMarshal.AsSpan(_resolutions));

    /// <summary>Cases whose SLA outcome is known.</summary>
    public int SlaDecided => SlaMet + SlaMissed;

    // The machine's own byte order (little-endian on every platform .NET runs Cerchio on): a straight copy both ways.
    private static byte[] Pack(List<long> ticks) => MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(ticks)).ToArray();

    private static ReadOnlySpan<long> Unpack(byte[] bytes) => MemoryMarshal.Cast<byte, long>(bytes);
}
