using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Settings;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Platform;

/// <summary>The frame (UX.md): the sidebar per role with the inbox's counts, and the home page's "what should I do now?".</summary>
public abstract class FrameTests(AppFixture app)
{
    private static string Email(string who, [System.Runtime.CompilerServices.CallerMemberName] string test = "") => $"{who}.{test.ToLowerInvariant()}@frame.test";

    // ---- the sidebar -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Sidebar_ShowsOnlyTheSectionsEachRoleMayUse()
    {
        var org = await app.CreateOrganizationAsync("Cornice Ruoli S.r.l.",
            (Email("agente"), Role.Agent), (Email("referente"), Role.TeamMember), (Email("direzione"), Role.Executive));

        var admin = Sidebar(await Html.GetAsync(await org.SignInAsync(), "/"));
        Assert.Equal(["sidebar-assistenza", "sidebar-clienti", "sidebar-ascolto", "sidebar-viaggi", "sidebar-comunicazioni", "sidebar-amministrazione"], admin.Sections);
        Assert.Contains("desk-settings", admin.Keys);
        Assert.Contains("customers-import", admin.Keys);
        Assert.Contains("audit", admin.Keys);
        Assert.Contains("surveys", admin.Keys);

        var agent = Sidebar(await Html.GetAsync(await org.SignInAsync(Role.Agent), "/"));
        Assert.Equal(["sidebar-assistenza", "sidebar-clienti", "sidebar-ascolto", "sidebar-viaggi", "sidebar-comunicazioni"], agent.Sections);
        Assert.Contains("tasks", agent.Keys);
        Assert.Contains("mie", agent.Keys);
        Assert.DoesNotContain("desk-settings", agent.Keys);
        Assert.DoesNotContain("customers-import", agent.Keys);

        var member = Sidebar(await Html.GetAsync(await org.SignInAsync(Role.TeamMember), "/"));
        Assert.Equal(["sidebar-assistenza", "sidebar-clienti", "sidebar-ascolto", "sidebar-viaggi", "sidebar-comunicazioni"], member.Sections);
        Assert.Contains("tasks", member.Keys);
        Assert.DoesNotContain("mailboxes", member.Keys);
        Assert.DoesNotContain("administration", member.Keys);

        // The executives read: no task list, since they answer no hand-off.
        var executive = Sidebar(await Html.GetAsync(await org.SignInAsync(Role.Executive), "/"));
        Assert.Equal(["sidebar-assistenza", "sidebar-clienti", "sidebar-ascolto", "sidebar-viaggi", "sidebar-comunicazioni"], executive.Sections);
        Assert.DoesNotContain("tasks", executive.Keys);
    }

    [Fact]
    public async Task Sidebar_CountsMatchTheInbox_AndMarkTheCurrentPage()
    {
        var org = await app.CreateOrganizationAsync("Cornice Conteggi S.r.l.", (Email("agente"), Role.Agent));
        var api = org.Api();
        await CustomerAsync(api, "C-1");
        var complaint = await OpenAsync(api, "Mobile arrivato rotto", "C-1", type: "complaint");
        var mine = await OpenAsync(api, "Preventivo cucina", "C-1");
        var overdue = await OpenAsync(api, "Garanzia divano", "C-1");
        await OpenAsync(api, "Richiesta catalogo", "C-1");
        var agent = await UserIdAsync(Email("agente"));
        var it = await DepartmentAsync(org, "IT");
        await ChangeAsync(org, mine, c => c.Assign(agent, it, DateTimeOffset.UtcNow));
        await ChangeAsync(org, overdue, c => c.SlaDueAt = DateTimeOffset.UtcNow.AddMinutes(-20));
        (await api.PostAsJsonAsync($"/api/v1/cases/{complaint}/hand-offs", new { department_id = it, text = "Verificate il trasporto." })).EnsureSuccessStatusCode();

        // Another organization's cases count nowhere here.
        var other = await app.CreateOrganizationAsync("Cornice Altrui S.r.l.");
        await CustomerAsync(other.Api(), "X-1");
        await OpenAsync(other.Api(), "Non vostra", "X-1", type: "complaint");

        var client = await org.SignInAsync(Role.Agent);
        var home = await Html.GetAsync(client, "/");
        foreach (var view in new[] { "mie", "non-assegnate", "reparto", "aperte", "attesa-cliente", "attesa-reparto", "in-scadenza", "reclami", "risolte" })
        {
            var page = await Html.GetAsync(client, $"/assistenza?vista={view}");
            var listed = page.QuerySelectorAll("#cases tbody tr").Length;
            Assert.Equal(listed.ToString(), home.QuerySelector($"#views a[data-nav={view}] [data-count]")!.TextContent.Trim());

            // The view's own link is the current page, and only it.
            var current = Assert.Single(page.QuerySelectorAll("#sidebar [aria-current=page]"));
            Assert.Equal(view, current.GetAttribute("data-nav"));
        }

        Assert.Equal("1", Count(home, "mie"));
        Assert.Equal("1", Count(home, "reclami"));
        Assert.Equal("1", Count(home, "tasks"));   // the hand-off asked of the agent's department
        Assert.Equal("4", Count(home, "aperte"));

        Assert.Equal("inbox", CurrentKey(await Html.GetAsync(client, "/assistenza")));
        Assert.Equal("mie", CurrentKey(await Html.GetAsync(client, "/assistenza?vista=mie&ordine=attivita")));
        Assert.Equal("tasks", CurrentKey(await Html.GetAsync(client, "/assistenza/attivita")));
        Assert.Equal("customers", CurrentKey(await Html.GetAsync(client, "/clienti")));
        // A page no link names (a case) claims no link.
        Assert.Null(CurrentKey(await Html.GetAsync(client, $"/assistenza/pratiche/{mine}")));
    }

    [Fact]
    public async Task Sidebar_CostsTheSameQueriesHoweverManyCasesAndTasks()
    {
        var org = await app.CreateOrganizationAsync("Cornice Query S.r.l.", (Email("agente"), Role.Agent));
        var api = org.Api();
        await CustomerAsync(api, "Q-1");
        await OpenAsync(api, "Prima", "Q-1");
        var client = await org.SignInAsync(Role.Agent);
        await Html.GetAsync(client, "/profilo");   // warm: the first request of a person loads their session
        var few = await QueriesAsync(client, "/profilo");

        var it = await DepartmentAsync(org, "IT");
        var agent = await UserIdAsync(Email("agente"));
        for (var i = 0; i < 12; i++)
        {
            var number = await OpenAsync(api, $"Pratica {i}", "Q-1", type: i % 3 == 0 ? "complaint" : null);
            if (i % 2 == 0)
            {
                await ChangeAsync(org, number, c => c.Assign(agent, it, DateTimeOffset.UtcNow));
            }

            if (i % 4 == 0)
            {
                (await api.PostAsJsonAsync($"/api/v1/cases/{number}/hand-offs", new { department_id = it, text = "Serve una verifica." })).EnsureSuccessStatusCode();
            }
        }

        var many = await QueriesAsync(client, "/profilo");
        Assert.True(few > 0, "the counter saw no query");
        Assert.Equal(few, many);
    }

    // ---- the home page -----------------------------------------------------------------------------------------

    [Fact]
    public async Task Home_ShowsEachRoleWhatToDoNow()
    {
        var org = await app.CreateOrganizationAsync("Cornice Casa S.r.l.", (Email("agente"), Role.Agent), (Email("referente"), Role.TeamMember));
        var api = org.Api();
        await CustomerAsync(api, "H-1");
        var later = await OpenAsync(api, "Scade più tardi", "H-1");
        var sooner = await OpenAsync(api, "Scade prima", "H-1");
        var complaint = await OpenAsync(api, "Reclamo consegna", "H-1", type: "complaint");
        var agent = await UserIdAsync(Email("agente"));
        var it = await DepartmentAsync(org, "IT");
        await ChangeAsync(org, later, c => { c.Assign(agent, it, DateTimeOffset.UtcNow); c.SlaDueAt = DateTimeOffset.UtcNow.AddHours(5); });
        await ChangeAsync(org, sooner, c => { c.Assign(agent, it, DateTimeOffset.UtcNow); c.SlaDueAt = DateTimeOffset.UtcNow.AddMinutes(-10); });
        (await api.PostAsJsonAsync($"/api/v1/cases/{complaint}/hand-offs", new { department_id = it, text = "Controllate il trasporto." })).EnsureSuccessStatusCode();
        await AnsweredHandOffAsync(org, later, it, agent);

        // The agent: their open cases, soonest due first, and the answers to what they asked.
        var agentHome = await Html.GetAsync(await org.SignInAsync(Role.Agent), "/");
        Assert.Equal([sooner, later], agentHome.QuerySelectorAll("#home-my-cases tbody tr").Select(tr => int.Parse(tr.GetAttribute("data-number")!)).ToArray());
        Assert.Contains($"#{later}", Assert.Single(agentHome.QuerySelectorAll("#home-answers [data-hand-off]")).TextContent);
        Assert.Null(agentHome.QuerySelector("#home-desk-overview"));
        Assert.Null(agentHome.QuerySelector("#first-steps"));

        // The department person: the request to their department.
        var memberHome = await Html.GetAsync(await org.SignInAsync(Role.TeamMember), "/");
        Assert.Contains($"#{complaint}", Assert.Single(memberHome.QuerySelectorAll("#home-tasks [data-hand-off]")).TextContent);
        Assert.Null(memberHome.QuerySelector("#home-my-cases"));

        // The administrator (as the CX lead): complaints and breaches, each a link to the cases behind it.
        var adminHome = await Html.GetAsync(await org.SignInAsync(), "/");
        Assert.Equal("1", adminHome.QuerySelector("#home-complaints [data-count]")!.TextContent.Trim());
        Assert.Equal("1", adminHome.QuerySelector("#home-breached [data-count]")!.TextContent.Trim());
        Assert.Equal("/assistenza?vista=reclami", adminHome.QuerySelector("#home-complaints")!.GetAttribute("href"));
        Assert.Null(adminHome.QuerySelector("#home-my-cases"));   // nothing assigned to them
    }

    [Fact]
    public async Task Home_FirstSteps_TickThemselvesFromRealData()
    {
        var org = await app.CreateOrganizationAsync("Cornice Nuova S.r.l.");
        var admin = await org.SignInAsync();
        Assert.Equal(["mailbox", "team", "desk-hours", "contact-form"], Steps(await Html.GetAsync(admin, "/")).Select(s => s.Key));
        Assert.All(Steps(await Html.GetAsync(admin, "/")), s => Assert.False(s.Done, s.Key));

        await app.InOrganizationAsync(org.Id, async sp =>
        {
            var provisioning = sp.GetRequiredService<IOrganizationProvisioning>();
            var (_, errors) = await provisioning.AddPersonAsync(new NewPerson("Nuova Collega", Email("collega"), TestOrganization.Password, Role.Agent, null));
            Assert.False(errors.Any);
            return 0;
        });
        await app.InOrganizationAsync(org.Id, async sp =>
        {
            var errors = await sp.GetRequiredService<ServiceSettings>().SaveAsync(CalendarSettings.ItalianDefault, SlaPolicy.ItalianDefault, 7);
            Assert.False(errors.Any);
            return 0;
        });
        await CustomerAsync(org.Api(), "F-1");
        await OpenAsync(org.Api(), "Dal sito", "F-1", channel: "web_form");

        var page = await Html.GetAsync(admin, "/");
        var steps = Steps(page).ToDictionary(s => s.Key, s => s.Done);
        Assert.Equal(new Dictionary<string, bool> { ["mailbox"] = false, ["team"] = true, ["desk-hours"] = true, ["contact-form"] = true }, steps);
        Assert.Contains("3", page.QuerySelector("#first-steps-progress")!.TextContent);

        // The new colleague may take none of the steps: no checklist for them.
        var colleague = app.Browser();
        var signedIn = await Html.SubmitFormAsync(colleague, "/accedi", "sign-in", new() { ["Input.Email"] = Email("collega"), ["Input.Password"] = TestOrganization.Password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Null((await Html.GetAsync(colleague, "/")).QuerySelector("#first-steps"));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static (List<string> Sections, List<string> Keys) Sidebar(IDocument page)
    {
        var nav = page.QuerySelector("#sidebar nav")!;
        return (nav.QuerySelectorAll(".sidebar-section").Select(s => s.Id!).ToList(),
            nav.QuerySelectorAll("a[data-nav]").Select(a => a.GetAttribute("data-nav")!).ToList());
    }

    private static string? Count(IDocument page, string key) => page.QuerySelector($"#sidebar a[data-nav='{key}'] [data-count]")?.TextContent.Trim();

    private static string? CurrentKey(IDocument page) =>
        page.QuerySelectorAll("#sidebar [aria-current=page]").SingleOrDefault()?.GetAttribute("data-nav");

    private static IEnumerable<(string Key, bool Done)> Steps(IDocument page) =>
        page.QuerySelectorAll("#first-steps [data-step]").Select(li => (li.GetAttribute("data-step")!, li.GetAttribute("data-done") == "true"));

    /// <summary>
    /// How many database commands one request runs: EF's command events, counted only under this request's trace id
    /// (sent as traceparent), so other tests and background jobs on the same server do not count.
    /// </summary>
    private static async Task<int> QueriesAsync(HttpClient client, string url)
    {
        using var commands = new RequestCommands();
        await commands.GetAsync(client, url);
        return commands.Commands.Count;
    }

    private static async Task CustomerAsync(HttpClient api, string externalId) =>
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = $"Cliente {externalId}", external_id = externalId })).EnsureSuccessStatusCode();

    private static async Task<int> OpenAsync(HttpClient api, string subject, string customer, string channel = "email", string? type = null) =>
        (await (await api.PostAsJsonAsync("/api/v1/cases", new { subject, customer = new { external_id = customer }, channel, type }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CerchioDb>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private Task<Guid> DepartmentAsync(TestOrganization org, string name) =>
        app.InOrganizationAsync(org.Id, async sp => (await sp.GetRequiredService<IOrganizationDirectory>().DepartmentsAsync()).Single(d => d.Name == name).Id);

    /// <summary>Sets what no page may set directly (an assignment with its department, a due time in the past).</summary>
    private Task ChangeAsync(TestOrganization org, int number, Action<Case> change) =>
        app.InOrganizationAsync(org.Id, async sp =>
        {
            var db = sp.GetRequiredService<CerchioDb>();
            change(await db.Set<Case>().SingleAsync(x => x.Number == number));
            return await db.SaveChangesAsync();
        });

    /// <summary>A hand-off the agent asked on the case and the department already answered, as the task list leaves it.</summary>
    private Task AnsweredHandOffAsync(TestOrganization org, int number, Guid department, Guid askedBy) =>
        app.InOrganizationAsync(org.Id, async sp =>
        {
            var db = sp.GetRequiredService<CerchioDb>();
            var c = await db.Set<Case>().SingleAsync(x => x.Number == number);
            var now = DateTimeOffset.UtcNow;
            db.Add(new HandOff
            {
                Id = Guid.NewGuid(), CaseId = c.Id, DepartmentId = department, Request = "Quando arriva il ricambio?", RequestedById = askedBy,
                RequestedByName = "Agente", RequestedAt = now.AddHours(-2), DueAt = now.AddHours(6),
                Status = HandOffStatus.Answered, Answer = "Giovedì.", AnsweredByName = "Magazzino", AnsweredAt = now.AddMinutes(-5),
            });
            return await db.SaveChangesAsync();
        });
}

public sealed class FrameOnSqlite(SqliteApp app) : FrameTests(app), IClassFixture<SqliteApp>;

public sealed class FrameOnPostgres(PostgresApp app) : FrameTests(app), IClassFixture<PostgresApp>;
