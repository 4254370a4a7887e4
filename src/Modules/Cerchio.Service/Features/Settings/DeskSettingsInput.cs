using System.Globalization;
using Cerchio.Service.Domain;

namespace Cerchio.Service.Features.Settings;

/// <summary>
/// The settings page's form as the person typed it (text, so that a wrong value comes back as it was written), and
/// its translation to and from the calendar and the policy. Errors carry this form's field names: <c>Days[0].Slot1</c>,
/// <c>Closures[2]</c>, <c>Targets[1]</c>, <c>Overrides[0]</c>, <c>TimeZone</c>, <c>WarningPercent</c>, <c>AutoCloseDays</c>.
/// </summary>
internal sealed class DeskSettingsInput
{
    /// <summary>Empty closure rows offered below the stored ones; more after saving.</summary>
    public const int BlankClosures = 3;

    /// <summary>Monday first, as an Italian week is read.</summary>
    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static readonly CasePriority[] Priorities = [CasePriority.Urgent, CasePriority.High, CasePriority.Normal, CasePriority.Low];

    public static readonly CaseType[] Types = Enum.GetValues<CaseType>();

    public string? TimeZone { get; set; }
    public bool NationalHolidays { get; set; }
    public List<DayInput> Days { get; set; } = [];
    public List<ClosureInput> Closures { get; set; } = [];
    public List<TargetInput> Targets { get; set; } = [];
    public List<TargetInput> Overrides { get; set; } = [];
    public string? WarningPercent { get; set; }
    public string? AutoCloseDays { get; set; }

    public sealed class DayInput
    {
        public string? Start1 { get; set; }
        public string? End1 { get; set; }
        public string? Start2 { get; set; }
        public string? End2 { get; set; }
    }

    public sealed class ClosureInput
    {
        public string? Name { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }

        /// <summary>The checkbox's value, "true" when ticked: text, so that a tampered value is simply not ticked.</summary>
        public string? EveryYear { get; set; }

        public bool IsYearly => EveryYear == "true";
    }

    public sealed class TargetInput
    {
        public string? FirstResponse { get; set; }
        public string? Resolution { get; set; }
    }

    /// <summary>The form filled with what the organization runs on; yearly closures are shown in <paramref name="year"/>.</summary>
    public static DeskSettingsInput From(DeskSnapshot snapshot, int year)
    {
        var calendar = snapshot.Calendar.Settings;
        var policy = snapshot.Policy;
        var input = new DeskSettingsInput
        {
            TimeZone = calendar.TimeZone,
            NationalHolidays = calendar.NationalHolidays,
            WarningPercent = Math.Round(policy.WarningThreshold * 100).ToString(CultureInfo.CurrentCulture),
            AutoCloseDays = snapshot.AutoCloseDays.ToString(CultureInfo.CurrentCulture),
        };
        foreach (var day in Week)
        {
            var intervals = calendar.Week.Where(i => i.Day == day).OrderBy(i => i.StartOffset).ToList();
            input.Days.Add(new DayInput
            {
                Start1 = Time(intervals.ElementAtOrDefault(0)?.Start),
                End1 = Time(intervals.ElementAtOrDefault(0)?.End),
                Start2 = Time(intervals.ElementAtOrDefault(1)?.Start),
                End2 = Time(intervals.ElementAtOrDefault(1)?.End),
            });
        }

        foreach (var closure in calendar.Closures)
        {
            var (from, to) = closure.EveryYear ? (InYear(closure.From, year), InYear(closure.To, year)) : (closure.From, closure.To);
            input.Closures.Add(new ClosureInput { Name = closure.Name, From = Date(from), To = Date(to), EveryYear = closure.EveryYear ? "true" : null });
        }

        input.Closures.AddRange(Enumerable.Range(0, BlankClosures).Select(_ => new ClosureInput()));
        foreach (var priority in Priorities)
        {
            var targets = policy.Targets[priority];
            input.Targets.Add(new TargetInput { FirstResponse = Hours(targets.FirstResponse), Resolution = Hours(targets.Resolution) });
        }

        foreach (var type in Types)
        {
            var o = policy.Overrides.FirstOrDefault(o => o.Type == type && o.Priority is null);
            input.Overrides.Add(new TargetInput { FirstResponse = Hours(o?.FirstResponse), Resolution = Hours(o?.Resolution) });
        }

        return input;
    }

    /// <summary>Reads the form; with any error (what was typed, or a rule of the calendar or the policy) the settings are null.</summary>
    public (CalendarSettings? Calendar, SlaPolicy? Policy, int AutoCloseDays, Errors Errors) Read()
    {
        var errors = new Errors();

        // The week: each filled slot becomes an interval; weekFields[k] is the form field of the k-th.
        var week = new List<OpenInterval>();
        var weekFields = new List<string>();
        for (var d = 0; d < Math.Min(Days.Count, Week.Length); d++)
        {
            var day = Days[d] ?? new DayInput();
            foreach (var (slot, start, end) in new[] { (1, day.Start1, day.End1), (2, day.Start2, day.End2) })
            {
                var field = $"Days[{d}].Slot{slot}";
                if (string.IsNullOrWhiteSpace(start) && string.IsNullOrWhiteSpace(end))
                {
                    continue;
                }

                if (ParseTime(start) is not { } from || ParseTime(end) is not { } to)
                {
                    errors.Add(field, "Indicare apertura e chiusura come ore:minuti, per esempio 08:30 e 12:30.");
                    continue;
                }

                week.Add(new OpenInterval(Week[d], from, to));
                weekFields.Add(field);
            }
        }

        // The closures: blank rows are left out; closureRows[k] is the form row of the k-th.
        var closures = new List<Closure>();
        var closureRows = new List<int>();
        for (var r = 0; r < Closures.Count; r++)
        {
            var row = Closures[r] ?? new ClosureInput();
            if (string.IsNullOrWhiteSpace(row.Name) && string.IsNullOrWhiteSpace(row.From) && string.IsNullOrWhiteSpace(row.To))
            {
                continue;
            }

            if (ParseDate(row.From) is not { } from || (!string.IsNullOrWhiteSpace(row.To) && ParseDate(row.To) is null))
            {
                errors.Add($"Closures[{r}]", "Indicare le date come giorno/mese/anno.");
                continue;
            }

            var to = ParseDate(row.To) ?? from;
            var name = string.IsNullOrWhiteSpace(row.Name) ? null : row.Name.Trim();
            if (row.IsYearly && ((from.Month, from.Day) == (2, 29) || (to.Month, to.Day) == (2, 29)))
            {
                errors.Add($"Closures[{r}]", "Una chiusura annuale non può cadere il 29 febbraio.");
                continue;
            }

            closures.Add(row.IsYearly
                ? Closure.YearlyPeriod(from.Month, from.Day, to.Month, to.Day, name)
                : Closure.Period(from, to, name));
            closureRows.Add(r);
        }

        var targets = new Dictionary<CasePriority, SlaTargets>();
        for (var p = 0; p < Priorities.Length; p++)
        {
            var row = Targets.ElementAtOrDefault(p) ?? new TargetInput();
            var first = ParseHours(row.FirstResponse);
            var resolution = ParseHours(row.Resolution);
            if (first is null || resolution is null)
            {
                errors.Add($"Targets[{p}]", "Indicare le ore lavorative, per esempio 4 o 1,5 (al massimo {0}).", MaxHours);
                continue;
            }

            targets[Priorities[p]] = new SlaTargets(first.Value, resolution.Value);
        }

        var overrides = new List<SlaOverride>();
        var overrideRows = new List<int>();
        for (var t = 0; t < Types.Length; t++)
        {
            var row = Overrides.ElementAtOrDefault(t) ?? new TargetInput();
            if (string.IsNullOrWhiteSpace(row.FirstResponse) && string.IsNullOrWhiteSpace(row.Resolution))
            {
                continue;
            }

            TimeSpan? first = string.IsNullOrWhiteSpace(row.FirstResponse) ? null : ParseHours(row.FirstResponse) ?? TimeSpan.MinValue;
            TimeSpan? resolution = string.IsNullOrWhiteSpace(row.Resolution) ? null : ParseHours(row.Resolution) ?? TimeSpan.MinValue;
            if (first == TimeSpan.MinValue || resolution == TimeSpan.MinValue)
            {
                errors.Add($"Overrides[{t}]", "Indicare le ore lavorative, per esempio 4 o 1,5 (al massimo {0}).", MaxHours);
                continue;
            }

            overrides.Add(new SlaOverride(Types[t], null, first, resolution));
            overrideRows.Add(t);
        }

        var warning = ParseInteger(WarningPercent);
        if (warning is not (>= 1 and <= 100))
        {
            errors.Add(nameof(WarningPercent), "Indicare una percentuale da 1 a 100.");
        }

        var autoClose = ParseInteger(AutoCloseDays);
        if (autoClose is null)
        {
            errors.Add(nameof(AutoCloseDays), "Da 0 (mai) a {0} giorni.", DeskSettings.MaxAutoCloseDays);
        }

        var timeZone = TimeZone?.Trim() ?? "";
        var calendar = new CalendarSettings { TimeZone = timeZone, Week = week, NationalHolidays = NationalHolidays, Closures = closures };
        var policy = new SlaPolicy { Targets = targets, Overrides = overrides, WarningThreshold = (warning ?? 80) / 100.0 };

        // The rules of the calendar and the policy, shown next to the form field they are about.
        foreach (var (field, message) in calendar.Validate().All)
        {
            errors.Add(FormField(field, "Week", weekFields, "Days") ?? FormField(field, "Closures", closureRows.Select(r => $"Closures[{r}]").ToList(), "Closures") ?? field,
                message.Text, message.Args);
        }

        if (targets.Count == Priorities.Length)
        {
            foreach (var (field, message) in policy.Validate().All)
            {
                var priority = Priorities.FirstOrDefault(p => field == $"Targets.{p}");
                var formField = field.StartsWith("Targets.", StringComparison.Ordinal) ? $"Targets[{Array.IndexOf(Priorities, priority)}]"
                    : FormField(field, "Overrides", overrideRows.Select(t => $"Overrides[{t}]").ToList(), "Overrides")
                    ?? (field == nameof(SlaPolicy.WarningThreshold) ? nameof(WarningPercent) : field);
                if (!(formField == nameof(WarningPercent) && errors.For(formField).Count > 0))
                {
                    errors.Add(formField, message.Text, message.Args);
                }
            }
        }

        errors.AddRange(DeskSettings.ValidateAutoClose(autoClose ?? 0));
        return errors.Any ? (null, null, 0, errors) : (calendar, policy, autoClose!.Value, errors);
    }

    /// <summary>Up to a year of working hours per target: anything more is a typing mistake.</summary>
    public const int MaxHours = 2000;

    /// <summary>"Week[3]" → the form field of the fourth interval; "Week" alone → <paramref name="whole"/>.</summary>
    private static string? FormField(string field, string list, IReadOnlyList<string> fields, string whole)
    {
        if (field == list)
        {
            return whole;
        }

        if (field.StartsWith(list + "[", StringComparison.Ordinal) && field.EndsWith(']')
            && int.TryParse(field.AsSpan(list.Length + 1, field.Length - list.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index < fields.Count)
        {
            return fields[index];
        }

        return null;
    }

    private static string? Time(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly InYear(DateOnly date, int year) => new(year, date.Month, Math.Min(date.Day, DateTime.DaysInMonth(year, date.Month)));

    private static string? Hours(TimeSpan? span) => span?.TotalHours.ToString("0.##", CultureInfo.CurrentCulture);

    private static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Hours, with a comma or a point ("1,5" as Italians write it), above zero and at most <see cref="MaxHours"/>, to the minute.</summary>
    private static TimeSpan? ParseHours(string? text) =>
        decimal.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours) && hours > 0 && hours <= MaxHours
            ? TimeSpan.FromMinutes((double)Math.Round(hours * 60))
            : null;

    private static int? ParseInteger(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
