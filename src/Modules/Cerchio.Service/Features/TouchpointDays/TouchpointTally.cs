using System.Runtime.InteropServices;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Report;

namespace Cerchio.Service.Features.TouchpointDays;

/// <summary>The columns of a case that its touchpoint's figures need, and no more.</summary>
internal sealed record TouchpointCaseRow(
    string TouchpointCode, DateTimeOffset CreatedAt, bool IsComplaint, DateTimeOffset? FirstResponseAt, DateTimeOffset? ResolvedAt,
    TimeSpan WaitedOnCustomer, DateTimeOffset FirstResponseDueAt, DateTimeOffset ResolutionDueAt, DateTimeOffset? SlaPausedAt);

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
    /// Adds a case. With <paramref name="now"/> an open case past a target counts as missed, as the report counts it;
    /// without it (a stored day) only what is settled counts, and the reader judges the open cases when it reads.
    /// </summary>
    public void Add(TouchpointCaseRow c, BusinessCalendar calendar, DateTimeOffset? now)
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
        else if (now is { } present)
        {
            AddOpenMiss(c, present);
        }
    }

    /// <summary>An open case missed a target by <paramref name="now"/>: answered late or still unanswered past due, or still open past its resolution due time (a wait on the customer judged at the instant it began).</summary>
    public void AddOpenMiss(TouchpointCaseRow c, DateTimeOffset now)
    {
        if ((c.FirstResponseAt ?? now) > c.FirstResponseDueAt || (c.SlaPausedAt ?? now) > c.ResolutionDueAt)
        {
            SlaMissed++;
        }
    }

    public void Add(TouchpointDay day)
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
    public void WriteTo(TouchpointDay day)
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
