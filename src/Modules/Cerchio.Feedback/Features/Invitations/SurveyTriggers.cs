using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Data.Sweeps;
using Cerchio.Events;
using Cerchio.Feedback.Domain;
using Cerchio.Service.Contracts;
using Cerchio.Text;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cerchio.Feedback.Features.Invitations;

/// <summary>A survey's case-resolved trigger as its form and the API edit it.</summary>
internal sealed class TriggerInput
{
    public bool Enabled { get; set; }
    public string? CaseType { get; set; }
    public string? Channel { get; set; }
    public string? Touchpoint { get; set; }
    public int? DelayHours { get; set; }
}

/// <summary>A new event trigger as its form and the API give it.</summary>
internal sealed class EventTriggerInput
{
    public string? EventType { get; set; }
    public string? Touchpoint { get; set; }
    public int? Delay { get; set; }

    /// <summary><see cref="DelayUnits.Hours"/> (the default) or <see cref="DelayUnits.WorkingDays"/>.</summary>
    public string? DelayUnit { get; set; }
}

internal static class DelayUnits
{
    public const string Hours = "hours";
    public const string WorkingDays = "business_days";

    public static string Of(SurveyTrigger t) => t.DelayWorkingDays > 0 ? WorkingDays : Hours;

    public static int AmountOf(SurveyTrigger t) => t.DelayWorkingDays > 0 ? t.DelayWorkingDays : t.DelayHours;
}

/// <summary>
/// Surveys that invite by themselves. When a case is resolved, each live survey whose case trigger matches (type,
/// channel, touchpoint) invites the person who wrote it. When the events API stores an event of a trigger's type (on
/// its touchpoint), the sweep (<see cref="InviteAfterEvents"/>) invites that customer. Both after the trigger's delay;
/// delivered at least once, made once: the invitation's cause is the module event's or the ingested event's id.
/// </summary>
internal sealed class SurveyTriggers(
    CerchioDb db, SurveyInvitations invitations, ITouchpointCatalog touchpoints, ICaseDirectory cases, IEventFeed events, IBusinessHours hours, TimeProvider clock)
    : IModuleEventHandler<CaseResolved>
{
    /// <summary>Events read per transaction: the invitations of a batch are stored with the cursor that passes them.</summary>
    public const int EventBatch = 200;

    /// <summary>Event and case triggers of one survey, together: beyond this it is a mistake.</summary>
    public const int MaxPerSurvey = 20;

    public Task<SurveyTrigger?> FindAsync(Guid surveyId, CancellationToken ct = default) =>
        db.Set<SurveyTrigger>().AsNoTracking().FirstOrDefaultAsync(t => t.SurveyId == surveyId && t.On == SurveyTrigger.CaseResolved, ct);

    /// <summary>The survey's triggers, oldest first.</summary>
    public Task<List<SurveyTrigger>> ListAsync(Guid surveyId, CancellationToken ct = default) =>
        db.Set<SurveyTrigger>().AsNoTracking().Where(t => t.SurveyId == surveyId).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync(ct);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().ToLowerInvariant();

    /// <summary>The touchpoint of the catalog a trigger names (null for none); an unknown one is an error on Touchpoint.</summary>
    private async Task<TouchpointInfo?> TouchpointAsync(string? code, Errors errors, CancellationToken ct)
    {
        TouchpointInfo? known = null;
        if (code is not null && (known = await touchpoints.FindAsync(code, ct)) is null)
        {
            errors.Add("Touchpoint", "Scegli un touchpoint del catalogo.");
        }

        return known;
    }

    /// <summary>Sets (or, not enabled, removes) the survey's case-resolved trigger.</summary>
    public async Task<Errors> SaveAsync(Guid surveyId, TriggerInput input, CancellationToken ct = default)
    {
        var errors = new Errors();
        var (type, channel) = (Clean(input.CaseType), Clean(input.Channel));
        if (type is not null && !CaseVocabulary.Types.Contains(type))
        {
            errors.Add("CaseType", "Tipo di pratica sconosciuto.");
        }

        if (channel is not null && !CaseVocabulary.Channels.Contains(channel))
        {
            errors.Add("Channel", "Canale sconosciuto.");
        }

        var known = await TouchpointAsync(Clean(input.Touchpoint), errors, ct);
        if (input.DelayHours is < 0 or > SurveyTrigger.MaxDelayHours)
        {
            errors.Add("DelayHours", "Da 0 a {0} ore.", SurveyTrigger.MaxDelayHours);
        }

        if (errors.Any)
        {
            return errors;
        }

        var trigger = await db.Set<SurveyTrigger>().FirstOrDefaultAsync(t => t.SurveyId == surveyId && t.On == SurveyTrigger.CaseResolved, ct);
        if (!input.Enabled)
        {
            if (trigger is not null)
            {
                db.Remove(trigger);
            }
        }
        else
        {
            if (trigger is null)
            {
                trigger = new SurveyTrigger { Id = Ids.New(), SurveyId = surveyId, CreatedAt = clock.GetUtcNow() };
                db.Add(trigger);
            }

            (trigger.CaseType, trigger.Channel, trigger.TouchpointCode, trigger.DelayHours) = (type, channel, known?.Code, input.DelayHours ?? 0);
        }

        await db.SaveChangesAsync(ct);
        return errors;
    }

    /// <summary>Adds a trigger on an event type (on a touchpoint, if given): it surveys the events stored from now on.</summary>
    public async Task<(SurveyTrigger? Trigger, Errors Errors)> AddEventTriggerAsync(Guid surveyId, EventTriggerInput input, CancellationToken ct = default)
    {
        var errors = new Errors();
        var type = Clean(input.EventType);
        if (type is null || !EventVocabulary.Types.Contains(type))
        {
            errors.Add("EventType", "Scegli il tipo di evento: {0}.", string.Join(", ", EventVocabulary.Types));
        }

        var known = await TouchpointAsync(Clean(input.Touchpoint), errors, ct);
        var unit = Clean(input.DelayUnit) ?? DelayUnits.Hours;
        var delay = input.Delay ?? 0;
        if (unit is not (DelayUnits.Hours or DelayUnits.WorkingDays))
        {
            errors.Add("DelayUnit", "L'unità è «hours» (ore) oppure «business_days» (giorni lavorativi).");
        }
        else if (unit == DelayUnits.Hours && delay is < 0 or > SurveyTrigger.MaxDelayHours)
        {
            errors.Add("Delay", "Da 0 a {0} ore.", SurveyTrigger.MaxDelayHours);
        }
        else if (unit == DelayUnits.WorkingDays && delay is < 0 or > SurveyTrigger.MaxDelayWorkingDays)
        {
            errors.Add("Delay", "Da 0 a {0} giorni lavorativi.", SurveyTrigger.MaxDelayWorkingDays);
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var existing = await ListAsync(surveyId, ct);
        if (existing.Any(t => t.On == SurveyTrigger.Event && t.EventType == type && t.TouchpointCode == known?.Code))
        {
            return (null, errors.Add("EventType", "Il sondaggio parte già dopo questo evento su questo touchpoint."));
        }

        if (existing.Count >= MaxPerSurvey)
        {
            return (null, errors.Add("EventType", "Al massimo {0} invii automatici per sondaggio.", MaxPerSurvey));
        }

        var now = clock.GetUtcNow();
        var trigger = new SurveyTrigger
        {
            Id = Ids.New(), SurveyId = surveyId, On = SurveyTrigger.Event, EventType = type, TouchpointCode = known?.Code, CreatedAt = now,
            DelayHours = unit == DelayUnits.Hours ? delay : 0, DelayWorkingDays = unit == DelayUnits.WorkingDays ? delay : 0,
            // The feed's place starts now: the events stored before the trigger existed are not surveyed.
            CursorAt = now, CursorId = Guid.Empty,
        };
        db.Add(trigger);
        await db.SaveChangesAsync(ct);
        return (trigger, errors);
    }

    /// <summary>Removes one of the survey's triggers; false when the survey has no such trigger (here).</summary>
    public async Task<bool> RemoveAsync(Guid surveyId, Guid triggerId, CancellationToken ct = default) =>
        await db.Set<SurveyTrigger>().Where(t => t.Id == triggerId && t.SurveyId == surveyId).ExecuteDeleteAsync(ct) > 0;

    /// <summary>When the invitation for something that happened at <paramref name="at"/> goes out: null for now.</summary>
    private async Task<DateTimeOffset?> SendAtAsync(SurveyTrigger trigger, DateTimeOffset at, CancellationToken ct) =>
        trigger.DelayWorkingDays > 0 ? await hours.AddWorkingDaysAsync(at, trigger.DelayWorkingDays, ct)
        : trigger.DelayHours > 0 ? at.AddHours(trigger.DelayHours)
        : null;

    public async Task HandleAsync(CaseResolved resolved, ModuleEventContext context, CancellationToken ct)
    {
        var matching = await (from t in db.Set<SurveyTrigger>().AsNoTracking()
                              join s in db.Set<Survey>() on t.SurveyId equals s.Id
                              where t.On == SurveyTrigger.CaseResolved && s.Status == SurveyStatus.Live
                                    && (t.CaseType == null || t.CaseType == resolved.Type)
                                    && (t.Channel == null || t.Channel == resolved.Channel)
                                    && (t.TouchpointCode == null || t.TouchpointCode == resolved.Touchpoint)
                              select t).ToListAsync(ct);
        if (matching.Count == 0)
        {
            return;
        }

        var contact = await cases.ContactAsync(resolved.CaseId, ct);
        foreach (var trigger in matching)
        {
            await invitations.CreateAsync(trigger.SurveyId, new InvitationInput
            {
                CustomerId = resolved.CustomerId, Email = contact?.Email, Name = contact?.Name, CaseId = resolved.CaseId, CaseNumber = resolved.Number,
                Touchpoint = resolved.Touchpoint, Channel = Domain.SurveyChannels.Email, Cause = $"case_resolved:{context.EventId:N}",
                SendAt = await SendAtAsync(trigger, resolved.ResolvedAt, ct),
            }, ct);
        }
    }

    /// <summary>
    /// Reads one batch of the events an event trigger has not seen yet (stored before <paramref name="storedBefore"/>),
    /// invites each one's customer, and moves the trigger's place past them, all in one transaction: a crash leaves
    /// the place where it was and the batch is read again, with none of its invitations stored. Returns how many
    /// events it read (fewer than <see cref="EventBatch"/>: caught up).
    /// </summary>
    public async Task<int> FollowEventsAsync(Guid triggerId, DateTimeOffset storedBefore, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The claim: a write on the trigger's row comes first, so a second instance following the same trigger waits
        // here until this one commits, then reads the place it moved to. (The unique cause is the second guard.)
        if (await db.Set<SurveyTrigger>().Where(t => t.Id == triggerId && t.On == SurveyTrigger.Event)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.CursorId, t => t.CursorId), ct) == 0)
        {
            return 0;
        }

        var trigger = await db.Set<SurveyTrigger>().AsNoTracking().FirstAsync(t => t.Id == triggerId, ct);
        var page = await events.NewEventsAsync(trigger.EventType!, trigger.TouchpointCode, new EventPosition(trigger.CursorAt, trigger.CursorId), storedBefore, EventBatch, ct);
        if (page.Read == 0)
        {
            return 0;
        }

        // A survey that is not live lets its events pass: published again, it surveys what happens from then on, not a backlog.
        if (await db.Set<Survey>().AnyAsync(s => s.Id == trigger.SurveyId && s.Status == SurveyStatus.Live, ct))
        {
            foreach (var e in page.Events)
            {
                await invitations.CreateAsync(trigger.SurveyId, new InvitationInput
                {
                    CustomerId = e.CustomerId, EventId = e.Id, Touchpoint = e.Touchpoint, Channel = Domain.SurveyChannels.Email,
                    Cause = $"event:{e.Id:N}", SendAt = await SendAtAsync(trigger, e.OccurredAt, ct),
                }, ct);
            }
        }

        await db.Set<SurveyTrigger>().Where(t => t.Id == triggerId)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.CursorAt, page.Reached.RecordedAt).SetProperty(t => t.CursorId, page.Reached.Id), ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return page.Read;
    }
}

/// <summary>
/// Follows the events API for the event triggers, each in its organization: every pass reads each trigger's new
/// events in batches (<see cref="SurveyTriggers.FollowEventsAsync"/>) until it has caught up. The ingestion publishes
/// nothing per event (it would double its writes at 20,000 events a second): the trigger keeps its place instead.
/// </summary>
internal sealed class InviteAfterEvents(IServiceScopeFactory scopes, TimeProvider clock, ILogger<InviteAfterEvents> logger) : ISweepPass
{
    /// <summary>
    /// Events stored in the last moments are left for the next pass: a batch's ingestion time is taken when its request
    /// starts, so a batch still being stored may commit behind one already read. Two minutes is far beyond a batch's
    /// transaction and any clock difference between instances; a survey can wait that long.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(2);

    /// <summary>A trigger far behind (a flood of deliveries) takes at most this many batches a pass, so the others get their turn.</summary>
    private const int MaxBatchesPerPass = 25;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        List<(Guid, Guid)> triggers;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
            triggers = (await db.Set<SurveyTrigger>().IgnoreQueryFilters().AsNoTracking()
                    .Where(t => t.On == SurveyTrigger.Event).Select(t => new { t.Id, t.OrganizationId }).ToListAsync(ct))
                .Select(t => (t.Id, t.OrganizationId)).ToList();
        }

        var storedBefore = clock.GetUtcNow() - Settle;
        return await SweepItems.EachAsync(scopes, triggers, "Sondaggi dopo gli eventi", async (services, id) =>
        {
            var follow = services.GetRequiredService<SurveyTriggers>();
            var (batches, read) = (0, 0);
            do
            {
                read = await follow.FollowEventsAsync(id, storedBefore, ct);
            }
            while (read == SurveyTriggers.EventBatch && ++batches < MaxBatchesPerPass);

            return batches > 0 || read > 0;
        }, logger, ct);
    }
}

/// <summary>Sends the scheduled invitations whose time has come, each in its organization (safe with several instances: each is claimed once).</summary>
internal sealed class SendScheduledInvitations(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SendScheduledInvitations> logger) : ISweepPass
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        List<(Guid, Guid)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
            due = (await db.Set<SurveyInvitation>().IgnoreQueryFilters().AsNoTracking()
                    .Where(i => i.Status == InvitationStatus.Scheduled && i.SendAt <= now)
                    .OrderBy(i => i.SendAt).Take(500).Select(i => new { i.Id, i.OrganizationId }).ToListAsync(ct))
                .Select(i => (i.Id, i.OrganizationId)).ToList();
        }

        return await SweepItems.EachAsync(scopes, due, "Invio sondaggi",
            (services, id) => services.GetRequiredService<SurveyInvitations>().SendDueAsync(id, ct), logger, ct);
    }
}
