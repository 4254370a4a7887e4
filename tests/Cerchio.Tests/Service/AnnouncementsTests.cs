using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Announcements;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cerchio.Tests.Service;

/// <summary>
/// Announcements to the front line through HTTP: written and published by the CX lead, emailed to their audience (read
/// back from the real SMTP server), acknowledged on the page and through the API, a reminder to those who have not, the
/// coverage against a hand-computed figure, the thread, and Markdown that never runs.
/// </summary>
public abstract class AnnouncementsTests(MailApp app)
{
    /// <summary>The CX lead (Direzione), two agents of customer service, a salesperson and an accountant (referenti).</summary>
    private sealed record Team(TestOrganization Org, string Lead, string Anna, string Marco, string Sara, string Paolo)
    {
        public string[] FrontLine => [Anna, Marco, Sara];
    }

    private async Task<Team> TeamAsync(string name)
    {
        var org = await app.CreateOrganizationAsync(name);
        var unique = Guid.NewGuid().ToString("N")[..8];
        string Email(string who) => $"{who}.{unique}@example.test";
        var people = new[]
        {
            (Email("lead"), Role.CxLead, "Direzione"), (Email("anna"), Role.Agent, "Customer service e post-vendita"),
            (Email("marco"), Role.Agent, "Customer service e post-vendita"), (Email("sara"), Role.TeamMember, "Vendite"),
            (Email("paolo"), Role.TeamMember, "Amministrazione"),
        };
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var provisioning = services.GetRequiredService<IOrganizationProvisioning>();
            foreach (var (email, role, department) in people)
            {
                var (_, errors) = await provisioning.AddPersonAsync(new NewPerson(email.Split('.')[0], email, TestOrganization.Password, role, department));
                Assert.False(errors.Any);
            }

            return 0;
        });
        return new Team(org, people[0].Item1, people[1].Item1, people[2].Item1, people[3].Item1, people[4].Item1);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formName, IEnumerable<(string Name, string Value)> set, params string[] clear) =>
        Html.SubmitFormWithAsync(client, url, formName, set, clear);

    private static Task<HttpResponseMessage> RawPostAsync(HttpClient client, string page, Dictionary<string, string> fields) =>
        Html.PostWithTokenAsync(client, page, fields);

    private static string Day(int fromToday) => Cerchio.Text.Times.FormDate(Cerchio.Text.Times.DayInItaly(DateTimeOffset.UtcNow).AddDays(fromToday));

    /// <summary>Saves a draft from the form (the front line by default) and returns its page.</summary>
    private static async Task<string> DraftAsync(HttpClient lead, string title, string body, int launchInDays, IEnumerable<(string, string)>? audience = null)
    {
        var fields = new List<(string, string)> { ("Input.Kind", "price_change"), ("Input.Title", title), ("Input.Body", body), ("Input.EffectiveDate", Day(launchInDays)) };
        var clear = audience is null ? Array.Empty<string>() : ["Input.DepartmentIds", "Input.Roles"];
        var saved = await PostAsync(lead, "/comunicazioni/annunci/nuovo", "announcement", fields.Concat(audience ?? []), clear);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return Html.LocationPath(saved)!;
    }

    private static async Task PublishAsync(HttpClient lead, string page)
    {
        var published = await Html.ParseAsync(await PostAsync(lead, page, "publish", []));
        Assert.NotNull(published.QuerySelector("#announcement-done"));
    }

    private Task<T> InAsync<T>(TestOrganization org, Func<CerchioDb, Task<T>> read) =>
        app.InOrganizationAsync(org.Id, services => read(services.GetRequiredService<CerchioDb>()));

    private Task<List<string>> AudienceEmailsAsync(TestOrganization org, Guid announcementId) =>
        InAsync(org, async db => await (from r in db.Set<AnnouncementReceipt>()
                                         join u in db.Users on r.UserId equals u.Id
                                         where r.AnnouncementId == announcementId
                                         orderby u.Email
                                         select u.Email!).ToListAsync());

    private List<MimeMessage> MailTo(string address, string containing) =>
        app.Smtp.Messages().Where(m => m.To.Mailboxes.Any(a => a.Address == address) && (m.Subject ?? "").Contains(containing, StringComparison.Ordinal)).ToList();

    private static Guid IdOf(string page) => Guid.Parse(page.Split('/').Last().Split('?')[0]);

    [Fact]
    public async Task Lifecycle_PublishAheadOfLaunch_EmailsTheAudience_AcknowledgementsThenOneReminder_AndTheCoverageIsTheHandComputedOne()
    {
        var team = await TeamAsync("Annunci Listino S.r.l.");
        var lead = await team.Org.SignInAsync(team.Lead);
        var title = $"Nuovo listino {Guid.NewGuid():N}"[..24];
        var page = await DraftAsync(lead, title, "Dal **lunedì** i prezzi della linea *Cucine* salgono del 4%.", launchInDays: 7);
        var id = IdOf(page);

        // A draft is for those who write announcements: the front line neither sees it nor gets mail.
        var anna = await team.Org.SignInAsync(team.Anna);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync(page)).StatusCode);
        Assert.Empty(await AudienceEmailsAsync(team.Org, id));

        await PublishAsync(lead, page);
        Assert.Equal(team.FrontLine.Order(StringComparer.Ordinal), await AudienceEmailsAsync(team.Org, id));
        await Wait.UntilAsync(() => team.FrontLine.All(p => MailTo(p, title).Count == 1), "the announcement reaches its three people");
        Assert.Empty(MailTo(team.Paolo, title));
        Assert.Empty(MailTo(team.Lead, title));

        // Anna sees the banner on every page until she acknowledges it on its page.
        var home = await Html.GetAsync(anna, "/");
        Assert.Contains(title, home.QuerySelector("#announcement-banner")?.TextContent ?? "");
        Assert.Null((await Html.GetAsync(anna, page)).QuerySelector("#announcement-banner"));   // not on its own page: she is reading it
        var acknowledged = await PostAsync(anna, page, "acknowledge", []);
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        Assert.NotNull((await Html.GetAsync(anna, Html.LocationPath(acknowledged)!)).QuerySelector("#acknowledged"));
        Assert.Null((await Html.GetAsync(anna, "/")).QuerySelector("#announcement-banner"));

        // Sara acknowledges through the API; Paolo is not in the audience: refused, nothing recorded for him.
        var api = team.Org.Api();
        var bySara = await api.PostAsJsonAsync($"/api/v1/announcements/{id}/acknowledgements", new { email = team.Sara });
        Assert.Equal(HttpStatusCode.OK, bySara.StatusCode);
        var byPaolo = await api.PostAsJsonAsync($"/api/v1/announcements/{id}/acknowledgements", new { email = team.Paolo });
        Assert.Equal(HttpStatusCode.BadRequest, byPaolo.StatusCode);
        Assert.Contains("email", (await byPaolo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, (await AudienceEmailsAsync(team.Org, id)).Count);

        // The reminder, at its time, goes once and only to Marco. The pass sees every organization's announcements (the
        // class's other tests publish some too), so the test looks at this one's own mark and mail, not at the pass's count.
        var remindAt = await InAsync(team.Org, db => db.Set<Announcement>().Where(a => a.Id == id).Select(a => a.RemindAt).SingleAsync());
        Assert.NotNull(remindAt);
        Task<DateTimeOffset?> RemindedAsync() => InAsync(team.Org, db => db.Set<Announcement>().Where(a => a.Id == id).Select(a => a.RemindedAt).SingleAsync());
        AnnouncementReminderPass Pass(DateTimeOffset now) => ActivatorUtilities.CreateInstance<AnnouncementReminderPass>(app.Services, new ManualClock(now));
        await Pass(remindAt!.Value.AddMinutes(-1)).RunAsync(CancellationToken.None);
        Assert.Null(await RemindedAsync());
        await Pass(remindAt.Value.AddMinutes(1)).RunAsync(CancellationToken.None);
        Assert.Equal(remindAt.Value.AddMinutes(1), await RemindedAsync());
        await Pass(remindAt.Value.AddMinutes(2)).RunAsync(CancellationToken.None);
        Assert.Equal(remindAt.Value.AddMinutes(1), await RemindedAsync());
        await Wait.UntilAsync(() => MailTo(team.Marco, "Promemoria").Count == 1, "Marco is reminded");
        await Wait.UntilAsync(() => InAsync(team.Org, db => db.Set<Cerchio.Data.Outbox.OutgoingEmail>().AllAsync(e => e.Status != Cerchio.Data.Outbox.EmailStatus.Queued)), "the outbox is empty");
        Assert.Single(MailTo(team.Marco, "Promemoria"));
        Assert.Empty(MailTo(team.Anna, "Promemoria"));
        Assert.Empty(MailTo(team.Sara, "Promemoria"));

        // Hand-computed: 3 people, Anna and Sara acknowledged before the launch, Anna and Sara have read it → 2/3 = 66.7 %.
        var dto = await api.GetFromJsonAsync<JsonElement>($"/api/v1/announcements/{id}");
        var coverage = dto.GetProperty("coverage");
        Assert.Equal(3, coverage.GetProperty("audience").GetInt32());
        Assert.Equal(2, coverage.GetProperty("read").GetInt32());
        Assert.Equal(2, coverage.GetProperty("acknowledged").GetInt32());
        Assert.Equal(2, coverage.GetProperty("informed_before_launch").GetInt32());
        Assert.Equal(66.7, coverage.GetProperty("percent").GetDouble());
        Assert.Equal("66,7 %", (await Html.GetAsync(lead, page)).QuerySelector("#coverage-percent")?.TextContent.Trim());

        // The cruscotto's figure over the same announcement.
        var readiness = await app.InOrganizationAsync(team.Org.Id, services => services.GetRequiredService<IFrontLineReadiness>()
            .InformedFirstAsync(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));
        Assert.Equal(new FrontLineReadiness(1, 3, 2), readiness);
        Assert.Equal(66.7, readiness.Rate);
    }

    [Fact]
    public async Task Audience_ByDepartmentAndByRole_IsExactlyThePeopleNamed()
    {
        var team = await TeamAsync("Annunci Pubblico S.r.l.");
        var lead = await team.Org.SignInAsync(team.Lead);
        var departments = await InAsync(team.Org, db => db.Set<Cerchio.Organizations.Domain.Department>().ToDictionaryAsync(d => d.Name, d => d.Id.ToString()));

        // Amministrazione by department, and every referente (team_member) by role: Paolo once, Sara by her role.
        var page = await DraftAsync(lead, "Nuova procedura resi", "Da oggi i resi passano dall'amministrazione.", 5,
            [("Input.DepartmentIds", departments["Amministrazione"]), ("Input.Roles", "team_member")]);
        await PublishAsync(lead, page);
        Assert.Equal(new[] { team.Paolo, team.Sara }.Order(StringComparer.Ordinal), await AudienceEmailsAsync(team.Org, IdOf(page)));

        // Only the executives: nobody in this organization is one, so nothing is published.
        var nobody = await DraftAsync(lead, "Solo per la direzione", "Testo", 5, [("Input.Roles", "executive")]);
        var refused = await Html.ParseAsync(await PostAsync(lead, nobody, "publish", []));
        Assert.Null(refused.QuerySelector("#announcement-done"));
        Assert.Contains("Nessuna persona", refused.QuerySelector("[role=alert]")?.TextContent ?? "");
        Assert.Equal(AnnouncementStatus.Draft, await InAsync(team.Org, db => db.Set<Announcement>().Where(a => a.Id == IdOf(nobody)).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task BadInput_EmptyAudience_IsRefusedNextToTheField_AndAPastLaunchIsAllowedWithAWarning()
    {
        var team = await TeamAsync("Annunci Errori S.r.l.");
        var lead = await team.Org.SignInAsync(team.Lead);
        var before = await InAsync(team.Org, db => db.Set<Announcement>().CountAsync());
        var empty = await PostAsync(lead, "/comunicazioni/annunci/nuovo", "announcement",
            [("Input.Kind", "promotion"), ("Input.Title", "Promo senza pubblico"), ("Input.Body", "Testo"), ("Input.EffectiveDate", Day(3))], "Input.DepartmentIds", "Input.Roles");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var form = await Html.ParseAsync(empty);
        Assert.Contains("almeno un reparto o un ruolo", form.QuerySelector("#Audience-error")?.TextContent ?? "");
        Assert.Equal("Promo senza pubblico", form.QuerySelector<IHtmlInputElement>("#announcement-title")?.Value);   // what was typed is kept
        Assert.Equal(before, await InAsync(team.Org, db => db.Set<Announcement>().CountAsync()));

        var unknownKind = await PostAsync(lead, "/comunicazioni/annunci/nuovo", "announcement",
            [("Input.Kind", "gossip"), ("Input.Title", "X"), ("Input.Body", "Y"), ("Input.EffectiveDate", "31/02/2026"), ("Input.Touchpoints", "nessuno")]);
        var errors = await Html.ParseAsync(unknownKind);
        Assert.NotNull(errors.QuerySelector("#Kind-error"));
        Assert.NotNull(errors.QuerySelector("#EffectiveDate-error"));
        Assert.NotNull(errors.QuerySelector("#Touchpoints-error"));
        Assert.Equal(before, await InAsync(team.Org, db => db.Set<Announcement>().CountAsync()));

        // A launch already past: saved and published, with a warning; nobody counts as informed first.
        var late = await DraftAsync(lead, "Disservizio di ieri", "Il sito è stato fermo.", -1);
        Assert.NotNull((await Html.GetAsync(lead, late)).QuerySelector("#launch-past"));
        await PublishAsync(lead, late);
        Assert.NotNull((await Html.GetAsync(lead, late)).QuerySelector("#published-late"));
        var anna = await team.Org.SignInAsync(team.Anna);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(anna, late, "acknowledge", [])).StatusCode);
        var coverage = (await team.Org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/announcements/{IdOf(late)}")).GetProperty("coverage");
        Assert.Equal(1, coverage.GetProperty("acknowledged").GetInt32());
        Assert.Equal(0, coverage.GetProperty("informed_before_launch").GetInt32());
        Assert.Null(await InAsync(team.Org, db => db.Set<Announcement>().Where(a => a.Id == IdOf(late)).Select(a => a.RemindAt).SingleAsync()));

        // Writing announcements is not for agents.
        Assert.NotEqual(HttpStatusCode.OK, (await anna.GetAsync("/comunicazioni/annunci/nuovo")).StatusCode);
    }

    [Fact]
    public async Task AudienceCatchUp_SomeoneJoiningTheFrontLineBeforeTheLaunch_GetsItOnce_AfterTheLaunchNobodyDoes()
    {
        var team = await TeamAsync("Annunci Nuovi Arrivi S.r.l.");
        var lead = await team.Org.SignInAsync(team.Lead);
        var title = $"Nuovo catalogo {Guid.NewGuid():N}"[..26];
        var upcoming = IdOf(await PublishedAsync(lead, title, launchInDays: 5));
        var past = IdOf(await PublishedAsync(lead, $"Già lanciato {title}", launchInDays: -1));
        Assert.Equal(3, (await AudienceEmailsAsync(team.Org, upcoming)).Count);

        // Giulia joins customer service after the publication; Piero joins the accounts, outside the audience.
        var unique = Guid.NewGuid().ToString("N")[..8];
        var (giulia, piero) = ($"giulia.{unique}@example.test", $"piero.{unique}@example.test");
        await app.InOrganizationAsync(team.Org.Id, async services =>
        {
            var provisioning = services.GetRequiredService<IOrganizationProvisioning>();
            Assert.False((await provisioning.AddPersonAsync(new NewPerson("Giulia", giulia, TestOrganization.Password, Role.Agent, "Customer service e post-vendita"))).Errors.Any);
            Assert.False((await provisioning.AddPersonAsync(new NewPerson("Piero", piero, TestOrganization.Password, Role.TeamMember, "Amministrazione"))).Errors.Any);
            return 0;
        });

        // The pass sees every organization's announcements: the test looks at this one's receipts and mail only.
        AudienceCatchUpPass Pass() => ActivatorUtilities.CreateInstance<AudienceCatchUpPass>(app.Services, TimeProvider.System);
        await Pass().RunAsync(CancellationToken.None);
        await Pass().RunAsync(CancellationToken.None);
        Assert.Equal(new[] { team.Anna, team.Marco, team.Sara, giulia }.Order(), await AudienceEmailsAsync(team.Org, upcoming));
        Assert.Equal(3, (await AudienceEmailsAsync(team.Org, past)).Count);
        await Wait.UntilAsync(() => MailTo(giulia, title).Count > 0, "Giulia gets the announcement");
        await Wait.UntilAsync(() => InAsync(team.Org, db => db.Set<Cerchio.Data.Outbox.OutgoingEmail>().AllAsync(e => e.Status != Cerchio.Data.Outbox.EmailStatus.Queued)), "the outbox is empty");
        Assert.Single(MailTo(giulia, title));
        Assert.Empty(MailTo(piero, title));

        var giuliaClient = await team.Org.SignInAsync(giulia);
        Assert.Contains(title, (await Html.GetAsync(giuliaClient, "/")).QuerySelector("#announcement-banner")?.TextContent ?? "");
    }

    private static async Task<string> PublishedAsync(HttpClient lead, string title, int launchInDays)
    {
        var page = await DraftAsync(lead, title, "Il catalogo cambia.", launchInDays);
        await PublishAsync(lead, page);
        return page;
    }

    [Fact]
    public async Task Publishers_AreTheOrganizationsChoice_CheckedOnThePageAndOnSaving()
    {
        var team = await TeamAsync("Annunci Chi Pubblica S.r.l.");
        var sara = await team.Org.SignInAsync(team.Sara);
        var anna = await team.Org.SignInAsync(team.Anna);
        const string form = "/comunicazioni/annunci/nuovo";
        const string settings = "/comunicazioni/annunci/chi-pubblica";

        // By default the referenti write (Sara, sales), the agents do not (Anna).
        var saraForm = await Html.GetAsync(sara, form);
        var saraToken = saraForm.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        Assert.Equal(HttpStatusCode.Forbidden, (await anna.GetAsync(form)).StatusCode);
        Assert.Null((await Html.GetAsync(anna, "/comunicazioni/annunci")).QuerySelector("#new-announcement"));
        Assert.NotEqual(HttpStatusCode.OK, (await anna.GetAsync(settings)).StatusCode);

        // The CX lead lets customer service as a whole publish, and only the CX lead by role; no heads.
        var lead = await team.Org.SignInAsync(team.Lead);
        var service = await InAsync(team.Org, db => db.Set<Cerchio.Organizations.Domain.Department>().Where(d => d.Name == "Customer service e post-vendita").Select(d => d.Id).SingleAsync());
        var saved = await PostAsync(lead, settings, "publishers", [("Input.Roles", "CxLead"), ("Input.Departments", service.ToString())], "Input.Heads");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var shown = await Html.GetAsync(lead, settings);
        Assert.Equal(["publisher-role-CxLead"], shown.QuerySelectorAll("input[name='Input.Roles']:checked").Select(i => i.Id!));
        Assert.Equal([$"publisher-department-{service}"], shown.QuerySelectorAll("input[name='Input.Departments']:checked").Select(i => i.Id!));

        Assert.Equal(HttpStatusCode.OK, (await anna.GetAsync(form)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sara.GetAsync(form)).StatusCode);
        Assert.NotNull((await Html.GetAsync(anna, "/comunicazioni/annunci")).QuerySelector("#new-announcement"));

        // The form Sara opened before the change, posted now, saves nothing.
        var bySara = await sara.PostAsync(form, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = saraToken, ["_handler"] = "announcement", ["Input.Kind"] = "promotion", ["Input.Title"] = "Di nascosto",
            ["Input.Body"] = "Testo", ["Input.EffectiveDate"] = Day(3),
        }));
        Assert.NotEqual(HttpStatusCode.Redirect, bySara.StatusCode);   // the page draws no form for her: refused before any handler
        Assert.Equal(0, await InAsync(team.Org, db => db.Set<Announcement>().CountAsync()));
        var byAnna = await DraftAsync(anna, "Dal servizio clienti", "Nuovi orari del centralino.", 4);
        Assert.Equal(HttpStatusCode.OK, (await anna.GetAsync(byAnna)).StatusCode);

        // Another organization's department is refused next to the field, and the rule stays as it was.
        var refused = await PostAsync(lead, settings, "publishers", [("Input.Departments", Guid.NewGuid().ToString())]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotNull((await Html.ParseAsync(refused)).QuerySelector("#Departments-error"));
        Assert.Equal(HttpStatusCode.OK, (await anna.GetAsync(form)).StatusCode);
    }

    [Fact]
    public async Task Thread_TheFrontLineAsksAndProposes_TheAuthorAnswersDeclinesWithAReasonAndMakesAnFaq_UntilItIsArchived()
    {
        var team = await TeamAsync("Annunci Domande S.r.l.");
        var lead = await team.Org.SignInAsync(team.Lead);
        var page = await DraftAsync(lead, "Promozione di Natale", "Sconto del 10% su tutti i divani.", 10);
        await PublishAsync(lead, page);
        var id = IdOf(page);

        var anna = await team.Org.SignInAsync(team.Anna);
        await PostAsync(anna, page, "ask", [("Ask.Kind", "question"), ("Ask.Text", "Vale anche per gli ordini già fatti?")]);
        var marco = await team.Org.SignInAsync(team.Marco);
        await PostAsync(marco, page, "ask", [("Ask.Kind", "proposal"), ("Ask.Text", "Estendiamola alle poltrone.")]);
        var empty = await Html.ParseAsync(await PostAsync(marco, page, "ask", [("Ask.Kind", "proposal"), ("Ask.Text", "  ")]));
        Assert.NotNull(empty.QuerySelector("#text-error"));
        var posts = await InAsync(team.Org, db => db.Set<AnnouncementPost>().Where(p => p.AnnouncementId == id).OrderBy(p => p.At).ToListAsync());
        Assert.Equal([AnnouncementPostKind.Question, AnnouncementPostKind.Proposal], posts.Select(p => p.Kind));
        var (question, proposal) = (posts[0].Id.ToString(), posts[1].Id.ToString());

        // Agents read the thread but do not answer it: their post changes nothing.
        await RawPostAsync(anna, page, new() { ["_handler"] = $"respond-{question}", ["Respond.PostId"] = question, ["Respond.Text"] = "Sì", ["Respond.Action"] = "answer" });
        Assert.Null(await InAsync(team.Org, db => db.Set<AnnouncementPost>().Where(p => p.Id == posts[0].Id).Select(p => p.Answer).SingleAsync()));

        // Marco and Sara have Anna's question too: counted once each (a second click changes nothing), never by Anna herself.
        var sara = await team.Org.SignInAsync(team.Sara);
        Assert.Null((await Html.GetAsync(anna, page)).QuerySelector($"[data-post='{question}'] form"));
        await PostAsync(marco, page, $"same-{question}", []);
        await PostAsync(sara, page, $"same-{question}", []);
        Assert.Equal(HttpStatusCode.OK, (await RawPostAsync(marco, page, new() { ["_handler"] = $"same-{question}", ["Same.PostId"] = question })).StatusCode);
        Assert.Equal("2", (await Html.GetAsync(lead, page)).QuerySelector($"[data-post='{question}'] [data-same]")!.GetAttribute("data-same"));
        Assert.NotNull((await Html.GetAsync(marco, page)).QuerySelector($"[data-post='{question}'] [data-same] button[disabled][data-mine]"));

        await PostAsync(lead, page, $"respond-{question}", [("Respond.PostId", question), ("Respond.Text", "Solo per gli ordini dal 1° dicembre."), ("Respond.Action", "answer")]);
        await PostAsync(lead, page, $"respond-{question}", [("Respond.PostId", question), ("Respond.Action", "faq")]);

        // The answer reaches whoever asked and whoever had the same question.
        var answered = await InAsync(team.Org, async db => await (from n in db.Set<Cerchio.Organizations.Domain.Notification>()
                                                                  join u in db.Users on n.RecipientId equals u.Id
                                                                  where n.Kind == NotificationKind.AnnouncementThread && n.Title.Contains("risposto")
                                                                  orderby u.Email
                                                                  select u.Email!).ToListAsync());
        Assert.Equal(new[] { team.Anna, team.Marco, team.Sara }.Order(), answered);
        var noReasonResponse = await PostAsync(lead, page, $"respond-{proposal}", [("Respond.PostId", proposal), ("Respond.Text", ""), ("Respond.Action", "decline")]);
        Assert.True(noReasonResponse.StatusCode == HttpStatusCode.OK, $"{noReasonResponse.StatusCode} {await noReasonResponse.Content.ReadAsStringAsync()}");
        var noReason = await Html.ParseAsync(noReasonResponse);
        Assert.Contains("perché", noReason.QuerySelector($"[data-post='{proposal}'] #text-error")?.TextContent ?? noReason.QuerySelector("#thread")?.OuterHtml);
        await PostAsync(lead, page, $"respond-{proposal}", [("Respond.PostId", proposal), ("Respond.Text", "Le poltrone hanno già il loro sconto."), ("Respond.Action", "decline")]);

        var stored = await InAsync(team.Org, db => db.Set<AnnouncementPost>().Where(p => p.AnnouncementId == id).OrderBy(p => p.At).ToListAsync());
        Assert.Equal("Solo per gli ordini dal 1° dicembre.", stored[0].Answer);
        Assert.True(stored[0].IsFaq);
        Assert.Equal(ProposalDecision.Declined, stored[1].Decision);
        Assert.Equal("Le poltrone hanno già il loro sconto.", stored[1].DecisionReason);
        var shown = await Html.GetAsync(anna, page);
        Assert.Contains("Solo per gli ordini dal 1° dicembre.", shown.QuerySelector("#faq")?.TextContent ?? "");
        Assert.NotNull(shown.QuerySelector($"[data-post='{proposal}'] [data-decision=Declined]"));

        // Archived: the thread is closed, a late question is refused and not stored.
        await PostAsync(lead, page, "archive", []);
        var closed = await Html.GetAsync(anna, page);
        Assert.NotNull(closed.QuerySelector("#thread-closed"));
        Assert.NotNull(closed.QuerySelector("#ask-form fieldset[disabled]"));
        var lateQuestion = await RawPostAsync(anna, page, new() { ["_handler"] = "ask", ["Ask.Kind"] = "question", ["Ask.Text"] = "E adesso?" });
        Assert.Equal(HttpStatusCode.OK, lateQuestion.StatusCode);
        Assert.Contains("archiviato", (await Html.ParseAsync(lateQuestion)).QuerySelector("#text-error")?.TextContent ?? "");
        Assert.Equal(2, await InAsync(team.Org, db => db.Set<AnnouncementPost>().CountAsync(p => p.AnnouncementId == id)));
        var lateAck = await team.Org.Api().PostAsJsonAsync($"/api/v1/announcements/{id}/acknowledgements", new { email = team.Marco });
        Assert.Equal(HttpStatusCode.BadRequest, lateAck.StatusCode);
    }

    [Fact]
    public async Task Markdown_WithScriptsHandlersAndJavascriptLinks_IsInertOnThePageInTheApiAndInTheEmail()
    {
        var team = await TeamAsync("Annunci Markdown S.r.l.");
        var lead = await team.Org.SignInAsync(team.Lead);
        var title = $"Markdown {Guid.NewGuid():N}"[..20];
        const string hostile = "Ciao <script>alert('x')</script> e <b onclick=\"alert(1)\">grassetto</b>\n\n"
            + "[clicca](javascript:alert(document.cookie)) · [sito](https://example.test/listino)\n\n"
            + "<img src=x onerror=alert(1)> ![foto](x\" onerror=\"alert(2)) ![ok](https://example.test/a.png)";
        var page = await DraftAsync(lead, title, hostile, 4);
        await PublishAsync(lead, page);

        var body = (await Html.GetAsync(lead, page)).QuerySelector("#announcement-body")!;
        Assert.Empty(body.QuerySelectorAll("script, b, [onclick], [onerror]"));
        Assert.DoesNotContain(body.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(body.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == "https://example.test/listino");
        Assert.Contains("<script>", body.TextContent, StringComparison.Ordinal);   // shown as the text it is

        var html = (await team.Org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/announcements/{IdOf(page)}")).GetProperty("body_html").GetString()!;
        await Wait.UntilAsync(() => MailTo(team.Anna, title).Count == 1, "the announcement is emailed");
        var emailed = MailTo(team.Anna, title)[0].HtmlBody;
        foreach (var rendered in new[] { html, emailed })
        {
            var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(rendered));
            Assert.Empty(document.QuerySelectorAll("script, b, [onclick], [onerror]"));
            Assert.DoesNotContain(document.QuerySelectorAll("[href], [src]"), e => (e.GetAttribute("href") ?? e.GetAttribute("src"))!.Contains("javascript", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(document.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == "https://example.test/listino");
        }
    }
}

public sealed class AnnouncementsTestsOnSqlite(MailSqliteApp app) : AnnouncementsTests(app), IClassFixture<MailSqliteApp>;

public sealed class AnnouncementsTestsOnPostgres(MailPostgresApp app) : AnnouncementsTests(app), IClassFixture<MailPostgresApp>;
