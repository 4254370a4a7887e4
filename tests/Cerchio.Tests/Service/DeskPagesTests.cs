using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Desk;
using Cerchio.Service.Features.QuickCapture;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

/// <summary>The agents' pages: the inbox, the case page and quick capture, through HTTP as a browser uses them.</summary>
public abstract class DeskPagesTests(AppFixture app)
{
    // One address per test: a person in several organizations signs in to one of them, not necessarily the test's.
    private static string AgentEmail([System.Runtime.CompilerServices.CallerMemberName] string test = "") => $"operatore.{test.ToLowerInvariant()}@desk.test";

    // ---- the inbox ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Inbox_ViewsAndFilters_PickTheRightCases()
    {
        var org = await app.CreateOrganizationAsync("Sportello Uno S.r.l.", (AgentEmail(), Role.Agent));
        var api = org.Api();
        var rossi = await CustomerAsync(api, "Rossi Mobili S.r.l.", "R-1");
        await CustomerAsync(api, "Verdi Interni S.r.l.", "V-1");
        var complaint = await OpenAsync(api, "Consegna in ritardo", "R-1", channel: "phone", type: "complaint", priority: "high", touchpoint: "consegna");
        var plain = await OpenAsync(api, "Richiesta catalogo", "V-1");
        var mine = await OpenAsync(api, "Preventivo porte", "V-1", channel: "web_form", priority: "low");
        var waitingCustomer = await OpenAsync(api, "Misure della cucina", "V-1");
        var resolved = await OpenAsync(api, "Fattura doppia", "V-1");
        var agents = await OpenAsync(api, "Montaggio armadio", "V-1");
        var waitingDepartment = await OpenAsync(api, "Ricambio cerniere", "V-1");
        var overdue = await OpenAsync(api, "Garanzia divano", "V-1");
        await MoveAsync(api, waitingCustomer, "waiting_on_customer");
        await MoveAsync(api, resolved, "resolved");

        var admin = await UserIdAsync(org.AdminEmail);
        var agent = await UserIdAsync(AgentEmail());
        var it = await DepartmentAsync(org, "IT");
        await ChangeAsync(org, mine, c => c.Assign(admin, null, DateTimeOffset.UtcNow));
        await ChangeAsync(org, agents, c => c.Assign(agent, it, DateTimeOffset.UtcNow));
        await ChangeAsync(org, waitingDepartment, c => c.Status = CaseStatus.WaitingOnDepartment);
        await ChangeAsync(org, overdue, c => c.SlaDueAt = DateTimeOffset.UtcNow.AddMinutes(-35));

        var client = await org.SignInAsync();
        var open = new[] { complaint, plain, mine, waitingCustomer, agents, waitingDepartment, overdue };
        var expected = new Dictionary<string, int[]>
        {
            ["aperte"] = open,
            ["mie"] = [mine],
            ["non-assegnate"] = [complaint, plain, waitingCustomer, waitingDepartment, overdue],
            ["reparto"] = [],   // the administrator has no department
            ["attesa-cliente"] = [waitingCustomer],
            ["attesa-reparto"] = [waitingDepartment],
            ["in-scadenza"] = [overdue],
            ["reclami"] = [complaint],
            ["risolte"] = [resolved],
        };
        var inbox = await Html.GetAsync(client, "/assistenza");
        Assert.Equal(open.Order(), Numbers(inbox).Order());
        foreach (var (view, numbers) in expected)
        {
            var page = await Html.GetAsync(client, $"/assistenza?vista={view}");
            Assert.True(numbers.Order().SequenceEqual(Numbers(page).Order()), $"view {view}: {string.Join(",", Numbers(page))}");
            // The count beside each view is the number of cases it lists.
            Assert.Equal(numbers.Length.ToString(), inbox.QuerySelector($"#views a[data-nav={view}] [data-count]")!.TextContent.Trim());
            if (numbers.Length == 0)
            {
                Assert.NotNull(page.QuerySelector("#empty-state"));
            }
        }

        var agentClient = await org.SignInAsync(Role.Agent);
        Assert.Equal([agents], Numbers(await Html.GetAsync(agentClient, "/assistenza?vista=reparto")));
        Assert.Equal([agents], Numbers(await Html.GetAsync(agentClient, "/assistenza?vista=mie")));

        var today = Times.InItaly(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd");
        var tomorrow = Times.InItaly(DateTimeOffset.UtcNow.AddDays(1)).ToString("yyyy-MM-dd");
        var filters = new Dictionary<string, int[]>
        {
            ["stato=waiting_on_customer"] = [waitingCustomer],
            ["priorita=high"] = [complaint],
            ["priorita=low"] = [mine],
            ["tipo=complaint"] = [complaint],
            ["canale=phone"] = [complaint],
            ["canale=web_form"] = [mine],
            ["touchpoint=consegna"] = [complaint],
            [$"reparto={it}"] = [agents],
            [$"assegnatario={agent}"] = [agents],
            [$"cliente={rossi}"] = [complaint],
            [$"dal={today}"] = open,
            [$"dal={tomorrow}"] = [],
            [$"al={today}&canale=phone"] = [complaint],
            ["stato=closed"] = [],
            ["vista=risolte&tipo=complaint"] = [],
        };
        foreach (var (query, numbers) in filters)
        {
            var page = await Html.GetAsync(client, "/assistenza?" + query);
            Assert.True(numbers.Order().SequenceEqual(Numbers(page).Order()), $"{query}: {string.Join(",", Numbers(page))}");
        }

        var filtered = await Html.GetAsync(client, $"/assistenza?cliente={rossi}");
        Assert.Contains("Rossi Mobili S.r.l.", filtered.QuerySelector("#customer-filter")!.TextContent);
        Assert.Contains("Rossi Mobili S.r.l.", filtered.QuerySelector($"#cases tr[data-number='{complaint}']")!.TextContent);
        var none = await Html.GetAsync(client, $"/assistenza?dal={tomorrow}");
        Assert.NotNull(none.QuerySelector("#empty-state a"));   // says what to do: clear the filters
    }

    [Theory]
    [InlineData("scadenza")]
    [InlineData("attivita")]
    [InlineData("creazione")]
    public async Task Paging_WalksEveryCaseExactlyOnce_WithTiesOnTheSortKey(string sort)
    {
        var org = await app.CreateOrganizationAsync($"Sportello Pagine {sort} S.r.l.");
        var api = org.Api();
        await CustomerAsync(api, "Bianchi S.r.l.", "B-1");
        var numbers = new List<int>();
        for (var i = 0; i < 14; i++)
        {
            numbers.Add(await OpenAsync(api, $"Pratica {i}", "B-1"));
        }

        // Ties everywhere: five cases share one instant, four another; three have no due time (waiting on the customer).
        var tie = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < numbers.Count; i++)
        {
            var at = i < 5 ? tie : i < 9 ? tie.AddHours(1) : tie.AddHours(i);
            var index = i;
            await ChangeAsync(org, numbers[i], c =>
            {
                c.SlaDueAt = index >= 11 ? null : at;
                c.Status = index >= 11 ? CaseStatus.WaitingOnCustomer : c.Status;
                c.LastActivityAt = at;
                c.CreatedAt = at;
            });
        }

        var client = await org.SignInAsync();
        var seen = new List<int>();
        var pages = 0;
        string? url = $"/assistenza?ordine={sort}&righe=4";
        while (url is not null)
        {
            var page = await Html.GetAsync(client, url);
            var rows = Numbers(page);
            Assert.InRange(rows.Count, 1, 4);
            seen.AddRange(rows);
            url = page.QuerySelector<IHtmlAnchorElement>("#next-page")?.Href;
            Assert.True(++pages <= 10, "the walk does not end");
        }

        Assert.Equal(4, pages);
        Assert.Equal(numbers.Order(), seen.Order());   // every case, none twice

        // And in the promised order: the sort key, then the id; no due time last.
        var cases = await app.InOrganizationAsync(org.Id, sp => sp.GetRequiredService<CerchioDb>().Set<Case>().AsNoTracking().ToListAsync());
        var byNumber = cases.ToDictionary(c => c.Number);
        var ordered = sort switch
        {
            "scadenza" => cases.OrderBy(c => c.SlaDueAt is null).ThenBy(c => c.SlaDueAt).ThenBy(c => c.Id.ToString(), StringComparer.Ordinal),
            "attivita" => cases.OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id.ToString(), StringComparer.Ordinal),
            _ => cases.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id.ToString(), StringComparer.Ordinal),
        };
        Assert.Equal(ordered.Select(c => c.Number), seen);
        Assert.True(byNumber.Count == seen.Count);
    }

    [Fact]
    public async Task Inbox_ShowsTheSlaAsWords_AmberWhenNearAndRedWhenBreached()
    {
        var org = await app.CreateOrganizationAsync("Sportello Due S.r.l.");
        var api = org.Api();
        await CustomerAsync(api, "Bianchi S.r.l.", "B-1");
        var breached = await OpenAsync(api, "Scaduta", "B-1");
        var near = await OpenAsync(api, "Quasi", "B-1");
        var ok = await OpenAsync(api, "Tranquilla", "B-1");
        var waiting = await OpenAsync(api, "Ferma", "B-1");
        await ChangeAsync(org, breached, c => c.SlaDueAt = DateTimeOffset.UtcNow.AddMinutes(-35).AddSeconds(-20));
        await ChangeAsync(org, near, c => c.SlaDueAt = DateTimeOffset.UtcNow.AddMinutes(10));   // within one business hour, whatever the hour now
        await ChangeAsync(org, ok, c => c.SlaDueAt = DateTimeOffset.UtcNow.AddDays(30));
        await MoveAsync(api, waiting, "waiting_on_customer");

        var client = await org.SignInAsync();
        var page = await Html.GetAsync(client, "/assistenza");
        var sla = (int number) => page.QuerySelector($"#cases tr[data-number='{number}'] [data-sla]")!;
        Assert.Equal("breached", sla(breached).GetAttribute("data-sla"));
        Assert.Contains("scaduto da 35 min", sla(breached).TextContent);
        Assert.Contains("SLA superato", sla(breached).TextContent);   // words, not only red
        Assert.Contains("text-bg-danger", sla(breached).ClassName);
        Assert.Equal("near", sla(near).GetAttribute("data-sla"));
        Assert.Matches("scade tra [0-9]+ min", sla(near).TextContent);
        Assert.Contains("In scadenza", sla(near).TextContent);
        Assert.Contains("text-bg-warning", sla(near).ClassName);
        Assert.Equal("ontrack", sla(ok).GetAttribute("data-sla"));
        Assert.Contains("scade tra 29 g", sla(ok).TextContent);
        Assert.Equal("none", sla(waiting).GetAttribute("data-sla"));
        Assert.Equal([breached, near], Numbers(await Html.GetAsync(client, "/assistenza?vista=in-scadenza")));   // soonest due first
    }

    [Fact]
    public async Task BulkStatusChange_ReportsRefusals_AndChangesNothingForThem()
    {
        var org = await app.CreateOrganizationAsync("Sportello Tre S.r.l.", (AgentEmail(), Role.Agent));
        var api = org.Api();
        await CustomerAsync(api, "Bianchi S.r.l.", "B-1");
        var first = await OpenAsync(api, "Uno", "B-1");
        var second = await OpenAsync(api, "Due", "B-1");
        var closed = await OpenAsync(api, "Chiusa", "B-1");
        var handedOff = await OpenAsync(api, "Passata", "B-1");
        await MoveAsync(api, closed, "closed");
        await ChangeAsync(org, handedOff, c => c.Status = CaseStatus.WaitingOnDepartment);
        var closedBefore = await CaseAsync(org, closed);
        var handedOffBefore = await CaseAsync(org, handedOff);
        var agent = await UserIdAsync(AgentEmail());

        var client = await org.SignInAsync();
        var response = await PostBulkAsync(client, [first, second, closed, handedOff], new() { ["Bulk.Status"] = "resolved", ["Bulk.AssigneeId"] = agent.ToString() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("2", page.QuerySelector("#bulk-result")!.TextContent);
        var refusals = page.QuerySelectorAll("#bulk-refusals li").ToDictionary(li => int.Parse(li.GetAttribute("data-number")!), li => li.TextContent);
        Assert.Equal([closed, handedOff], refusals.Keys.Order());
        Assert.Contains("Una pratica chiusa non cambia più stato.", refusals[closed]);
        Assert.Contains("La pratica attende un reparto", refusals[handedOff]);

        foreach (var number in new[] { first, second })
        {
            var done = await CaseAsync(org, number);
            Assert.Equal(CaseStatus.Resolved, done.Status);
            Assert.Equal(agent, done.AssigneeId);
        }

        // The refused ones: not resolved, not assigned, not touched at all.
        var closedAfter = await CaseAsync(org, closed);
        var handedOffAfter = await CaseAsync(org, handedOff);
        Assert.Equal((CaseStatus.Closed, (Guid?)null, closedBefore.UpdatedAt), (closedAfter.Status, closedAfter.AssigneeId, closedAfter.UpdatedAt));
        Assert.Equal((CaseStatus.WaitingOnDepartment, (Guid?)null, handedOffBefore.UpdatedAt), (handedOffAfter.Status, handedOffAfter.AssigneeId, handedOffAfter.UpdatedAt));

        // Nothing selected, or nothing to do: said next to the form, nothing changes.
        var empty = await Html.ParseAsync(await PostBulkAsync(client, [], new() { ["Bulk.Status"] = "resolved" }));
        Assert.NotNull(empty.QuerySelector("#Numbers-error"));
        var nothing = await Html.ParseAsync(await PostBulkAsync(client, [first], []));
        Assert.NotNull(nothing.QuerySelector("#Action-error"));
        var stranger = await Html.ParseAsync(await PostBulkAsync(client, [first], new() { ["Bulk.AssigneeId"] = Guid.NewGuid().ToString() }));
        Assert.NotNull(stranger.QuerySelector("#AssigneeId-error"));
        Assert.Equal(agent, (await CaseAsync(org, first)).AssigneeId);
    }

    // ---- the case page -----------------------------------------------------------------------------------------

    [Fact]
    public async Task CasePage_ShowsTheConversation_AndAcceptsANote()
    {
        var org = await app.CreateOrganizationAsync("Sportello Quattro S.r.l.");
        var api = org.Api();
        var customer = await CustomerAsync(api, "Bianchi Costruzioni S.r.l.", "B-1");
        var number = await OpenAsync(api, "Consegna in ritardo", "B-1", channel: "email", text: "Buongiorno,\nla consegna doveva arrivare ieri.", touchpoint: "consegna");
        await MoveAsync(api, number, "waiting_on_customer");
        var client = await org.SignInAsync();
        var url = $"/assistenza/pratiche/{number}";

        var page = await Html.GetAsync(client, url);
        Assert.Contains("Consegna in ritardo", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector($"#case-customer a[href='/clienti/{customer}']"));
        Assert.Contains("Consegna", page.QuerySelector("#case-details")!.TextContent);
        Assert.Contains("In attesa del cliente", page.QuerySelector("#case-status")!.TextContent);

        var response = await Html.SubmitFormAsync(client, url, "add-note", new() { ["Note.Text"] = "Chiesto al magazzino: parte domani." });
        Assert.Equal(url, Html.LocationPath(response));
        page = await Html.GetAsync(client, url);
        var entries = page.QuerySelectorAll("#conversation > li").ToList();
        Assert.Equal(["customer_message", "status_changed", "note"], entries.Select(e => e.GetAttribute("data-kind")));
        Assert.Contains("la consegna doveva arrivare ieri.", entries[0].TextContent);
        Assert.Contains("Nuova → In attesa del cliente", entries[1].TextContent);
        Assert.Contains("entry-event", entries[1].ClassName);   // a small grey line
        Assert.Contains("entry-note", entries[2].ClassName);
        Assert.Contains("Chiesto al magazzino: parte domani.", entries[2].TextContent);

        // An empty note is refused next to the field.
        var empty = await Html.SubmitFormAsync(client, url, "add-note", new() { ["Note.Text"] = "   " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.NotNull((await Html.ParseAsync(empty)).QuerySelector("#Text-error"));
        Assert.Equal(3, (await Html.GetAsync(client, url)).QuerySelectorAll("#conversation > li").Length);
    }

    [Fact]
    public async Task InvalidStatusChange_ShowsTheMessage_KeepsTheChoice_AndChangesNothing()
    {
        var org = await app.CreateOrganizationAsync("Sportello Cinque S.r.l.");
        var api = org.Api();
        await CustomerAsync(api, "Bianchi S.r.l.", "B-1");
        var number = await OpenAsync(api, "Chiusa da tempo", "B-1");
        await MoveAsync(api, number, "closed");
        var before = await CaseAsync(org, number);
        var client = await org.SignInAsync();
        var url = $"/assistenza/pratiche/{number}";
        var entriesBefore = (await Html.GetAsync(client, url)).QuerySelectorAll("#conversation > li").Length;

        var response = await Html.SubmitFormAsync(client, url, "change-status", new() { ["Move.Status"] = "open" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Una pratica chiusa non cambia più stato.", page.QuerySelector("#Status-error")!.TextContent.Trim());
        Assert.Equal("open", page.QuerySelector<IHtmlSelectElement>("#move-status")!.Value);
        var after = await CaseAsync(org, number);
        Assert.Equal((CaseStatus.Closed, before.UpdatedAt), (after.Status, after.UpdatedAt));
        Assert.Equal(entriesBefore, (await Html.GetAsync(client, url)).QuerySelectorAll("#conversation > li").Length);

        // A good move on another case goes through and is written as a grey line.
        var other = await OpenAsync(api, "Da risolvere", "B-1");
        var moved = await Html.SubmitFormAsync(client, $"/assistenza/pratiche/{other}", "change-status", new() { ["Move.Status"] = "resolved" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(CaseStatus.Resolved, (await CaseAsync(org, other)).Status);
    }

    [Fact]
    public async Task Assign_GivesTheCaseToAPersonAndADepartment_AndANewCaseOpens()
    {
        var org = await app.CreateOrganizationAsync("Sportello Sei S.r.l.", (AgentEmail(), Role.Agent), ("direzione@desk.test", Role.Executive));
        var api = org.Api();
        await CustomerAsync(api, "Bianchi S.r.l.", "B-1");
        var number = await OpenAsync(api, "Da assegnare", "B-1");
        var agent = await UserIdAsync(AgentEmail());
        var executive = await UserIdAsync("direzione@desk.test");
        var it = await DepartmentAsync(org, "IT");
        var client = await org.SignInAsync();
        var url = $"/assistenza/pratiche/{number}";

        var form = await Html.GetAsync(client, url);
        var people = form.QuerySelectorAll("#assign-person option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(agent.ToString(), people);
        Assert.DoesNotContain(executive.ToString(), people);   // the executives read; cases go to those who work them

        var refused = await Html.SubmitFormAsync(client, url, "assign", new() { ["Assign.AssigneeId"] = executive.ToString(), ["Assign.DepartmentId"] = it.ToString() });
        Assert.NotNull((await Html.ParseAsync(refused)).QuerySelector("#AssigneeId-error"));
        Assert.Equal((CaseStatus.New, (Guid?)null, (Guid?)null), await HandsAsync(org, number));

        var response = await Html.SubmitFormAsync(client, url, "assign", new() { ["Assign.AssigneeId"] = agent.ToString(), ["Assign.DepartmentId"] = it.ToString() });
        Assert.Equal(url, Html.LocationPath(response));
        Assert.Equal((CaseStatus.Open, (Guid?)agent, (Guid?)it), await HandsAsync(org, number));
        var page = await Html.GetAsync(client, url);
        Assert.Equal(AgentEmail(), page.QuerySelector("#case-assignee")!.TextContent.Trim());
        Assert.Equal("IT", page.QuerySelector("#case-department")!.TextContent.Trim());
        var lines = page.QuerySelectorAll("#conversation > li").ToList();
        // Both lines share the instant: their order between them is the id's.
        var assigned = Assert.Single(lines, l => l.GetAttribute("data-kind") == "assigned");
        Assert.Contains($"Assegnata a {AgentEmail()}", assigned.TextContent);
        Assert.Contains("Reparto: IT", assigned.TextContent);
        Assert.Contains("Nuova → Aperta", Assert.Single(lines, l => l.GetAttribute("data-kind") == "status_changed").TextContent);
        Assert.Equal(2, lines.Count);

        // The agent finds it among theirs; "prendi in carico" hands it to whoever presses it, department kept.
        var agentClient = await org.SignInAsync(Role.Agent);
        Assert.Equal([number], Numbers(await Html.GetAsync(agentClient, "/assistenza?vista=mie")));
        var admin = await UserIdAsync(org.AdminEmail);
        var taken = await Html.SubmitFormAsync(client, url, "take-case", []);
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal((CaseStatus.Open, (Guid?)admin, (Guid?)it), await HandsAsync(org, number));
        Assert.Empty(Numbers(await Html.GetAsync(agentClient, "/assistenza?vista=mie")));

        // Priority, type and touchpoint; a complaint by type cannot lose its flag.
        var details = await Html.SubmitFormAsync(client, url, "case-details", new() { ["Details.Priority"] = "urgent", ["Details.Type"] = "complaint", ["Details.Touchpoint"] = "fattura" });
        Assert.Equal(HttpStatusCode.Redirect, details.StatusCode);
        var changed = await CaseAsync(org, number);
        Assert.Equal((CasePriority.Urgent, CaseType.Complaint, "fattura", true), (changed.Priority, changed.Type, changed.TouchpointCode, changed.IsComplaint));
        var unflag = await Html.SubmitFormAsync(client, url, "complaint", new() { ["Complaint.IsComplaint"] = "false" });
        Assert.NotNull((await Html.ParseAsync(unflag)).QuerySelector("#IsComplaint-error"));
        Assert.True((await CaseAsync(org, number)).IsComplaint);

        var other = await OpenAsync(api, "Tono acceso al telefono", "B-1");
        var flagged = await Html.SubmitFormAsync(client, $"/assistenza/pratiche/{other}", "complaint", new() { ["Complaint.IsComplaint"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, flagged.StatusCode);
        Assert.True((await CaseAsync(org, other)).IsComplaint);
        Assert.NotNull((await Html.GetAsync(client, $"/assistenza/pratiche/{other}")).QuerySelector("#complaint-badge"));
        Assert.Contains(other, Numbers(await Html.GetAsync(client, "/assistenza?vista=reclami")));
    }

    [Fact]
    public async Task AnotherOrganizationsCaseNumber_Is404()
    {
        var mine = await app.CreateOrganizationAsync("Sportello Sette S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Sportello Otto S.r.l.");
        await CustomerAsync(mine.Api(), "Mio S.r.l.", "M-1");
        await CustomerAsync(theirs.Api(), "Loro S.r.l.", "L-1");
        await OpenAsync(mine.Api(), "La mia", "M-1");
        for (var i = 0; i < 3; i++)
        {
            await OpenAsync(theirs.Api(), "Segreto di Otto", "L-1");
        }

        var client = await mine.SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/assistenza/pratiche/1")).StatusCode);
        foreach (var url in new[] { "/assistenza/pratiche/3", "/assistenza/pratiche/999" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("Non trovato", body);
            Assert.DoesNotContain("Segreto di Otto", body);
        }

        Assert.DoesNotContain("Segreto di Otto", await (await client.GetAsync("/assistenza")).Content.ReadAsStringAsync());
    }

    // ---- quick capture -----------------------------------------------------------------------------------------

    [Fact]
    public async Task QuickCapture_CreatesACaseInOnePost_AndResolvedOnTheSpotGivesAResolvedCase()
    {
        var org = await app.CreateOrganizationAsync("Sportello Nove S.r.l.");
        var customer = await CustomerAsync(org.Api(), "Bianchi Costruzioni S.r.l.", "B-1");
        var client = await org.SignInAsync();

        // Reachable from every page: the top bar's button, which the key c presses.
        var home = await Html.GetAsync(client, "/clienti");
        Assert.Equal("c", home.QuerySelector("a#quick-capture-button[href='/assistenza/nuova']")!.GetAttribute("data-shortcut"));
        Assert.NotNull(home.QuerySelector("script[src='js/shortcuts.js']"));
        Assert.NotNull(home.QuerySelector("a.nav-link[href='/assistenza']"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/js/shortcuts.js")).StatusCode);

        // As typed: the fragment lists the matches as choices of the form.
        var fragment = await (await client.GetAsync("/assistenza/nuova/clienti?q=bianchi")).Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{customer}\"", fragment);
        Assert.Contains("name=\"Input.CustomerId\"", fragment);

        var note = "Chiede il preventivo per la ristrutturazione del capannone di via Roma, entro la fine del mese se possibile";
        var response = await Html.SubmitFormAsync(client, "/assistenza/nuova", "quick-capture", new() { ["Input.CustomerId"] = customer.ToString(), ["Input.Note"] = note });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = Html.LocationPath(response)!;
        Assert.Matches("^/assistenza/pratiche/[0-9]+$", url);
        var number = int.Parse(url.Split('/')[^1]);
        var opened = await CaseAsync(org, number);
        Assert.Equal((CaseStatus.New, CaseChannel.Phone, (Guid?)customer, CaseType.Request, CasePriority.Normal), (opened.Status, opened.Channel, opened.CustomerId, opened.Type, opened.Priority));
        Assert.StartsWith("Chiede il preventivo per la ristrutturazione", opened.Subject);
        Assert.EndsWith("…", opened.Subject);
        Assert.True(opened.Subject.Length <= 61);
        var page = await Html.GetAsync(client, url);
        Assert.Contains(note, Assert.Single(page.QuerySelectorAll("#conversation > li[data-kind=conversation_note]")).TextContent);

        var resolved = await Html.SubmitFormAsync(client, "/assistenza/nuova", "quick-capture", new()
        {
            ["Input.CustomerId"] = customer.ToString(),
            ["Input.Note"] = "Orari del punto vendita: risposto.",
            ["Input.Channel"] = "walk_in",
            ["Input.Touchpoint"] = "punto-vendita",
            ["Input.ResolvedOnTheSpot"] = "true",
        });
        var done = await CaseAsync(org, int.Parse(Html.LocationPath(resolved)!.Split('/')[^1]));
        Assert.Equal((CaseStatus.Resolved, CaseChannel.WalkIn, "punto-vendita"), (done.Status, done.Channel, done.TouchpointCode));
        Assert.NotNull(done.FirstResponseAt);
    }

    [Fact]
    public async Task QuickCapture_WorksWithoutJavaScript_AndSaysWhatIsMissing()
    {
        var org = await app.CreateOrganizationAsync("Sportello Dieci S.r.l.");
        var customer = await CustomerAsync(org.Api(), "Bianchi Costruzioni S.r.l.", "B-1");
        await CustomerAsync(org.Api(), "Bianco Forniture S.r.l.", "B-2");
        var client = await org.SignInAsync();
        var count = await CountAsync(org);

        // The search button sends the form: the matches come back as choices, what was typed stays.
        var searched = await Html.SubmitFormAsync(client, "/assistenza/nuova", "quick-capture", new() { ["q"] = "costruzioni", ["Input.Action"] = "cerca", ["Input.Note"] = "Richiama domani" });
        var page = await Html.ParseAsync(searched);
        var choice = Assert.Single(page.QuerySelectorAll<IHtmlInputElement>("#customer-results input[type=radio]"));
        Assert.Equal(customer.ToString(), choice.Value);
        Assert.True(choice.IsChecked);   // the one match is chosen already
        Assert.Equal("Richiama domani", page.QuerySelector<IHtmlTextAreaElement>("#note")!.Value);
        Assert.Equal(count, await CountAsync(org));

        // Several matches and none chosen: choose one.
        var ambiguous = await Html.ParseAsync(await Html.SubmitFormAsync(client, "/assistenza/nuova", "quick-capture", new() { ["q"] = "bianc", ["Input.Note"] = "Richiama domani" }));
        Assert.NotNull(ambiguous.QuerySelector("#CustomerId-error"));
        Assert.Equal(2, ambiguous.QuerySelectorAll("#customer-results input[type=radio]").Length);
        var empty = await Html.ParseAsync(await Html.SubmitFormAsync(client, "/assistenza/nuova", "quick-capture", new() { ["Input.CustomerId"] = customer.ToString() }));
        Assert.NotNull(empty.QuerySelector("#Note-error"));
        Assert.Equal(count, await CountAsync(org));

        // Nobody on file: the case carries the name as given.
        var stranger = await Html.SubmitFormAsync(client, "/assistenza/nuova", "quick-capture", new() { ["q"] = "Mario Passante", ["Input.Note"] = "Chiede gli orari", ["Input.Subject"] = "Orari" });
        var detail = await Html.GetAsync(client, Html.LocationPath(stranger)!);
        Assert.Contains("Mario Passante", detail.QuerySelector("#case-customer")!.TextContent);
        Assert.Contains("non in anagrafica", detail.QuerySelector("#case-customer")!.TextContent);
        Assert.Contains("Orari", detail.QuerySelector("h1")!.TextContent);
    }

    // ---- who may do what ---------------------------------------------------------------------------------------

    [Fact]
    public async Task Executive_SeesThePages_ButCannotAct()
    {
        var org = await app.CreateOrganizationAsync("Sportello Undici S.r.l.", ("direzione@undici.test", Role.Executive));
        var api = org.Api();
        await CustomerAsync(api, "Bianchi S.r.l.", "B-1");
        var number = await OpenAsync(api, "Da leggere", "B-1");
        var url = $"/assistenza/pratiche/{number}";
        var admin = await org.SignInAsync();
        var adminPage = await Html.GetAsync(admin, url);
        Assert.NotNull(adminPage.QuerySelector("form input[name=_handler][value=add-note]"));
        var client = await org.SignInAsync(Role.Executive);

        var inbox = await Html.GetAsync(client, "/assistenza");
        Assert.Equal([number], Numbers(inbox));
        Assert.Null(inbox.QuerySelector("#bulk-form"));
        Assert.Null(inbox.QuerySelector("input[name='Bulk.Numbers']"));
        Assert.Null(inbox.QuerySelector("a[href='/assistenza/nuova']"));   // neither in the page nor in the top bar
        var page = await Html.GetAsync(client, url);
        Assert.Contains("Da leggere", page.QuerySelector("h1")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));

        // Posted anyway (with the person's own token): refused, nothing written. The forms are not rendered for them, so
        // the framework refuses the post itself (400); were one rendered, the page's own check answers 403.
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        foreach (var (handler, field, value) in new[] { ("add-note", "Note.Text", "Nota della direzione"), ("change-status", "Move.Status", "resolved"), ("take-case", "x", "x") })
        {
            var post = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = handler, ["__RequestVerificationToken"] = token, [field] = value }));
            Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{handler}: {(int)post.StatusCode}");
        }

        var bulk = await client.PostAsync("/assistenza", new FormUrlEncodedContent([new("_handler", "bulk"), new("__RequestVerificationToken", token), new("Bulk.Numbers", number.ToString()), new("Bulk.Status", "resolved")]));
        Assert.True(bulk.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"bulk: {(int)bulk.StatusCode}");
        var unchanged = await CaseAsync(org, number);
        Assert.Equal((CaseStatus.New, (Guid?)null), (unchanged.Status, unchanged.AssigneeId));
        Assert.Empty((await Html.GetAsync(admin, url)).QuerySelectorAll("#conversation > li"));

        foreach (var denied in new[] { "/assistenza/nuova", "/assistenza/nuova/clienti?q=bianchi" })
        {
            var response = await client.GetAsync(denied);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/accesso-negato", Html.LocationPath(response));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static List<int> Numbers(IDocument page) =>
        page.QuerySelectorAll("#cases tbody tr").Select(tr => int.Parse(tr.GetAttribute("data-number")!)).ToList();

    private static async Task<Guid> CustomerAsync(HttpClient api, string name, string externalId) =>
        (await (await api.PostAsJsonAsync("/api/v1/customers", new { name, external_id = externalId })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    private static async Task<int> OpenAsync(HttpClient api, string subject, string customer, string channel = "email", string? type = null,
        string? priority = null, string? touchpoint = null, string? text = null) =>
        (await (await api.PostAsJsonAsync("/api/v1/cases", new { subject, customer = new { external_id = customer }, channel, type, priority, touchpoint, text }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();

    private static async Task MoveAsync(HttpClient api, int number, string status) =>
        (await api.PostAsJsonAsync($"/api/v1/cases/{number}/status", new { status })).EnsureSuccessStatusCode();

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CerchioDb>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private Task<Guid> DepartmentAsync(TestOrganization org, string name) =>
        app.InOrganizationAsync(org.Id, async sp => (await sp.GetRequiredService<IOrganizationDirectory>().DepartmentsAsync()).Single(d => d.Name == name).Id);

    private Task<Case> CaseAsync(TestOrganization org, int number) =>
        app.InOrganizationAsync(org.Id, sp => sp.GetRequiredService<CerchioDb>().Set<Case>().AsNoTracking().SingleAsync(c => c.Number == number));

    private async Task<(CaseStatus, Guid?, Guid?)> HandsAsync(TestOrganization org, int number)
    {
        var c = await CaseAsync(org, number);
        return (c.Status, c.AssigneeId, c.DepartmentId);
    }

    private Task<int> CountAsync(TestOrganization org) =>
        app.InOrganizationAsync(org.Id, sp => sp.GetRequiredService<CerchioDb>().Set<Case>().CountAsync());

    /// <summary>Sets what no page may set (a due time in the past, a hand-off's waiting status), as the clock or a hand-off would.</summary>
    private Task ChangeAsync(TestOrganization org, int number, Action<Case> change) =>
        app.InOrganizationAsync(org.Id, async sp =>
        {
            var db = sp.GetRequiredService<CerchioDb>();
            var c = await db.Set<Case>().SingleAsync(x => x.Number == number);
            change(c);
            return await db.SaveChangesAsync();
        });

    /// <summary>The inbox's bulk form as rendered, with these cases ticked and these fields set.</summary>
    private static async Task<HttpResponseMessage> PostBulkAsync(HttpClient client, int[] numbers, Dictionary<string, string> fields)
    {
        var page = await Html.GetAsync(client, "/assistenza");
        var form = page.QuerySelector<IHtmlFormElement>("#bulk-form")!;
        var values = Html.FormValues(form).Where(v => !fields.ContainsKey(v.Key) && v.Key != "Bulk.Numbers")
            .Concat(fields)
            .Concat(numbers.Select(n => KeyValuePair.Create("Bulk.Numbers", n.ToString())))
            .ToList();
        return await client.PostAsync("/assistenza", new FormUrlEncodedContent(values));
    }
}

public sealed class DeskPagesOnSqlite(SqliteApp app) : DeskPagesTests(app), IClassFixture<SqliteApp>;

public sealed class DeskPagesOnPostgres(PostgresApp app) : DeskPagesTests(app), IClassFixture<PostgresApp>;

/// <summary>The desk's rules that need no database: the SLA in words, when a case turns amber, the default subject.</summary>
public sealed class DeskPagesRulesTests
{
    [Fact]
    public void SlaWording_SaysBreachedNearAndOnTrack()
    {
        var l = new Loc([]);
        var now = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
        var warnLimit = now.AddHours(1);
        Assert.Equal("scaduto da 35 min", SlaWording.Text(now.AddMinutes(-35), now, l));
        Assert.Equal("scade tra 2 h", SlaWording.Text(now.AddHours(2).AddMinutes(40), now, l));
        Assert.Equal("scade tra 3 g", SlaWording.Text(now.AddDays(3).AddHours(5), now, l));
        Assert.Equal("scade tra 1 min", SlaWording.Text(now.AddSeconds(10), now, l));
        Assert.Equal(SlaLevel.Breached, SlaWording.Level(now.AddSeconds(-1), now, warnLimit));
        Assert.Equal(SlaLevel.Near, SlaWording.Level(now, now, warnLimit));   // due right now: on time, but only just
        Assert.Equal(SlaLevel.Near, SlaWording.Level(warnLimit, now, warnLimit));
        Assert.Equal(SlaLevel.OnTrack, SlaWording.Level(warnLimit.AddTicks(1), now, warnLimit));
        Assert.Equal(SlaLevel.None, SlaWording.Level(null, now, warnLimit));
    }

    [Fact]
    public void SlaWarning_TurnsAmberWhen80PercentOfTheCurrentTargetHasRun()
    {
        // Wednesday 2 December 2026, 10:00 in Italy; open 08:30–12:30 and 14:00–18:00.
        var now = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
        var policy = SlaPolicy.ItalianDefault with { Overrides = [new SlaOverride(CaseType.Complaint, CasePriority.High, FirstResponse: TimeSpan.FromHours(2))] };
        var warning = SlaWarning.At(now, BusinessCalendar.ItalianDefault, policy);
        var rome = (int hour, int minute) => new DateTimeOffset(2026, 12, 2, hour - 1, minute, 0, TimeSpan.Zero);
        var open = (CasePriority p, CaseType t, bool answered) => new Case { Priority = p, Type = t, FirstResponseAt = answered ? now.AddHours(-1) : null };

        Assert.Equal(rome(10, 12), warning.LimitFor(open(CasePriority.Urgent, CaseType.Request, false)));    // 20 % of 1 h
        Assert.Equal(rome(11, 36), warning.LimitFor(open(CasePriority.Normal, CaseType.Request, false)));    // 20 % of 8 h
        Assert.Equal(rome(16, 18), warning.LimitFor(open(CasePriority.Normal, CaseType.Request, true)));     // 20 % of 24 h, over the lunch break
        Assert.Equal(rome(14, 42), warning.LimitFor(open(CasePriority.Low, CaseType.Request, false)));       // 20 % of 16 h
        Assert.Equal(rome(10, 48), warning.LimitFor(open(CasePriority.High, CaseType.Request, false)));      // 20 % of 4 h
        Assert.Equal(rome(10, 24), warning.LimitFor(open(CasePriority.High, CaseType.Complaint, false)));    // the type's own 2 h

        // The view's predicate says the same as the row's colour, case by case.
        var nearOrBreached = warning.NearOrBreached.Compile();
        foreach (var priority in Enum.GetValues<CasePriority>())
        {
            foreach (var type in Enum.GetValues<CaseType>())
            {
                foreach (var answered in new[] { false, true })
                {
                    var c = open(priority, type, answered);
                    foreach (var due in new DateTimeOffset?[] { null, now.AddMinutes(-5), warning.LimitFor(c), warning.LimitFor(c).AddMinutes(1), now.AddDays(20) })
                    {
                        c.SlaDueAt = due;
                        Assert.Equal(warning.LevelOf(c) is SlaLevel.Near or SlaLevel.Breached, nearOrBreached(c));
                    }
                }
            }
        }
    }

    [Fact]
    public void QuickCapture_SubjectDefaultsToTheFirstWordsOfTheNote()
    {
        Assert.Equal("Chiede gli orari", QuickCapturePage.SubjectFrom("Chiede  gli orari\nseconda riga"));
        var subject = QuickCapturePage.SubjectFrom(string.Join(' ', Enumerable.Repeat("parola", 30)));
        Assert.True(subject.Length <= 61);
        Assert.EndsWith("parola…", subject);
    }

}
