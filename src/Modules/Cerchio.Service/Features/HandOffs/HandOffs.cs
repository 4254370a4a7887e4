using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.OpenCase;
using Cerchio.Service.Features.Settings;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cerchio.Service.Features.HandOffs;

/// <summary>
/// Asking any department for something from a case, and its answer coming back. The request, the case's wait, the
/// conversation line and the email to the department are one transaction; so are the answer, the case's return to
/// the agent, the line and the HandOffCompleted event.
/// </summary>
internal sealed class HandOffs(
    CerchioDb db, CaseDesk desk, ServiceSettings settings, IOrganizationDirectory organization, EmailOutbox outbox,
    INotifications notifications, OrganizationContext tenant, IOptions<SmtpSettings> smtp, TimeProvider clock)
{
    /// <summary>When the agent gives no due time: one business day.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromHours(8);

    /// <summary>
    /// The open requests a person is to answer: those asked of them, and those asked of their department without naming
    /// anyone. Their task list, the sidebar's count and the home page all read this one rule.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<HandOff, bool>> OpenFor(Guid? me, Guid? myDepartment) =>
        h => h.Status == HandOffStatus.Open && (h.AssigneeId == me || (h.AssigneeId == null && h.DepartmentId == myDepartment));

    public Task<HandOff?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Set<HandOff>().FirstOrDefaultAsync(h => h.Id == id, ct);

    public async Task<(HandOff? HandOff, Errors Errors)> RequestAsync(
        Case from, Guid? departmentId, Guid? assigneeId, string? text, DateTimeOffset? dueAt, CancellationToken ct = default)
    {
        var errors = new Errors();
        var departments = await organization.DepartmentsAsync(ct);
        var department = departments.FirstOrDefault(d => d.Id == departmentId);
        if (department is null)
        {
            errors.Add("department_id", "Scegli un reparto della tua organizzazione.");
        }

        var members = await organization.MembersAsync(ct);
        if (assigneeId is { } person && members.All(m => m.UserId != person))
        {
            errors.Add("assignee_id", "Scegli una persona della tua organizzazione.");
        }

        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > HandOff.MaxText)
        {
            errors.Add("text", "Scrivi cosa chiedi al reparto (al massimo {0} caratteri).", HandOff.MaxText);
        }

        var now = clock.GetUtcNow();
        if (dueAt is { } due && due <= now)
        {
            errors.Add("due_at", "La scadenza deve essere nel futuro.");
        }

        if (from.IsDone)
        {
            errors.Add("text", "La pratica è già risolta: riaprila prima di coinvolgere un reparto.");
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var (calendar, _) = await settings.GetAsync(ct);
        var handOff = new HandOff
        {
            Id = Ids.New(),
            CaseId = from.Id,
            DepartmentId = department!.Id,
            AssigneeId = assigneeId,
            Request = text!,
            RequestedById = tenant.UserId,
            RequestedByName = tenant.ActorName,
            RequestedAt = now,
            DueAt = dueAt ?? calendar.AddBusinessTime(now, DefaultWait),
        };
        db.Add(handOff);
        desk.AddEntry(from, CaseEntryKind.HandOffRequested, $"{department.Name}: {text}", now, null, byAgent: true);
        from.WaitOnDepartment(true, now, calendar);
        desk.Timeline(from, "case_handed_off", $"Pratica #{from.Number}: richiesta a {department.Name}", now);

        // The person asked, or everyone in the department: they learn it by email and by the bell as well as in their task list.
        var recipients = assigneeId is { } one ? [one] : members.Where(m => m.DepartmentId == department.Id).Select(m => m.UserId).ToList();
        await notifications.AddAsync(new NewNotification(NotificationKind.HandOffAsked, TaskListPath,
            "{0} chiede a {1} sulla pratica #{2}: {3}", Mentions.MentionNotices.AuthorName(tenant.ActorName), department.Name, from.Number, from.Subject), recipients, ct);
        await NotifyAsync(recipients, $"Richiesta dalla pratica #{from.Number}: {from.Subject}",
            $"{tenant.ActorName} chiede a {department.Name}:\n\n{text}\n\nEntro: {Cerchio.Text.Times.Short(handOff.DueAt)}\nRispondi da Cerchio, in Assistenza → Le mie attività ({TaskListPath}).", handOff.Id, ct);
        await db.SaveChangesAsync(ct);
        return (handOff, errors);
    }

    public const string TaskListPath = "/assistenza/attivita";

    /// <summary>The department answers: the answer joins the case, which goes back to its agent once no other request is open.</summary>
    public async Task<Errors> AnswerAsync(HandOff handOff, string? text, CancellationToken ct = default)
    {
        var errors = new Errors();
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > HandOff.MaxText)
        {
            return errors.Add("text", "Scrivi la risposta (al massimo {0} caratteri).", HandOff.MaxText);
        }

        var now = clock.GetUtcNow();
        if (handOff.Complete(text, tenant.UserId, tenant.ActorName, now) is { } refused)
        {
            return errors.Add("text", refused);
        }

        var (calendar, _) = await settings.GetAsync(ct);
        var answered = await db.Set<Case>().FirstAsync(c => c.Id == handOff.CaseId, ct);
        var department = (await organization.DepartmentsAsync(ct)).FirstOrDefault(d => d.Id == handOff.DepartmentId)?.Name ?? "";
        desk.AddEntry(answered, CaseEntryKind.HandOffAnswered, $"{department}: {text}", now, null, byAgent: true);
        desk.Timeline(answered, "case_hand_off_answered", $"Pratica #{answered.Number}: ha risposto {department}", now);
        var stillOpen = await db.Set<HandOff>().AnyAsync(h => h.CaseId == answered.Id && h.Id != handOff.Id && h.Status == HandOffStatus.Open, ct);
        answered.WaitOnDepartment(stillOpen, now, calendar);
        answered.LastActivityAt = now;
        db.Publish(new HandOffCompleted(answered.Id, answered.Number, handOff.Id, handOff.DepartmentId, handOff.RequestedAt, now));

        // Back to whoever holds the case (or asked): the answer is what they were waiting for.
        if ((answered.AssigneeId ?? handOff.RequestedById) is { } agent)
        {
            await notifications.AddAsync(new NewNotification(NotificationKind.HandOffAnswered, CaseDesk.PageOf(answered.Number),
                "{0} ha risposto sulla pratica #{1}: {2}", department, answered.Number, answered.Subject), [agent], ct);
            await NotifyAsync([agent], $"Risposta da {department} sulla pratica #{answered.Number}: {answered.Subject}",
                $"{tenant.ActorName} ({department}) ha risposto:\n\n{text}", handOff.Id, ct);
        }

        await db.SaveChangesAsync(ct);
        return errors;
    }

    private async Task NotifyAsync(IReadOnlyCollection<Guid> people, string subject, string body, Guid relatedId, CancellationToken ct)
    {
        var emails = await organization.EmailsOfMembersAsync(people.Where(p => p != tenant.UserId), ct);
        if (emails.Count == 0)
        {
            return;
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.Value.From));
        foreach (var address in emails.Values)
        {
            message.To.Add(MailboxAddress.Parse(address));
        }

        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        outbox.Queue(message, relatedId: relatedId);
    }
}
