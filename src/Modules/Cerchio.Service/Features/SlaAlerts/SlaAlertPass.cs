using System.Globalization;
using Cerchio.Data;
using Cerchio.Data.Sweeps;
using Cerchio.Data.Outbox;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Desk;
using Cerchio.Service.Features.OpenCase;
using Cerchio.Service.Features.Settings;
using Cerchio.Tenancy;
using Cerchio.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cerchio.Service.Features.SlaAlerts;

/// <summary>
/// One pass of the SLA alerts: every open case whose running target is near breach (the policy's warning share has
/// run) or past it gets one email per kind — near breach, breached — to its assignee and its department's head, each
/// in their own language. "Once" holds across instances: a conditional UPDATE of the case's <see cref="Case.SlaAlertsSent"/>
/// claims the alert in the same transaction that queues the emails, so of two passes at once only one wins the row
/// and nothing is sent unless that transaction commits.
/// </summary>
internal sealed class SlaAlertPass(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SlaAlertPass> logger) : ISweepPass
{
    /// <summary>Per organization and pass: a backlog is worked off over the next passes.</summary>
    public const int BatchSize = 200;

    /// <summary>Returns how many alerts it claimed (each sent to the people it names).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        List<Guid> organizations;
        await using (var scope = scopes.CreateAsyncScope())
        {
            organizations = await DeskOrganizations.WithCasesAsync(scope.ServiceProvider.GetRequiredService<CerchioDb>(), ct);
        }

        var claimed = 0;
        foreach (var organizationId in organizations)
        {
            claimed += await RunForAsync(organizationId, ct);
        }

        return claimed;
    }

    private async Task<int> RunForAsync(Guid organizationId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<OrganizationContext>().Set(organizationId, null, "avvisi SLA", Role.Administrator);
        var db = services.GetRequiredService<CerchioDb>();
        var settings = await services.GetRequiredService<ServiceSettings>().ForAsync(organizationId, ct);
        var now = clock.GetUtcNow();
        var warning = SlaWarning.At(now, settings.Calendar, settings.Policy);
        // Cases whose current target has had its breach alert need nothing more: left out here, so that the breached
        // cases lingering open never crowd out the ones that are due an alert.
        var candidates = await db.Set<Case>().AsNoTracking().Where(warning.NearOrBreached)
            .Where(c => c.FirstResponseAt == null
                ? (c.SlaAlertsSent & Domain.SlaAlerts.FirstResponseBreached) == 0
                : (c.SlaAlertsSent & Domain.SlaAlerts.ResolutionBreached) == 0)
            .OrderBy(c => c.SlaDueAt)
            .Select(c => new { c.Id, c.FirstResponseAt, c.SlaDueAt, c.SlaAlertsSent })
            .Take(BatchSize)
            .ToListAsync(ct);
        var due = candidates
            .Select(c => (c.Id, c.SlaAlertsSent, Alert: AlertOf(c.FirstResponseAt is null, c.SlaDueAt!.Value < now)))
            .Where(c => (c.SlaAlertsSent & c.Alert) == 0)
            .ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var directory = services.GetRequiredService<IOrganizationDirectory>();
        var sender = new Sender(
            db,
            services.GetRequiredService<INotifications>(),
            services.GetRequiredService<EmailOutbox>(),
            (await directory.DepartmentsAsync(ct)).Where(d => d.HeadUserId is not null).ToDictionary(d => d.Id, d => d.HeadUserId!.Value),
            MailboxAddress.Parse(services.GetRequiredService<IOptions<SmtpSettings>>().Value.From),
            settings.Calendar,
            services.GetRequiredService<Loc>());
        var claimed = 0;
        foreach (var (id, _, alert) in due)
        {
            try
            {
                claimed += await AlertAsync(sender, id, alert, ct) ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // One case that cannot be told about must not hold up the others; it is tried again next pass.
                logger.LogWarning(e, "The SLA alert for case {CaseId} failed.", id);
            }
        }

        return claimed;
    }

    /// <summary>What one organization's alerts are sent with: its heads of department, its calendar's time zone.</summary>
    private sealed record Sender(
        CerchioDb Db, INotifications Notifications, EmailOutbox Outbox, Dictionary<Guid, Guid> Heads, MailboxAddress From, BusinessCalendar Calendar, Loc L);

    /// <summary>Claims the alert on the case and queues its emails, in one transaction; false when another pass had it.</summary>
    private static async Task<bool> AlertAsync(Sender sender, Guid id, Domain.SlaAlerts alert, CancellationToken ct)
    {
        var db = sender.Db;
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A breach also marks its near-breach alert: a warning after the fact would only be noise.
        var marks = alert | (alert == Domain.SlaAlerts.FirstResponseBreached ? Domain.SlaAlerts.FirstResponseNear
            : alert == Domain.SlaAlerts.ResolutionBreached ? Domain.SlaAlerts.ResolutionNear : Domain.SlaAlerts.None);
        var won = await db.Set<Case>()
            .Where(c => c.Id == id && c.SlaDueAt != null && (c.SlaAlertsSent & alert) == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SlaAlertsSent, c => c.SlaAlertsSent | marks), ct);
        if (won == 0)
        {
            return false;   // another instance has it (the transaction rolls back on dispose)
        }

        var alerted = await db.Set<Case>().AsNoTracking().FirstAsync(c => c.Id == id, ct);
        var people = new[] { alerted.AssigneeId, alerted.DepartmentId is { } d && sender.Heads.TryGetValue(d, out var head) ? head : null }
            .OfType<Guid>().Distinct().ToList();
        // The bell and the email tell the same people: the notifications store says who is still an active member.
        var notification = new NewNotification(
            alert is Domain.SlaAlerts.FirstResponseBreached or Domain.SlaAlerts.ResolutionBreached ? NotificationKind.SlaBreached : NotificationKind.SlaNearBreach,
            CaseDesk.PageOf(alerted.Number), NotificationTitle(alert), alerted.Number, alerted.Subject);
        foreach (var person in await sender.Notifications.AddAsync(notification, people, ct))
        {
            sender.Outbox.Queue(Message(alerted, alert, person, sender.From, sender.Calendar, sender.L), relatedId: alerted.Id);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static Domain.SlaAlerts AlertOf(bool firstResponse, bool breached) => (firstResponse, breached) switch
    {
        (true, false) => Domain.SlaAlerts.FirstResponseNear,
        (true, true) => Domain.SlaAlerts.FirstResponseBreached,
        (false, false) => Domain.SlaAlerts.ResolutionNear,
        (false, true) => Domain.SlaAlerts.ResolutionBreached,
    };

    private static string NotificationTitle(Domain.SlaAlerts alert) => alert switch
    {
        Domain.SlaAlerts.FirstResponseNear => "Pratica #{0} in scadenza (prima risposta): {1}",
        Domain.SlaAlerts.FirstResponseBreached => "Pratica #{0} scaduta (prima risposta): {1}",
        Domain.SlaAlerts.ResolutionNear => "Pratica #{0} in scadenza (risoluzione): {1}",
        _ => "Pratica #{0} scaduta (risoluzione): {1}",
    };

    /// <summary>The email to one person, in their language (Italian unless they chose English), times in the organization's zone.</summary>
    private static MimeMessage Message(Case alerted, Domain.SlaAlerts alert, MemberContact person, MailboxAddress from, BusinessCalendar calendar, Loc l) =>
        Loc.In(person.Language, () =>
        {
            var due = TimeZoneInfo.ConvertTime(alerted.SlaDueAt ?? alerted.ResolutionDueAt, calendar.TimeZone).ToString("g", CultureInfo.CurrentCulture);
            var subject = alert switch
            {
                Domain.SlaAlerts.FirstResponseNear => l.F("Pratica #{0} in scadenza: prima risposta entro il {1}", alerted.Number, due),
                Domain.SlaAlerts.FirstResponseBreached => l.F("Pratica #{0} scaduta: la prima risposta era attesa entro il {1}", alerted.Number, due),
                Domain.SlaAlerts.ResolutionNear => l.F("Pratica #{0} in scadenza: risoluzione entro il {1}", alerted.Number, due),
                _ => l.F("Pratica #{0} scaduta: la risoluzione era attesa entro il {1}", alerted.Number, due),
            };
            var body = string.Join("\n",
                subject,
                "",
                l.F("Oggetto: {0}", alerted.Subject),
                l.F("Priorità: {0}", l[CaseNames.Label(alerted.Priority)]),
                l.F("Stato: {0}", l[CaseNames.Label(alerted.Status)]),
                "",
                l.F("Apri la pratica in Cerchio: {0}", CaseDesk.PageOf(alerted.Number)));
            var message = new MimeMessage();
            message.From.Add(from);
            message.To.Add(new MailboxAddress(person.Name, person.Email));
            message.Subject = subject;
            message.Body = new TextPart("plain") { Text = body };
            return message;
        });
}
