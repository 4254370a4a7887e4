using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Data.Sweeps;
using Cerchio.Feedback.Domain;
using Cerchio.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cerchio.Feedback.Features.Invitations;

/// <summary>A survey's schedule as its form and the API give it.</summary>
internal sealed class ScheduleInput
{
    public bool Enabled { get; set; }

    /// <summary>The custom attribute and value of the customers to survey; both empty: every active customer.</summary>
    public string? Attribute { get; set; }
    public string? Value { get; set; }
    public int? EveryMonths { get; set; }

    /// <summary>yyyy-MM-dd, as an &lt;input type="date"&gt; posts it.</summary>
    public string? FirstDay { get; set; }
    public int? Hour { get; set; }

    /// <summary>The form's "show the values" button (<see cref="ShowValues"/>): lists the attribute's values, stores nothing.</summary>
    public string? Action { get; set; }

    public const string ShowValues = "values";
}

/// <summary>What the latest run did, read back from its invitations: invited (sent) and skipped by reason.</summary>
/// <param name="Note">Why it invited nobody (<see cref="SkipReasons.SurveyClosed"/>), if so.</param>
internal sealed record ScheduleRun(DateTimeOffset At, bool Running, DateTimeOffset? EndedAt, string? Note, int Invited, IReadOnlyDictionary<string, int> SkippedBy)
{
    public int Skipped => SkippedBy.Values.Sum();
}

/// <summary>
/// Relationship surveys on a calendar (ADR 0020): each run invites every person of the segment through
/// <see cref="SurveyInvitations.CreateAsync"/>, so fatigue, consent, opt-outs and open complaints apply and every skipped
/// person says why. A run walks the segment's customers in batches, like an event trigger walks its events: each
/// batch's invitations and the run's place are stored in one transaction, so a crash or a restart resumes where the
/// last batch ended, and nobody is invited twice in a run.
/// </summary>
internal sealed class SurveySchedules(CerchioDb db, SurveyInvitations invitations, ICustomerDirectory customers, IOrganizationTimeZone zone, TimeProvider clock)
{
    /// <summary>Customers read per transaction (with their contacts, a few hundred invitations).</summary>
    public const int CustomersPerBatch = 200;

    public Task<SurveySchedule?> FindAsync(Guid surveyId, CancellationToken ct = default) =>
        db.Set<SurveySchedule>().AsNoTracking().FirstOrDefaultAsync(s => s.SurveyId == surveyId, ct);

    public Task<TimeZoneInfo> TimeZoneAsync(CancellationToken ct = default) => zone.GetAsync(ct);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// Sets the survey's schedule, or (not enabled) switches it off, keeping its settings and its last run. Field keys:
    /// Attribute, Value, EveryMonths, FirstDay, Hour.
    /// </summary>
    public async Task<(SurveySchedule? Schedule, Errors Errors)> SaveAsync(Guid surveyId, ScheduleInput input, CancellationToken ct = default)
    {
        var errors = new Errors();
        if (!await db.Set<Survey>().AnyAsync(s => s.Id == surveyId, ct))
        {
            return (null, errors.Add("Survey", "Il sondaggio non esiste più."));
        }

        var now = clock.GetUtcNow();
        var schedule = await db.Set<SurveySchedule>().FirstOrDefaultAsync(s => s.SurveyId == surveyId, ct);
        if (!input.Enabled)
        {
            if (schedule is { Enabled: true })
            {
                (schedule.Enabled, schedule.NextRunAt, schedule.UpdatedAt) = (false, null, now);
                await db.SaveChangesAsync(ct);
            }

            return (schedule, errors);
        }

        var (attribute, value) = (Clean(input.Attribute), Clean(input.Value));
        if (attribute is null && value is not null)
        {
            errors.Add("Attribute", "Scegli l'attributo dei clienti, o togli il valore per inviare a tutti i clienti.");
        }
        else if (attribute is not null && value is null)
        {
            errors.Add("Value", "Scegli il valore dell'attributo, o togli l'attributo per inviare a tutti i clienti.");
        }
        else if (attribute is { Length: > SurveySchedule.MaxAttribute })
        {
            errors.Add("Attribute", "Al massimo {0} caratteri.", SurveySchedule.MaxAttribute);
        }
        else if (value is { Length: > SurveySchedule.MaxValue })
        {
            errors.Add("Value", "Al massimo {0} caratteri.", SurveySchedule.MaxValue);
        }
        else if (attribute is not null)
        {
            // A value nobody holds is a typing mistake more often than a segment waiting for its customers: refused, so a
            // schedule never runs for months inviting nobody. Kept in the customers' own spelling.
            var held = (await customers.AttributeValuesAsync(attribute, ct)).FirstOrDefault(v => string.Equals(v.Value, value, StringComparison.OrdinalIgnoreCase));
            if (held is null)
            {
                errors.Add("Value", "Nessun cliente attivo ha «{1}» come {0}: scegli uno dei valori presenti.", attribute, value!);
            }

            value = held?.Value;
        }

        if (input.EveryMonths is not (>= 1 and <= SurveySchedule.MaxEveryMonths))
        {
            errors.Add("EveryMonths", "Ogni quanti mesi: da 1 a {0}.", SurveySchedule.MaxEveryMonths);
        }

        if (input.Hour is not (>= 0 and <= 23))
        {
            errors.Add("Hour", "L'ora va da 0 a 23.");
        }

        var tz = await zone.GetAsync(ct);
        var first = Times.ParseFormDate(input.FirstDay);
        if (first is not { Year: >= 2000 and <= 9000 })
        {
            errors.Add("FirstDay", "Scrivi il giorno del primo invio (aaaa-mm-gg).");
        }
        else if (input.Hour is >= 0 and <= 23 && first != schedule?.FirstDay && SurveySchedule.AtHour(first.Value, input.Hour.Value, tz) <= now)
        {
            // A new first day lies ahead; the one already set may be long past (the schedule has run since).
            if (first < Times.DayIn(now, tz))
            {
                errors.Add("FirstDay", "Il primo invio non può essere nel passato.");
            }
            else
            {
                errors.Add("Hour", "Quest'ora di oggi è già passata: scegli un'ora più avanti o un altro giorno.");
            }
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        if (schedule is null)
        {
            schedule = new SurveySchedule { Id = Ids.New(), SurveyId = surveyId, CreatedAt = now };
            db.Add(schedule);
        }

        var (months, day, hour) = (input.EveryMonths!.Value, first!.Value, input.Hour!.Value);
        var calendarChanged = !schedule.Enabled || schedule.NextRunAt is null || (schedule.EveryMonths, schedule.FirstDay, schedule.Hour) != (months, day, hour);
        (schedule.Enabled, schedule.Attribute, schedule.Value, schedule.EveryMonths, schedule.FirstDay, schedule.Hour, schedule.UpdatedAt) =
            (true, attribute, value, months, day, hour, now);
        if (calendarChanged)
        {
            // From now on: a calendar changed or switched on again does not catch up on the runs it would have made.
            schedule.NextRunAt = schedule.NextAfter(schedule.RunAt is { } last && last > now ? last : now, tz);
        }

        await db.SaveChangesAsync(ct);
        return (schedule, errors);
    }

    /// <summary>
    /// Makes one batch of the schedule's run: starts the run when it is due at <paramref name="now"/> (and sets the next
    /// one), or carries on with the run under way; invites the people of the next <paramref name="batch"/> customers of
    /// the segment and moves the run's place past them, in one transaction. Returns how many customers it read (fewer
    /// than <paramref name="batch"/>: the run is over, or there was none to make).
    /// </summary>
    public async Task<int> RunBatchAsync(Guid scheduleId, DateTimeOffset now, int batch = CustomersPerBatch, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The claim, as for an event trigger: writing the row first makes a second instance wait here until this one
        // commits, then read the place it moved to. (The invitation's unique cause is the second guard.)
        if (await db.Set<SurveySchedule>().Where(s => s.Id == scheduleId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RunCursor, s => s.RunCursor), ct) == 0)
        {
            return 0;
        }

        var schedule = await db.Set<SurveySchedule>().AsNoTracking().FirstAsync(s => s.Id == scheduleId, ct);
        if (!schedule.Running)
        {
            if (!schedule.Enabled || schedule.NextRunAt is not { } due || due > now)
            {
                return 0;
            }

            // The next run is the first after now: runs missed while nothing was running are made once, late, not one by one.
            (schedule.RunAt, schedule.RunCursor, schedule.RunNote) = (due, null, null);
            schedule.NextRunAt = schedule.NextAfter(now > due ? now : due, await zone.GetAsync(ct));
        }

        // Switched off or closed meanwhile: the run stops; a survey closed when its run was due invites nobody, and says so.
        var live = schedule.Enabled && await db.Set<Survey>().AnyAsync(s => s.Id == schedule.SurveyId && s.Status == SurveyStatus.Live, ct);
        var (read, reached) = (0, schedule.RunCursor);
        if (live)
        {
            var page = await customers.SurveyRecipientsAsync(new CustomerSegment(schedule.Attribute, schedule.Value), schedule.RunCursor, batch, ct);
            foreach (var person in page.Recipients)
            {
                await invitations.CreateAsync(schedule.SurveyId, new InvitationInput
                {
                    CustomerId = person.CustomerId, Email = person.Email, Name = person.Name, Language = person.Language == "en" ? "en" : "it",
                    Channel = SurveyChannels.Email, Cause = SurveySchedule.CauseOf(schedule.RunAt!.Value, person.PersonId),
                }, ct);
            }

            (read, reached) = (page.Customers, page.Reached ?? reached);
        }

        DateTimeOffset? ended = read < batch ? now : null;
        var note = live || !schedule.Enabled ? null : SkipReasons.SurveyClosed;
        await db.Set<SurveySchedule>().Where(s => s.Id == scheduleId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.RunAt, schedule.RunAt).SetProperty(s => s.NextRunAt, schedule.NextRunAt).SetProperty(s => s.RunCursor, reached)
            .SetProperty(s => s.RunEndedAt, ended).SetProperty(s => s.RunNote, note), ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return read;
    }

    /// <summary>The latest run's outcome, counted from the invitations it made (their cause names the run); null before the first.</summary>
    public async Task<ScheduleRun?> LastRunAsync(SurveySchedule schedule, CancellationToken ct = default)
    {
        if (schedule.RunAt is not { } at)
        {
            return null;
        }

        var prefix = SurveySchedule.CausePrefix(at);
        var counts = await db.Set<SurveyInvitation>().AsNoTracking()
            .Where(i => i.SurveyId == schedule.SurveyId && i.Cause != null && i.Cause.StartsWith(prefix))
            .GroupBy(i => i.SkipReason).Select(g => new { Reason = g.Key, Count = g.Count() }).ToListAsync(ct);
        return new ScheduleRun(at, schedule.Running, schedule.RunEndedAt, schedule.RunNote, counts.Where(c => c.Reason == null).Sum(c => c.Count),
            counts.Where(c => c.Reason != null).OrderByDescending(c => c.Count).ToDictionary(c => c.Reason!, c => c.Count));
    }
}

/// <summary>
/// Starts the schedules' runs when due and carries on those under way, each in its organization. A long run takes
/// a few batches a pass, so the other schedules (and the passes after this one) get their turn.
/// </summary>
internal sealed class RunSurveySchedules(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RunSurveySchedules> logger) : ISweepPass
{
    private const int MaxBatchesPerPass = 10;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<(Guid, Guid)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
            due = (await db.Set<SurveySchedule>().IgnoreQueryFilters().AsNoTracking()
                    .Where(s => (s.Enabled && s.NextRunAt <= now) || (s.RunAt != null && s.RunEndedAt == null))
                    .Select(s => new { s.Id, s.OrganizationId }).ToListAsync(ct))
                .Select(s => (s.Id, s.OrganizationId)).ToList();
        }

        return await SweepItems.EachAsync(scopes, due, "Sondaggi programmati", async (services, id) =>
        {
            var schedules = services.GetRequiredService<SurveySchedules>();
            var (batches, read) = (0, 0);
            do
            {
                read = await schedules.RunBatchAsync(id, now, ct: ct);
            }
            while (read == SurveySchedules.CustomersPerBatch && ++batches < MaxBatchesPerPass);

            return batches > 0 || read > 0;
        }, logger, ct);
    }
}
