using Cerchio.Data;
using Cerchio.Data.Sweeps;
using Cerchio.Events;
using Cerchio.Feedback.Domain;
using Cerchio.Service.Contracts;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cerchio.Feedback.Features.Invitations;

/// <summary>A survey's trigger as its form and the API edit it.</summary>
internal sealed class TriggerInput
{
    public bool Enabled { get; set; }
    public string? CaseType { get; set; }
    public string? Channel { get; set; }
    public string? Touchpoint { get; set; }
    public int? DelayHours { get; set; }
}

/// <summary>
/// Surveys that invite by themselves: when a case is resolved, each live survey whose trigger matches (type, channel,
/// touchpoint) invites the person who wrote it, after the trigger's delay. Delivered at least once, made once: the
/// invitation's cause is the event's id.
/// </summary>
internal sealed class SurveyTriggers(CerchioDb db, SurveyInvitations invitations, ITouchpointCatalog touchpoints, ICaseDirectory cases)
    : IModuleEventHandler<CaseResolved>
{
    public Task<SurveyTrigger?> FindAsync(Guid surveyId, CancellationToken ct = default) =>
        db.Set<SurveyTrigger>().AsNoTracking().FirstOrDefaultAsync(t => t.SurveyId == surveyId && t.On == SurveyTrigger.CaseResolved, ct);

    /// <summary>Sets (or, not enabled, removes) the survey's case-resolved trigger.</summary>
    public async Task<Errors> SaveAsync(Guid surveyId, TriggerInput input, CancellationToken ct = default)
    {
        var errors = new Errors();
        string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().ToLowerInvariant();
        var (type, channel, touchpoint) = (Clean(input.CaseType), Clean(input.Channel), Clean(input.Touchpoint));
        if (type is not null && !CaseVocabulary.Types.Contains(type))
        {
            errors.Add("CaseType", "Tipo di pratica sconosciuto.");
        }

        if (channel is not null && !CaseVocabulary.Channels.Contains(channel))
        {
            errors.Add("Channel", "Canale sconosciuto.");
        }

        TouchpointInfo? known = null;
        if (touchpoint is not null && (known = await touchpoints.FindAsync(touchpoint, ct)) is null)
        {
            errors.Add("Touchpoint", "Scegli un touchpoint del catalogo.");
        }

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
                trigger = new SurveyTrigger { Id = Ids.New(), SurveyId = surveyId };
                db.Add(trigger);
            }

            (trigger.CaseType, trigger.Channel, trigger.TouchpointCode, trigger.DelayHours) = (type, channel, known?.Code, input.DelayHours ?? 0);
        }

        await db.SaveChangesAsync(ct);
        return errors;
    }

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
                SendAt = trigger.DelayHours > 0 ? resolved.ResolvedAt.AddHours(trigger.DelayHours) : null,
            }, ct);
        }
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
