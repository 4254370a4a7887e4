namespace Cerchio.Service.Domain;

/// <summary>The clock stands still from <paramref name="From"/> to <paramref name="To"/>: the case waits on the customer. No end: still waiting.</summary>
internal readonly record struct SlaPause(DateTimeOffset From, DateTimeOffset? To = null);

internal enum SlaStatus
{
    OnTrack = 1,

    /// <summary>The warning threshold of the target has elapsed (80 % by default), the due instant has not passed.</summary>
    NearBreach = 2,

    /// <summary>The due instant has passed.</summary>
    Breached = 3,
}

/// <summary>Where a case stands against one target at one instant.</summary>
/// <param name="Due">When the target runs out; while paused, as if the clock restarted now.</param>
/// <param name="Elapsed">Business time run so far, pauses excluded.</param>
/// <param name="Remaining">Target minus elapsed; zero or less once it has all run.</param>
internal sealed record SlaState(DateTimeOffset Due, TimeSpan Elapsed, TimeSpan Remaining, SlaStatus Status, bool IsPaused)
{
    public bool IsBreached => Status == SlaStatus.Breached;

    public bool IsNearBreach => Status == SlaStatus.NearBreach;
}

/// <summary>
/// One SLA target of one case (first response, or resolution) measured in the organization's business time:
/// it runs from <see cref="Start"/> (or the next opening) and stands still during pauses, which therefore push the
/// due instant later by their own business time; a pause outside opening hours changes nothing.
/// </summary>
internal sealed class SlaClock
{
    public const double DefaultWarningThreshold = 0.8;

    private readonly BusinessCalendar _calendar;
    private readonly SlaPause[] _pauses;

    /// <param name="pauses">In any order, possibly overlapping; an open one (no end) covers everything after its start.</param>
    /// <param name="warningThreshold">The share of the target after which the case is near breach, above 0 and at most 1.</param>
    public SlaClock(BusinessCalendar calendar, DateTimeOffset start, TimeSpan target, IEnumerable<SlaPause>? pauses = null,
        double warningThreshold = DefaultWarningThreshold)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(target, TimeSpan.Zero);
        if (double.IsNaN(warningThreshold) || warningThreshold <= 0 || warningThreshold > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(warningThreshold), warningThreshold, "The warning threshold is a share of the target: above 0, at most 1.");
        }

        _calendar = calendar;
        Start = start;
        Target = target;
        WarningThreshold = warningThreshold;
        _pauses = Merge(start, pauses ?? []);
    }

    public DateTimeOffset Start { get; }

    public TimeSpan Target { get; }

    public double WarningThreshold { get; }

    /// <summary>The pauses after the start, sorted and merged where they overlap.</summary>
    public IReadOnlyList<SlaPause> Pauses => _pauses;

    /// <summary>
    /// The instant the target runs out, as known at <paramref name="now"/>: an open pause counts as ending now, so
    /// while a case waits its due instant moves on with the clock on the wall.
    /// </summary>
    public DateTimeOffset DueAt(DateTimeOffset now)
    {
        var cursor = Start;
        var remaining = Target;
        foreach (var pause in _pauses)
        {
            var pauseEnd = EndOf(pause, now);
            if (pause.From > cursor)
            {
                // Would the target run out before this pause begins?
                var due = _calendar.AddBusinessTime(cursor, remaining);
                if (due <= pause.From)
                {
                    return due;
                }

                remaining -= _calendar.BusinessTimeBetween(cursor, pause.From);
            }

            if (pauseEnd > cursor)
            {
                cursor = pauseEnd;
            }
        }

        return _calendar.AddBusinessTime(cursor, remaining);
    }

    /// <summary>Business time run from the start to <paramref name="now"/>, pauses excluded.</summary>
    public TimeSpan ElapsedAt(DateTimeOffset now)
    {
        if (now <= Start)
        {
            return TimeSpan.Zero;
        }

        var elapsed = _calendar.BusinessTimeBetween(Start, now);
        foreach (var pause in _pauses)
        {
            var end = EndOf(pause, now);
            if (pause.From >= now)
            {
                break;
            }

            elapsed -= _calendar.BusinessTimeBetween(pause.From, end < now ? end : now);
        }

        return elapsed;
    }

    /// <summary>
    /// The state at <paramref name="now"/>: breached once now is past the due instant (a reply at the due instant is
    /// on time), near breach once the warning threshold of the target has elapsed.
    /// </summary>
    public SlaState At(DateTimeOffset now)
    {
        var due = DueAt(now);
        var elapsed = ElapsedAt(now);
        var status = now > due ? SlaStatus.Breached
            : elapsed.Ticks >= Target.Ticks * WarningThreshold ? SlaStatus.NearBreach
            : SlaStatus.OnTrack;
        var paused = _pauses.Any(p => p.From <= now && (p.To is null || now < p.To));
        return new SlaState(due, elapsed, Target - elapsed, status, paused);
    }

    private static DateTimeOffset EndOf(SlaPause pause, DateTimeOffset now) =>
        pause.To ?? (now > pause.From ? now : pause.From);

    /// <summary>Drops what lies before the start, sorts, and merges overlapping or touching pauses (an open one absorbs all later).</summary>
    private static SlaPause[] Merge(DateTimeOffset start, IEnumerable<SlaPause> pauses)
    {
        var merged = new List<SlaPause>();
        foreach (var pause in pauses.OrderBy(p => p.From))
        {
            if (pause.To < pause.From)
            {
                throw new ArgumentException($"A pause ends ({pause.To:O}) before it begins ({pause.From:O}).", nameof(pauses));
            }

            if (pause.To <= start)
            {
                continue;
            }

            var clipped = pause.From < start ? pause with { From = start } : pause;
            if (merged.Count > 0 && merged[^1] is var last && (last.To is null || clipped.From <= last.To))
            {
                merged[^1] = last with { To = last.To is null || clipped.To is null ? null : Max(last.To.Value, clipped.To.Value) };
            }
            else
            {
                merged.Add(clipped);
            }
        }

        return [.. merged];
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
