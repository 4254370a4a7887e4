using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Organizations.Domain;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.AutoClose;
using Cerchio.Service.Features.Settings;
using Cerchio.Service.Features.SlaAlerts;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cerchio.Tests.Service;

/// <summary>
/// The desk's timed work, each pass run directly on a clock the test sets: SLA alerts by email (read back from the
/// real SMTP server) and auto-close, each once even with two instances running the pass at the same moment.
/// </summary>
public abstract class SlaAlertsTests(MailApp app)
{
    private sealed record Desk(TestOrganization Org, string AgentEmail, string HeadEmail, Guid CaseId);

    /// <summary>An urgent case assigned to an agent of IT, whose head (a referente who reads English) is named on the department page.</summary>
    private async Task<Desk> DeskAsync(string name)
    {
        var agent = $"agente.{Guid.NewGuid():N}@example.test";
        var head = $"capo.{Guid.NewGuid():N}@example.test";
        var org = await app.CreateOrganizationAsync(name, (agent, Role.Agent), (head, Role.TeamMember));
        var (it, agentId, headId) = await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var department = await db.Set<Department>().SingleAsync(d => d.Name == "IT");
            var headUser = await db.Users.SingleAsync(u => u.Email == head);
            headUser.Language = "en";
            await db.SaveChangesAsync();
            return (department.Id, (await db.Users.SingleAsync(u => u.Email == agent)).Id, headUser.Id);
        });

        var admin = await org.SignInAsync();
        var named = await Html.SubmitFormAsync(admin, $"/amministrazione/reparti/{it}", "department-rename", new() { ["Input.HeadUserId"] = headId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, named.StatusCode);

        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        var opened = await (await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Il gestionale non si avvia", customer = new { external_id = "CLI-1" }, channel = "phone", priority = "urgent" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var caseId = await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var c = await db.Set<Case>().SingleAsync(c => c.Number == opened.GetProperty("number").GetInt32());
            c.AssigneeId = agentId;
            c.DepartmentId = it;
            await db.SaveChangesAsync();
            return c.Id;
        });
        return new Desk(org, agent, head, caseId);
    }

    private Task<Case> CaseAsync(Guid organizationId, Guid id) =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<Case>().AsNoTracking().SingleAsync(c => c.Id == id));

    private List<MimeMessage> MailTo(string address) =>
        app.Smtp.Messages().Where(m => m.To.Mailboxes.Any(a => a.Address == address)).ToList();

    /// <summary>Every message the organization queued has left (or failed): what the sink holds is all there will be.</summary>
    private Task OutboxDrainedAsync(Guid organizationId) =>
        Wait.UntilAsync(() => app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<OutgoingEmail>()
            .AllAsync(e => e.Status != EmailStatus.Queued)), "the organization's outbox is empty");

    private SlaAlertPass Alerts(DateTimeOffset now) => ActivatorUtilities.CreateInstance<SlaAlertPass>(app.Services, new ManualClock(now));

    private AutoClosePass AutoClose(DateTimeOffset now) => ActivatorUtilities.CreateInstance<AutoClosePass>(app.Services, new ManualClock(now));

    [Fact]
    public async Task NearBreachThenBreach_AreEachSentOnce_ToTheAssigneeAndTheDepartmentHead_InTheirLanguage()
    {
        var desk = await DeskAsync("Avvisi SLA S.r.l.");
        var due = (await CaseAsync(desk.Org.Id, desk.CaseId)).FirstResponseDueAt;

        // Well before the warning share of the hour has run: nothing.
        await Alerts(due - TimeSpan.FromDays(30)).RunAsync(CancellationToken.None);
        Assert.Equal(SlaAlerts.None, (await CaseAsync(desk.Org.Id, desk.CaseId)).SlaAlertsSent);

        // A minute before the due time the case is near breach: one email each, in Italian and in English.
        await Alerts(due - TimeSpan.FromMinutes(1)).RunAsync(CancellationToken.None);
        await Alerts(due - TimeSpan.FromMinutes(1)).RunAsync(CancellationToken.None);
        await Wait.UntilAsync(() => MailTo(desk.AgentEmail).Count == 1 && MailTo(desk.HeadEmail).Count == 1, "the near-breach emails arrive");
        Assert.StartsWith("Pratica #1 in scadenza: prima risposta entro il", MailTo(desk.AgentEmail)[0].Subject, StringComparison.Ordinal);
        Assert.StartsWith("Case #1 due soon: first response by", MailTo(desk.HeadEmail)[0].Subject, StringComparison.Ordinal);
        Assert.Contains("/assistenza/pratiche/1", MailTo(desk.AgentEmail)[0].TextBody, StringComparison.Ordinal);
        Assert.Equal(SlaAlerts.FirstResponseNear, (await CaseAsync(desk.Org.Id, desk.CaseId)).SlaAlertsSent);

        // Past the due time, two instances run the pass at once: one breach email each, still.
        var breached = due + TimeSpan.FromMinutes(1);
        await Task.WhenAll(Alerts(breached).RunAsync(CancellationToken.None), Alerts(breached).RunAsync(CancellationToken.None));
        await Alerts(breached).RunAsync(CancellationToken.None);
        await OutboxDrainedAsync(desk.Org.Id);
        Assert.Equal(2, MailTo(desk.AgentEmail).Count);
        Assert.Equal(2, MailTo(desk.HeadEmail).Count);
        Assert.Single(MailTo(desk.AgentEmail), m => m.Subject != null && m.Subject.StartsWith("Pratica #1 scaduta: la prima risposta era attesa entro il", StringComparison.Ordinal));
        Assert.Single(MailTo(desk.HeadEmail), m => m.Subject != null && m.Subject.StartsWith("Case #1 overdue: the first response was due by", StringComparison.Ordinal));
        Assert.Equal(SlaAlerts.FirstResponseNear | SlaAlerts.FirstResponseBreached, (await CaseAsync(desk.Org.Id, desk.CaseId)).SlaAlertsSent);
    }

    [Fact]
    public async Task ACaseFoundAlreadyBreached_GetsTheBreachEmailOnly_Once()
    {
        var desk = await DeskAsync("Già Scaduta S.r.l.");
        var c = await CaseAsync(desk.Org.Id, desk.CaseId);

        // Two instances at once, the first time anyone looks, long after the due time.
        var late = c.FirstResponseDueAt + TimeSpan.FromHours(3);
        await Task.WhenAll(Alerts(late).RunAsync(CancellationToken.None), Alerts(late).RunAsync(CancellationToken.None));
        await OutboxDrainedAsync(desk.Org.Id);

        Assert.StartsWith("Pratica #1 scaduta", Assert.Single(MailTo(desk.AgentEmail)).Subject, StringComparison.Ordinal);
        Assert.StartsWith("Case #1 overdue", Assert.Single(MailTo(desk.HeadEmail)).Subject, StringComparison.Ordinal);
        Assert.Equal(SlaAlerts.FirstResponseNear | SlaAlerts.FirstResponseBreached, (await CaseAsync(desk.Org.Id, desk.CaseId)).SlaAlertsSent);
    }

    [Fact]
    public async Task ResolvedCases_CloseAfterTheOrganizationsDays_NotBefore_NotWhenItSaysNever_AndOnceWithTwoInstances()
    {
        var org = await app.CreateOrganizationAsync("Chiusura Automatica S.r.l.");
        var never = await app.CreateOrganizationAsync("Mai Chiuse S.r.l.");
        Assert.False((await app.InOrganizationAsync(never.Id, services =>
            services.GetRequiredService<ServiceSettings>().SaveAsync(CalendarSettings.ItalianDefault, SlaPolicy.ItalianDefault, autoCloseDays: 0))).Any);
        var (caseId, resolvedAt) = await ResolvedCaseAsync(org);
        var (neverId, _) = await ResolvedCaseAsync(never);

        // A minute short of the default seven days: still resolved.
        await AutoClose(resolvedAt + TimeSpan.FromDays(DeskSettings.DefaultAutoCloseDays) - TimeSpan.FromMinutes(1)).RunAsync(CancellationToken.None);
        Assert.Equal(CaseStatus.Resolved, (await CaseAsync(org.Id, caseId)).Status);

        // A minute past: closed once, by whichever instance wins.
        var closedAt = resolvedAt + TimeSpan.FromDays(DeskSettings.DefaultAutoCloseDays) + TimeSpan.FromMinutes(1);
        await Task.WhenAll(AutoClose(closedAt).RunAsync(CancellationToken.None), AutoClose(closedAt).RunAsync(CancellationToken.None));
        var closed = await CaseAsync(org.Id, caseId);
        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Equal(closedAt, closed.ClosedAt);
        Assert.Equal(resolvedAt, closed.ResolvedAt);
        var lines = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<CaseEntry>()
            .Where(e => e.CaseId == caseId && e.Kind == CaseEntryKind.StatusChanged).Select(e => e.Text).ToListAsync());
        Assert.Single(lines, l => l.EndsWith(CaseNames.Label(CaseStatus.Closed), StringComparison.Ordinal));

        // An organization that closes never: a year later its case is still resolved.
        await AutoClose(resolvedAt + TimeSpan.FromDays(365)).RunAsync(CancellationToken.None);
        Assert.Equal(CaseStatus.Resolved, (await CaseAsync(never.Id, neverId)).Status);
    }

    private async Task<(Guid Id, DateTimeOffset ResolvedAt)> ResolvedCaseAsync(TestOrganization org)
    {
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Verdi S.r.l.", external_id = "CLI-9" })).EnsureSuccessStatusCode();
        var opened = await (await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Fattura doppia", customer = new { external_id = "CLI-9" }, channel = "phone" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var number = opened.GetProperty("number").GetInt32();
        (await api.PostAsJsonAsync($"/api/v1/cases/{number}/status", new { status = "resolved" })).EnsureSuccessStatusCode();
        return await app.InOrganizationAsync(org.Id, async services =>
        {
            var c = await services.GetRequiredService<CerchioDb>().Set<Case>().AsNoTracking().SingleAsync(c => c.Number == number);
            return (c.Id, c.ResolvedAt!.Value);
        });
    }
}

public sealed class SlaAlertsTestsOnSqlite(MailSqliteApp app) : SlaAlertsTests(app), IClassFixture<MailSqliteApp>;

public sealed class SlaAlertsTestsOnPostgres(MailPostgresApp app) : SlaAlertsTests(app), IClassFixture<MailPostgresApp>;
