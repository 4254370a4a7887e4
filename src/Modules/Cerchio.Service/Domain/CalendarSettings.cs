namespace Cerchio.Service.Domain;

/// <summary>
/// An organization's working calendar as data: its time zone, its opening hours per weekday (local time), whether
/// the Italian national holidays apply, and its own closures. Plain records and lists so that it round-trips
/// through JSON and can be stored per organization; <see cref="BusinessCalendar"/> computes with it.
/// </summary>
internal sealed record CalendarSettings
{
    public const string DefaultTimeZone = "Europe/Rome";
    public const int MaxClosureNameLength = 100;

    /// <summary>A morning and an afternoon: what a PMI's week needs, and what the settings page offers.</summary>
    public const int MaxIntervalsPerDay = 2;

    /// <summary>Patron saints, bridges and summer weeks fit many times over; beyond this it is a mistake (or abuse).</summary>
    public const int MaxClosures = 50;

    /// <summary>IANA time zone id, e.g. <c>Europe/Rome</c>: opening hours and closed days are in its local time.</summary>
    public string TimeZone { get; init; } = DefaultTimeZone;

    /// <summary>The open intervals of the week; a weekday with none is closed.</summary>
    public IReadOnlyList<OpenInterval> Week { get; init; } = [];

    /// <summary>Closed on the Italian national holidays (PublicHoliday's ItalyPublicHoliday). Off only for a 24/7 service.</summary>
    public bool NationalHolidays { get; init; } = true;

    /// <summary>The organization's own closed days: patron saint, yearly closures, a summer closure.</summary>
    public IReadOnlyList<Closure> Closures { get; init; } = [];

    /// <summary>The usual Italian PMI week: Monday to Friday 08:30–12:30 and 14:00–18:00, national holidays closed.</summary>
    public static CalendarSettings ItalianDefault => new()
    {
        Week =
        [
            .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .SelectMany(day => new[]
                {
                    new OpenInterval(day, new TimeOnly(8, 30), new TimeOnly(12, 30)),
                    new OpenInterval(day, new TimeOnly(14, 0), new TimeOnly(18, 0)),
                }),
        ],
    };

    /// <summary>Field keys: <c>TimeZone</c>, <c>Week</c>, <c>Week[i]</c>, <c>Closures[i]</c> (i is the index in the list).</summary>
    public Errors Validate()
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            errors.Add(nameof(TimeZone), "Fuso orario sconosciuto: «{0}».", TimeZone ?? "");
        }

        ValidateWeek(errors);
        ValidateClosures(errors);
        return errors;
    }

    private void ValidateWeek(Errors errors)
    {
        var week = Week ?? [];
        if (week.Count == 0)
        {
            errors.Add(nameof(Week), "Indicare almeno una fascia oraria di apertura nella settimana.");
            return;
        }

        var valid = new List<(int Index, OpenInterval Interval)>();
        for (var i = 0; i < week.Count; i++)
        {
            var interval = week[i];
            var field = $"{nameof(Week)}[{i}]";
            if (interval is null)
            {
                errors.Add(field, "Indicare la fascia oraria.");
            }
            else if (!Enum.IsDefined(interval.Day))
            {
                errors.Add(field, "Giorno della settimana non valido.");
            }
            else if (interval.StartOffset >= interval.EndOffset)
            {
                errors.Add(field, "L'apertura deve precedere la chiusura ({0}–{1}).", interval.Start, interval.End);
            }
            else
            {
                valid.Add((i, interval));
            }
        }

        // Touching intervals (12:30–14:00 then 14:00–18:00) are fine; overlapping ones would count time twice.
        foreach (var day in valid.GroupBy(v => v.Interval.Day))
        {
            if (day.Count() > MaxIntervalsPerDay)
            {
                errors.Add($"{nameof(Week)}[{day.Max(v => v.Index)}]", "Al massimo {0} fasce orarie al giorno.", MaxIntervalsPerDay);
            }

            var ordered = day.OrderBy(v => v.Interval.StartOffset).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var (previousIndex, previous) = ordered[i - 1];
                var (index, current) = ordered[i];
                if (current.StartOffset < previous.EndOffset)
                {
                    errors.Add($"{nameof(Week)}[{Math.Max(index, previousIndex)}]",
                        "Si sovrappone alla fascia {0}–{1} dello stesso giorno.", previous.Start, previous.End);
                }
            }
        }
    }

    private void ValidateClosures(Errors errors)
    {
        var closures = Closures ?? [];
        if (closures.Count > MaxClosures)
        {
            errors.Add(nameof(Closures), "Al massimo {0} chiusure.", MaxClosures);
        }

        var valid = true;
        for (var i = 0; i < closures.Count; i++)
        {
            var closure = closures[i];
            var field = $"{nameof(Closures)}[{i}]";
            if (closure is null)
            {
                errors.Add(field, "Indicare la chiusura.");
                valid = false;
                continue;
            }

            if (!closure.EveryYear && closure.From > closure.To)
            {
                errors.Add(field, "La data di inizio non può essere successiva a quella di fine.");
            }

            if (closure.EveryYear && (IsLeapDay(closure.From) || IsLeapDay(closure.To)))
            {
                errors.Add(field, "Una chiusura annuale non può cadere il 29 febbraio.");
                valid = false;
            }

            if (closure.Name?.Length > MaxClosureNameLength)
            {
                errors.Add(field, "Il nome è lungo al massimo {0} caratteri.", MaxClosureNameLength);
            }
        }

        // Closed every day of every year would leave no business time at all: a due date would never come.
        if (valid && CoversTheWholeYear(closures.Where(c => c.EveryYear)))
        {
            errors.Add(nameof(Closures), "Le chiusure annuali coprono tutto l'anno.");
        }
    }

    private static bool CoversTheWholeYear(IEnumerable<Closure> yearly)
    {
        var closed = new bool[366];
        foreach (var closure in yearly)
        {
            // Day numbers in a leap year; a period over New Year wraps round.
            var from = new DateOnly(2000, closure.From.Month, closure.From.Day).DayOfYear - 1;
            var to = new DateOnly(2000, closure.To.Month, closure.To.Day).DayOfYear - 1;
            for (var day = from; ; day = (day + 1) % 366)
            {
                closed[day] = true;
                if (day == to)
                {
                    break;
                }
            }
        }

        closed[59] = true;   // 29 February: yearly closures cannot name it, and most years lack it
        return closed.All(c => c);
    }

    private static bool IsLeapDay(DateOnly date) => date.Month == 2 && date.Day == 29;
}

/// <summary>Open from <paramref name="Start"/> to <paramref name="End"/> (local time) on <paramref name="Day"/>.</summary>
/// <remarks>An end of 00:00 means midnight at the end of the day, so 00:00–00:00 is open all day.</remarks>
internal sealed record OpenInterval(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    internal TimeSpan StartOffset => Start.ToTimeSpan();

    internal TimeSpan EndOffset => End == TimeOnly.MinValue ? TimeSpan.FromDays(1) : End.ToTimeSpan();
}

/// <summary>
/// Closed from <paramref name="From"/> to <paramref name="To"/>, both days included. With <paramref name="EveryYear"/>
/// only month and day count and the closure recurs each year; such a period may run over New Year (24 Dec–6 Jan).
/// </summary>
internal sealed record Closure(DateOnly From, DateOnly To, string? Name = null, bool EveryYear = false)
{
    // Any year will do for a yearly closure: it is ignored. A leap year, so that no month-day is unrepresentable.
    private const int AnyYear = 2000;

    /// <summary>The same day every year: a patron saint (7 December, Sant'Ambrogio in Milan).</summary>
    public static Closure Yearly(int month, int day, string? name = null) =>
        new(new DateOnly(AnyYear, month, day), new DateOnly(AnyYear, month, day), name, EveryYear: true);

    /// <summary>The same period every year, e.g. 24 December to 6 January.</summary>
    public static Closure YearlyPeriod(int fromMonth, int fromDay, int toMonth, int toDay, string? name = null) =>
        new(new DateOnly(AnyYear, fromMonth, fromDay), new DateOnly(AnyYear, toMonth, toDay), name, EveryYear: true);

    /// <summary>One dated day.</summary>
    public static Closure Day(DateOnly day, string? name = null) => new(day, day, name);

    /// <summary>One dated period, e.g. the August closure of one year.</summary>
    public static Closure Period(DateOnly from, DateOnly to, string? name = null) => new(from, to, name);
}
