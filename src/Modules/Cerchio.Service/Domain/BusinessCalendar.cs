using System.Collections.Concurrent;
using System.Collections.Frozen;
using PublicHoliday;

namespace Cerchio.Service.Domain;

/// <summary>
/// When an organization is open: its weekly hours in its own time zone, minus the Italian national holidays and
/// its own closures. Instants in and out are UTC; hours are local, so a day of 08:30–18:00 is 08:30–18:00 on both
/// sides of a daylight-saving change. An instant is open when the local clock shows a time inside an open interval
/// of an open day; business time is the real time spent open.
/// </summary>
/// <remarks>
/// Work is done a day at a time (a closed day costs one set lookup), never a minute at a time: ten years are about
/// 3,650 steps. Immutable and safe to share between threads.
/// </remarks>
internal sealed class BusinessCalendar
{
    // A run of closed days this long (40 years) means the settings leave nothing open: say so instead of looping on.
    private const int MaxClosedRun = 40 * 366;

    // UTC offsets lie within -12 h…+14 h.
    private const long MaxOffset = 14 * TimeSpan.TicksPerHour;

    // Instants must fall on these local days; walking a day or two beyond them still converts without overflowing.
    private static readonly DateOnly FirstDate = new(2, 1, 1);
    private static readonly DateOnly LastDate = new(9998, 12, 31);
    private static readonly DateOnly WalkLimit = new(9999, 12, 1);

    private static readonly ConcurrentDictionary<int, FrozenSet<DateOnly>> ItalianHolidaysByYear = new();

    private readonly (TimeSpan Start, TimeSpan End)[][] _week = new (TimeSpan, TimeSpan)[7][];
    private readonly Closure[] _datedClosures;
    private readonly Closure[] _yearlyClosures;
    private readonly ConcurrentDictionary<int, FrozenSet<DateOnly>> _closedDaysByYear = new();

    /// <exception cref="InvalidSettingsException">The settings do not pass <see cref="CalendarSettings.Validate"/>.</exception>
    public BusinessCalendar(CalendarSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Validate();
        if (errors.Any)
        {
            throw new InvalidSettingsException("calendar", errors);
        }

        Settings = settings;
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
        for (var day = 0; day < 7; day++)
        {
            _week[day] = settings.Week
                .Where(i => (int)i.Day == day)
                .OrderBy(i => i.StartOffset)
                .Select(i => (i.StartOffset, i.EndOffset))
                .ToArray();
        }

        var closures = settings.Closures ?? [];
        _datedClosures = closures.Where(c => !c.EveryYear).OrderBy(c => c.From).ToArray();
        _yearlyClosures = closures.Where(c => c.EveryYear).ToArray();
    }

    /// <summary>The Italian PMI default (<see cref="CalendarSettings.ItalianDefault"/>), shared.</summary>
    public static BusinessCalendar ItalianDefault { get; } = new(CalendarSettings.ItalianDefault);

    /// <summary>
    /// Tells calendars apart: the same settings give the same stamp. Business times stored under one calendar (the
    /// touchpoints' day figures) are stale under another.
    /// </summary>
    public string Stamp => _stamp ??= Convert.ToHexString(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(DeskSettings.Write(Settings))))[..32];

    private string? _stamp;

    public CalendarSettings Settings { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Whether <paramref name="instant"/> falls inside an open interval (opening included, closing excluded).</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        var at = instant.UtcTicks;
        var day = LocalDate(instant);
        foreach (var (start, end) in Openings(day.AddDays(-1), day.AddDays(1)))
        {
            if (start > at)
            {
                break;
            }

            if (at < end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the local <paramref name="date"/> has opening hours and is neither a holiday nor a closure.</summary>
    public bool IsWorkingDay(DateOnly date) => _week[(int)date.DayOfWeek].Length > 0 && !IsClosed(date);

    /// <summary>The first open instant at or after <paramref name="instant"/>: where an SLA clock starts running.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset instant) => AddBusinessTime(instant, TimeSpan.Zero);

    /// <summary>
    /// The earliest instant by which <paramref name="duration"/> of business time has passed since
    /// <paramref name="start"/>. Outside hours the clock starts at the next opening; a duration that runs out exactly
    /// at closing time gives the closing time. A zero duration gives the next opening.
    /// </summary>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var cursor = start.UtcTicks;
        var remaining = duration.Ticks;
        foreach (var (open, close) in Openings(LocalDate(start).AddDays(-1), lastDay: null))
        {
            if (close <= cursor)
            {
                continue;
            }

            var from = Math.Max(open, cursor);
            if (remaining <= close - from)
            {
                return new DateTimeOffset(from + remaining, TimeSpan.Zero);
            }

            remaining -= close - from;
        }

        throw new InvalidOperationException("Unreachable: the openings never end.");
    }

    /// <summary>
    /// The same local time of day <paramref name="days"/> working days after <paramref name="start"/>'s local day ("2
    /// giorni lavorativi dopo la consegna": delivered Friday 10:00, Tuesday 10:00). When that moment is not open (the
    /// start was after hours, in the lunch break, or the clocks jumped over it) it is the next opening: a reminder
    /// reaches people while someone can answer them. Zero days gives the next opening from <paramref name="start"/>.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var local = TimeZoneInfo.ConvertTime(start, TimeZone).DateTime;
        var day = LocalDate(start);
        for (int left = days, closedRun = 0; left > 0;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                (left, closedRun) = (left - 1, 0);
            }
            else if (++closedRun > MaxClosedRun || day >= WalkLimit)
            {
                throw new InvalidOperationException("The business calendar has no working day in 40 years: check its closures.");
            }
        }

        var wall = day.ToDateTime(TimeOnly.FromDateTime(local));
        // On the spring change that hour never shows; an autumn hour that shows twice is taken at its first showing.
        while (TimeZone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(30);
        }

        var offset = TimeZone.IsAmbiguousTime(wall) ? TimeZone.GetAmbiguousTimeOffsets(wall).Max() : TimeZone.GetUtcOffset(wall);
        return NextOpening(new DateTimeOffset(wall, offset).ToUniversalTime());
    }

    /// <summary>The business time between two instants; negative when <paramref name="to"/> is before <paramref name="from"/>.</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -BusinessTimeBetween(to, from);
        }

        var first = from.UtcTicks;
        var last = to.UtcTicks;
        long total = 0;
        foreach (var (open, close) in Openings(LocalDate(from).AddDays(-1), LocalDate(to).AddDays(1)))
        {
            if (open >= last)
            {
                break;
            }

            var start = Math.Max(open, first);
            var end = Math.Min(close, last);
            if (end > start)
            {
                total += end - start;
            }
        }

        return TimeSpan.FromTicks(total);
    }

    /// <summary>
    /// The open intervals, as UTC ticks, of each local day from <paramref name="firstDay"/> on (to
    /// <paramref name="lastDay"/> if given), in order and never overlapping.
    /// </summary>
    private IEnumerable<(long Open, long Close)> Openings(DateOnly firstDay, DateOnly? lastDay)
    {
        var previousClose = long.MinValue;
        var closedRun = 0;
        var pieces = new List<(long Open, long Close)>(8);
        var day = firstDay;
        while (lastDay is null || day <= lastDay)
        {
            // A dated closure (the August weeks of one year) is skipped in one step, however long.
            while (day < WalkLimit && DatedClosureEnd(day) is { } closureEnd)
            {
                day = closureEnd < WalkLimit ? closureEnd.AddDays(1) : WalkLimit;
            }

            if (lastDay is not null && day > lastDay)
            {
                yield break;
            }

            if (day >= WalkLimit)
            {
                throw new ArgumentOutOfRangeException("duration", "The business calendar goes no further than the year 9998.");
            }

            var opened = false;
            var hours = _week[(int)day.DayOfWeek];
            if (hours.Length > 0 && !ClosedDays(day.Year).Contains(day))
            {
                var midnight = day.ToDateTime(TimeOnly.MinValue);
                pieces.Clear();
                foreach (var (start, end) in hours)
                {
                    var (first, second) = UtcPieces(midnight + start, midnight + end);
                    pieces.Add(first);
                    pieces.Add(second);
                }

                // When the clocks go back, a later interval's first pass can come before an earlier one's second.
                if (pieces.Count > 2)
                {
                    pieces.Sort();
                }

                foreach (var (pieceOpen, pieceClose) in pieces)
                {
                    // Each instant has one local time, so pieces never overlap; clipping to the previous close only
                    // keeps the order in a zone whose clocks go back across midnight.
                    var open = Math.Max(pieceOpen, previousClose);
                    if (pieceClose > open)
                    {
                        opened = true;
                        previousClose = pieceClose;
                        yield return (open, pieceClose);
                    }
                }
            }

            closedRun = opened ? 0 : closedRun + 1;
            if (lastDay is null && closedRun > MaxClosedRun)
            {
                throw new InvalidOperationException("The business calendar has no opening hours in 40 years: check its closures.");
            }

            day = day.AddDays(1);
        }
    }

    private bool IsClosed(DateOnly day) => DatedClosureEnd(day) is not null || ClosedDays(day.Year).Contains(day);

    /// <summary>The last day of the dated closure that contains <paramref name="day"/>, if one does.</summary>
    private DateOnly? DatedClosureEnd(DateOnly day)
    {
        DateOnly? end = null;
        foreach (var closure in _datedClosures)
        {
            if (closure.From > day)
            {
                break;   // sorted by start
            }

            if (closure.To >= day && (end is null || closure.To > end))
            {
                end = closure.To;
            }
        }

        return end;
    }

    /// <summary>The national holidays and the yearly closures that fall in <paramref name="year"/>.</summary>
    private FrozenSet<DateOnly> ClosedDays(int year) => _closedDaysByYear.GetOrAdd(year, y =>
    {
        var days = new HashSet<DateOnly>();
        if (Settings.NationalHolidays)
        {
            days.UnionWith(ItalianHolidays(y));
        }

        foreach (var closure in _yearlyClosures)
        {
            var from = new DateOnly(y, closure.From.Month, closure.From.Day);
            var to = new DateOnly(y, closure.To.Month, closure.To.Day);
            if (to >= from)
            {
                AddRange(days, from, to);
            }
            else
            {
                // Runs over New Year: this year's share is its end in January and its start in December.
                AddRange(days, new DateOnly(y, 1, 1), to);
                AddRange(days, from, new DateOnly(y, 12, 31));
            }
        }

        return days.ToFrozenSet();
    });

    private static FrozenSet<DateOnly> ItalianHolidays(int year) => ItalianHolidaysByYear.GetOrAdd(year, y =>
        new ItalyPublicHoliday().PublicHolidays(y).Select(DateOnly.FromDateTime).ToFrozenSet());

    private static void AddRange(HashSet<DateOnly> days, DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            days.Add(day);
        }
    }

    private DateOnly LocalDate(DateTimeOffset instant)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);
        if (day < FirstDate || day > LastDate)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), instant, "The business calendar covers the years 2 to 9998.");
        }

        return day;
    }

    /// <summary>
    /// The UTC ticks during which the local clock shows a time from <paramref name="from"/> to <paramref name="to"/>
    /// (excluded): one piece, or two when the clocks change in between. On the spring change 02:00–03:00 never shows;
    /// on the autumn change it shows twice, and both count.
    /// </summary>
    private ((long Open, long Close) First, (long Open, long Close) Second) UtcPieces(DateTime from, DateTime to)
    {
        // The instants sought lie in this window; assume at most one clock change in it (true of every real zone).
        var low = from.Ticks - MaxOffset;
        var high = to.Ticks + MaxOffset;
        var before = OffsetAt(low);
        var after = OffsetAt(high);
        if (before == after)
        {
            return ((from.Ticks - before, to.Ticks - before), default);
        }

        // Bisect for the change: the first instant with the new offset. Only days next to a change get here.
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (OffsetAt(middle) == before)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        // Before the change the old offset applies, after it the new one.
        return ((from.Ticks - before, Math.Min(to.Ticks - before, low)), (Math.Max(from.Ticks - after, low), to.Ticks - after));
    }

    private long OffsetAt(long utcTicks) => TimeZone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
}
