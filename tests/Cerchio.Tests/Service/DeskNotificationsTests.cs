using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Organizations.Contracts;
using Cerchio.Organizations.Domain;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.SlaAlerts;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cerchio.Tests.Service;

/// <summary>
/// What the desk tells colleagues: @mentions in internal notes (in the app and by email, in each person's language),
/// hand-offs asked and answered, SLA alerts. Never the author, never anyone outside the organization.
/// </summary>
public abstract class DeskNotificationsTests(MailApp app)
{
    /// <summary>
    /// Luca Neri (agent, the author), Anna Verdi (referente of Logistica, reads English) and Anna Verdi Bianchi (CX lead,
    /// whose name starts with Anna Verdi's), with a case assigned to Luca.
    /// </summary>
    private sealed record Desk(TestOrganization Org, Guid Luca, Guid Anna, Guid AnnaBianchi, Guid Logistics, Guid CaseId)
    {
        public string LucaEmail => Org.People[Role.Agent];
        public string AnnaEmail => Org.People[Role.TeamMember];
        public string AnnaBianchiEmail => Org.People[Role.CxLead];
    }

    private async Task<Desk> DeskAsync(string name)
    {
        string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";
        var org = await app.CreateOrganizationAsync(name, (Email("luca"), Role.Agent), (Email("anna"), Role.TeamMember), (Email("annab"), Role.CxLead));
        var (luca, anna, annaBianchi, logistics) = await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var department = await db.Set<Department>().SingleAsync(d => d.Name == "Logistica e magazzino");
            async Task<Guid> NameAsync(Role role, string displayName, string language)
            {
                var user = await db.Users.SingleAsync(u => u.Email == org.People[role]);
                user.DisplayName = displayName;
                user.Language = language;
                return user.Id;
            }

            var ids = (await NameAsync(Role.Agent, "Luca Neri", "it"), await NameAsync(Role.TeamMember, "Anna Verdi", "en"), await NameAsync(Role.CxLead, "Anna Verdi Bianchi", "it"));
            (await db.Set<Membership>().SingleAsync(m => m.UserId == ids.Item2)).DepartmentId = department.Id;
            await db.SaveChangesAsync();
            return (ids.Item1, ids.Item2, ids.Item3, department.Id);
        });
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Consegna in ritardo", customer = new { external_id = "CLI-1" }, channel = "phone" })).EnsureSuccessStatusCode();
        var caseId = await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var c = await db.Set<Case>().SingleAsync(c => c.Number == 1);
            c.AssigneeId = luca;
            await db.SaveChangesAsync();
            return c.Id;
        });
        return new Desk(org, luca, anna, annaBianchi, logistics, caseId);
    }

    private Task<List<Notification>> NotificationsAsync(Guid organizationId) =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<Notification>()
            .AsNoTracking().OrderBy(n => n.CreatedAt).ToListAsync());

    private List<MimeMessage> MailTo(string address) =>
        app.Smtp.Messages().Where(m => m.To.Mailboxes.Any(a => a.Address == address)).ToList();

    private Task OutboxDrainedAsync(Guid organizationId) =>
        Wait.UntilAsync(() => app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<OutgoingEmail>()
            .AllAsync(e => e.Status != EmailStatus.Queued)), "the organization's outbox is empty");

    [Fact]
    public async Task NoteMentioningColleagues_NotifiesEachOnce_InAppAndByEmail_InTheirLanguage_NeverTheAuthor()
    {
        var desk = await DeskAsync("Menzioni S.r.l.");
        var luca = await desk.Org.SignInAsync(Role.Agent);

        var posted = await Html.SubmitFormAsync(luca, "/assistenza/pratiche/1", "add-note", new()
        {
            ["Note.Text"] = "@anna verdi bianchi e @Anna Verdi, guardate voi? Io (@Luca Neri) aspetto. @Nessuno Qui, scrivete a info@anna.it <b>subito</b>. Di nuovo @Anna Verdi",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var notifications = await NotificationsAsync(desk.Org.Id);
        Assert.Equal(2, notifications.Count);
        var english = Assert.Single(notifications, n => n.RecipientId == desk.Anna);
        var italian = Assert.Single(notifications, n => n.RecipientId == desk.AnnaBianchi);
        Assert.All(notifications, n => Assert.Equal(NotificationKind.Mention, n.Kind));
        Assert.Equal("Luca Neri mentioned you on case #1: Consegna in ritardo", english.Title);
        Assert.Equal("Luca Neri ti ha menzionato nella pratica #1: Consegna in ritardo", italian.Title);
        Assert.StartsWith("/assistenza/pratiche/1#entry-", italian.Link, StringComparison.Ordinal);
        Assert.Null(italian.ReadAt);

        await OutboxDrainedAsync(desk.Org.Id);
        Assert.Equal("Luca Neri mentioned you on case #1: Consegna in ritardo", Assert.Single(MailTo(desk.AnnaEmail)).Subject);
        var mail = Assert.Single(MailTo(desk.AnnaBianchiEmail));
        Assert.Equal("Luca Neri ti ha menzionato nella pratica #1: Consegna in ritardo", mail.Subject);
        Assert.Contains("guardate voi?", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(italian.Link, mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(MailTo(desk.LucaEmail));

        // The conversation highlights the members' names, encoded like all text; unknown names stay plain.
        var page = await Html.GetAsync(luca, "/assistenza/pratiche/1");
        var note = page.QuerySelector("[data-kind=note]")!;
        Assert.Equal(["@anna verdi bianchi", "@Anna Verdi", "@Luca Neri", "@Anna Verdi"], note.QuerySelectorAll("mark.mention").Select(m => m.TextContent).ToArray());
        Assert.Null(note.QuerySelector("b"));
        Assert.Contains("<b>subito</b>", note.QuerySelector(".entry-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(italian.Link.Split('#')[1], note.Id);
    }

    [Fact]
    public async Task NoteByApi_MentioningAnotherOrganizationsPersonOrAnUnknownName_NotifiesNobodyThere()
    {
        var desk = await DeskAsync("Menzioni Mie S.r.l.");
        var other = await DeskAsync("Menzioni Loro S.r.l.");
        // Their Luca Neri has the same name as ours: a note of theirs must not reach ours, and ours must not reach theirs.
        await app.InOrganizationAsync(other.Org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            (await db.Users.SingleAsync(u => u.Id == other.Anna)).DisplayName = "Marco Gialli";
            return await db.SaveChangesAsync();
        });

        var noted = await desk.Org.Api().PostAsJsonAsync("/api/v1/cases/1/notes", new { text = "Sentite @Marco Gialli e @Sconosciuto Rossi" });
        Assert.Equal(HttpStatusCode.Created, noted.StatusCode);
        Assert.Empty(await NotificationsAsync(desk.Org.Id));
        Assert.Empty(await NotificationsAsync(other.Org.Id));

        // An API key is nobody: the mentioned colleague is told, by the bell and by email, and only in this organization.
        (await desk.Org.Api().PostAsJsonAsync("/api/v1/cases/1/notes", new { text = "@Luca Neri ci pensi tu?" })).EnsureSuccessStatusCode();
        var told = Assert.Single(await NotificationsAsync(desk.Org.Id));
        Assert.Equal(desk.Luca, told.RecipientId);
        Assert.Empty(await NotificationsAsync(other.Org.Id));
        await OutboxDrainedAsync(desk.Org.Id);
        Assert.Single(MailTo(desk.LucaEmail));
        Assert.Empty(MailTo(other.LucaEmail));
    }

    [Fact]
    public async Task HandOffs_NotifyThePeopleAsked_AndTheAnswerNotifiesTheAssignee_NotTheAuthors()
    {
        var desk = await DeskAsync("Passaggi Notificati S.r.l.");
        var luca = await desk.Org.SignInAsync(Role.Agent);

        // Luca asks Logistica from the case page: its people are told (Anna), never Luca himself.
        var asked = await Html.SubmitFormAsync(luca, "/assistenza/pratiche/1", "hand-off", new()
        {
            ["Ask.DepartmentId"] = desk.Logistics.ToString(),
            ["Ask.Text"] = "Dov'è la consegna?",
        });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var request = Assert.Single(await NotificationsAsync(desk.Org.Id));
        Assert.Equal((desk.Anna, NotificationKind.HandOffAsked, "/assistenza/attivita"), (request.RecipientId, request.Kind, request.Link));
        Assert.Equal("Luca Neri asks Logistica e magazzino about case #1: Consegna in ritardo", request.Title);
        // The email that existed stays one email.
        await OutboxDrainedAsync(desk.Org.Id);
        Assert.Single(MailTo(desk.AnnaEmail));

        // Anna answers from her task list: the case's assignee, Luca, is told; Anna is not.
        var anna = await desk.Org.SignInAsync(Role.TeamMember);
        var tasks = await Html.GetAsync(anna, "/assistenza/attivita");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)tasks.QuerySelector("#tasks > li form")!;
        Assert.Equal(HttpStatusCode.OK, (await Html.PostFormAsync(anna, form, new() { ["Answer.Text"] = "Arriva domani." })).StatusCode);
        var notifications = await NotificationsAsync(desk.Org.Id);
        Assert.Equal(2, notifications.Count);
        var answer = Assert.Single(notifications, n => n.Kind == NotificationKind.HandOffAnswered);
        Assert.Equal((desk.Luca, "/assistenza/pratiche/1"), (answer.RecipientId, answer.Link));
        Assert.Equal("Logistica e magazzino ha risposto sulla pratica #1: Consegna in ritardo", answer.Title);

        // A request to one person reaches that person only.
        (await desk.Org.Api().PostAsJsonAsync("/api/v1/cases/1/hand-offs", new { department_id = desk.Logistics, assignee_id = desk.AnnaBianchi, text = "E tu?" })).EnsureSuccessStatusCode();
        var asOne = (await NotificationsAsync(desk.Org.Id)).Where(n => n.Kind == NotificationKind.HandOffAsked).ToList();
        Assert.Equal([desk.Anna, desk.AnnaBianchi], asOne.Select(n => n.RecipientId).ToArray());
    }

    [Fact]
    public async Task SlaAlert_AddsTheInAppNotification_ToTheAssigneeAndTheHead_Once()
    {
        var desk = await DeskAsync("Avvisi Notificati S.r.l.");
        var due = await app.InOrganizationAsync(desk.Org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            (await db.Set<Department>().SingleAsync(d => d.Id == desk.Logistics)).HeadUserId = desk.Anna;
            var c = await db.Set<Case>().SingleAsync(c => c.Id == desk.CaseId);
            c.DepartmentId = desk.Logistics;
            await db.SaveChangesAsync();
            return c.FirstResponseDueAt;
        });

        var late = due + TimeSpan.FromMinutes(1);
        SlaAlertPass Alerts() => ActivatorUtilities.CreateInstance<SlaAlertPass>(app.Services, new ManualClock(late));
        await Task.WhenAll(Alerts().RunAsync(CancellationToken.None), Alerts().RunAsync(CancellationToken.None));
        await Alerts().RunAsync(CancellationToken.None);

        var notifications = await NotificationsAsync(desk.Org.Id);
        Assert.Equal(2, notifications.Count);
        Assert.All(notifications, n => Assert.Equal((NotificationKind.SlaBreached, "/assistenza/pratiche/1"), (n.Kind, n.Link)));
        Assert.Equal("Pratica #1 scaduta (prima risposta): Consegna in ritardo", Assert.Single(notifications, n => n.RecipientId == desk.Luca).Title);
        Assert.Equal("Case #1 overdue (first response): Consegna in ritardo", Assert.Single(notifications, n => n.RecipientId == desk.Anna).Title);
        await OutboxDrainedAsync(desk.Org.Id);
        Assert.Single(MailTo(desk.LucaEmail));
        Assert.Single(MailTo(desk.AnnaEmail));
    }

    [Fact]
    public async Task MentionSuggestions_OfferThisOrganizationsPeople_NotTheWriter_NotOthers()
    {
        var desk = await DeskAsync("Suggerimenti S.r.l.");
        await DeskAsync("Suggerimenti Altri S.r.l.");
        var luca = await desk.Org.SignInAsync(Role.Agent);

        var anna = await luca.GetFromJsonAsync<JsonElement[]>("/assistenza/menzioni?q=anna");
        Assert.Equal(["Anna Verdi", "Anna Verdi Bianchi"], anna!.Select(p => p.GetProperty("name").GetString()!).ToArray());
        var bianchi = await luca.GetFromJsonAsync<JsonElement[]>("/assistenza/menzioni?q=bian");
        Assert.Equal("Anna Verdi Bianchi", Assert.Single(bianchi!).GetProperty("name").GetString());
        Assert.Empty((await luca.GetFromJsonAsync<JsonElement[]>("/assistenza/menzioni?q=luca"))!);

        // An executive reads cases but writes no notes: no suggestions either.
        var executive = await app.CreateOrganizationAsync("Suggerimenti Direzione S.r.l.", ($"dir.{Guid.NewGuid():N}@example.test", Role.Executive));
        var reader = await executive.SignInAsync(Role.Executive);
        var asked = new HttpRequestMessage(HttpMethod.Get, "/assistenza/menzioni?q=a") { Headers = { { "X-Requested-With", "XMLHttpRequest" } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.SendAsync(asked)).StatusCode);
    }
}

public sealed class DeskNotificationsTestsOnSqlite(MailSqliteApp app) : DeskNotificationsTests(app), IClassFixture<MailSqliteApp>;

public sealed class DeskNotificationsTestsOnPostgres(MailPostgresApp app) : DeskNotificationsTests(app), IClassFixture<MailPostgresApp>;
