using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Data.Audit;
using Cerchio.Data.Outbox;
using Cerchio.Organizations.Domain;
using Cerchio.Service.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

public abstract class CaseMergeTests(AppFixture app)
{
    private const string Customer = "anna@verdi-merge.test";

    /// <summary>A customer who wrote twice: case #1 (the target in most tests) and case #2 (the source), both by email.</summary>
    private async Task<TestOrganization> TwoCasesAsync(string name, params (string Email, Role Role)[] people)
    {
        var org = await app.CreateOrganizationAsync(name, people);
        Assert.Equal(1, await MailAsync(org, "Fattura 26/88 errata", "L'importo della fattura è sbagliato.", "<fattura-88@verdi.test>"));
        Assert.Equal(2, await MailAsync(org, "Ancora la fattura", "Vi scrivo di nuovo per la fattura 26/88.", "<fattura-88-bis@verdi.test>"));
        return org;
    }

    /// <summary>An email from the customer through the webhook; the number of the case it joined or opened.</summary>
    private static async Task<int> MailAsync(TestOrganization org, string subject, string text, string messageId, string? inReplyTo = null, string from = Customer)
    {
        var response = await org.Api().PostAsJsonAsync("/api/v1/inbound/email", new
        {
            from = $"Anna Verdi <{from}>",
            to = new[] { "assistenza@azienda.test" },
            subject,
            text,
            message_id = messageId,
            in_reply_to = inReplyTo,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("imported", result.GetProperty("outcome").GetString());
        return result.GetProperty("case_number").GetInt32();
    }

    private static Task<HttpResponseMessage> MergeAsync(TestOrganization org, int number, object body) =>
        org.Api().PostAsJsonAsync($"/api/v1/cases/{number}/merge", body);

    private static async Task<JsonElement> CaseAsync(TestOrganization org, int number) =>
        await org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}");

    private static async Task<List<JsonElement>> EntriesAsync(TestOrganization org, int number) =>
        (await org.Api().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}/entries")).EnumerateArray().ToList();

    private Task<int> EventsAsync(TestOrganization org, string type) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<ModuleEventRecord>()
            .CountAsync(e => e.OrganizationId == org.Id && e.Type.EndsWith("." + type)));

    /// <summary>Both cases and both conversations as the API shows them: what a refused merge must leave as it was.</summary>
    private static async Task<string> StateAsync(TestOrganization org, params int[] numbers)
    {
        var parts = new List<string>();
        foreach (var number in numbers)
        {
            parts.Add((await CaseAsync(org, number)).GetRawText());
            parts.Add(string.Join("|", (await EntriesAsync(org, number)).Select(e => e.GetRawText())));
        }

        return string.Join("\n", parts);
    }

    [Fact]
    public async Task Merge_MovesTheConversationInTimeOrder_ClosesTheSourceWithoutResolvingIt_AndPointsBothWays()
    {
        var org = await TwoCasesAsync("Unione Base S.r.l.");
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/cases/2/notes", new { text = "Nota sulla seconda" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/v1/cases/1/notes", new { text = "Nota sulla prima" })).EnsureSuccessStatusCode();

        var merged = await MergeAsync(org, 2, new { into = 1 });

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal(1, (await merged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32());
        var source = await CaseAsync(org, 2);
        Assert.Equal("closed", source.GetProperty("status").GetString());
        Assert.Equal(1, source.GetProperty("merged_into").GetInt32());
        Assert.Equal(JsonValueKind.Null, source.GetProperty("resolved_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, source.GetProperty("sla_due_at").ValueKind);
        var target = await CaseAsync(org, 1);
        Assert.Equal(JsonValueKind.Null, target.GetProperty("merged_into").ValueKind);
        Assert.Equal("new", target.GetProperty("status").GetString());   // the target keeps its own state and clock

        var entries = await EntriesAsync(org, 1);
        var texts = entries.Select(e => e.GetProperty("text").GetString()!.Trim()).ToList();
        Assert.Equal(
            ["L'importo della fattura è sbagliato.", "Vi scrivo di nuovo per la fattura 26/88.", "Nota sulla seconda", "Nota sulla prima", "Unita la pratica #2: Ancora la fattura"],
            texts);
        Assert.Equal("merged", entries[^1].GetProperty("kind").GetString());
        var at = entries.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(at.Order(), at);
        var left = Assert.Single(await EntriesAsync(org, 2));
        Assert.Equal("merged", left.GetProperty("kind").GetString());
        Assert.Equal("Unita nella pratica #1", left.GetProperty("text").GetString());

        // Other modules hear of a merge, never of a resolution: no survey for a case merged away.
        Assert.Equal(1, await EventsAsync(org, "CaseMerged"));
        Assert.Equal(0, await EventsAsync(org, "CaseResolved"));

        var customerId = source.GetProperty("customer_id").GetGuid();
        var timeline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customerId}/timeline");
        var line = Assert.Single(timeline.GetProperty("items").EnumerateArray(), i => i.GetProperty("type").GetString() == "case_merged");
        Assert.Contains("#2", line.GetProperty("summary").GetString());

        // Numbers are never reused: the next case is #3.
        Assert.Equal(3, await MailAsync(org, "Altro argomento", "Una domanda diversa.", "<altro@verdi.test>"));
    }

    [Fact]
    public async Task AfterTheMerge_RepliesToTheSourcesMail_JoinTheTarget_ByHeadersAndBySubject()
    {
        var org = await TwoCasesAsync("Unione Posta S.r.l.");
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/cases/2/replies", new { text = "Stiamo verificando la fattura." })).EnsureSuccessStatusCode();
        var outgoing = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<CaseEntry>()
            .Where(e => e.Kind == CaseEntryKind.Reply).Select(e => e.MessageId!).SingleAsync());

        (await MergeAsync(org, 2, new { into = 1 })).EnsureSuccessStatusCode();

        // The customer answers the reply sent from #2: In-Reply-To names its Message-ID.
        Assert.Equal(1, await MailAsync(org, "Re: [#2] Ancora la fattura", "Grazie, attendo.", "<risposta-1@verdi.test>", inReplyTo: $"<{outgoing}>"));
        // A message with only the old reference in its subject follows the merge too.
        Assert.Equal(1, await MailAsync(org, "[#2] Ancora la fattura", "Novità?", "<risposta-2@verdi.test>"));

        var texts = (await EntriesAsync(org, 1)).Select(e => e.GetProperty("text").GetString()!.Trim()).ToList();
        Assert.Contains("Grazie, attendo.", texts);
        Assert.Contains("Novità?", texts);
        Assert.Single(await EntriesAsync(org, 2));
        Assert.Equal("closed", (await CaseAsync(org, 2)).GetProperty("status").GetString());

        // The target's next reply carries the whole thread, the source's messages included.
        (await api.PostAsJsonAsync("/api/v1/cases/1/replies", new { text = "La fattura corretta arriva oggi." })).EnsureSuccessStatusCode();
        var references = await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var emailId = await db.Set<CaseEntry>().Where(e => e.Text == "La fattura corretta arriva oggi.").Select(e => e.OutgoingEmailId!.Value).SingleAsync();
            var email = await db.Set<OutgoingEmail>().SingleAsync(m => m.Id == emailId);
            return System.Text.Encoding.UTF8.GetString(email.Mime);
        });
        Assert.Contains(outgoing, references);
        Assert.Contains("fattura-88-bis@verdi.test", references);
    }

    [Fact]
    public async Task Merge_CarriesTheComplaintFlag_AndTheOpenHandOffs_ToTheTarget()
    {
        var org = await TwoCasesAsync("Unione Reclamo S.r.l.");
        var api = org.Api();
        var department = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<Department>().OrderBy(d => d.SortOrder).Select(d => d.Id).FirstAsync());
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var source = await db.Set<Case>().SingleAsync(c => c.Number == 2);
            source.IsComplaint = true;
            source.ComplaintAboutDepartmentId = department;
            return await db.SaveChangesAsync();
        });
        var handOff = await (await api.PostAsJsonAsync("/api/v1/cases/2/hand-offs", new { department_id = department, text = "Verificate la fattura 26/88" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

        (await MergeAsync(org, 2, new { into = 1 })).EnsureSuccessStatusCode();

        var target = await CaseAsync(org, 1);
        Assert.True(target.GetProperty("is_complaint").GetBoolean());
        Assert.Equal(department, target.GetProperty("complaint_about_department_id").GetGuid());
        Assert.Equal("waiting_on_department", target.GetProperty("status").GetString());
        var open = Assert.Single((await api.GetFromJsonAsync<JsonElement[]>("/api/v1/hand-offs"))!);
        Assert.Equal(1, open.GetProperty("case_number").GetInt32());

        // The department's answer comes back to the target, which stops waiting.
        (await api.PostAsJsonAsync($"/api/v1/hand-offs/{handOff.GetProperty("id").GetGuid()}/answer", new { text = "Corretta." })).EnsureSuccessStatusCode();
        Assert.Equal("open", (await CaseAsync(org, 1)).GetProperty("status").GetString());
        Assert.Contains(await EntriesAsync(org, 1), e => e.GetProperty("kind").GetString() == "hand_off_answered" && e.GetProperty("text").GetString()!.Contains("Corretta."));

        // The complaint is counted once, on the case it lives on.
        var complaints = await Html.GetAsync(await org.SignInAsync(), "/assistenza/reclami");
        Assert.Equal(["1"], complaints.QuerySelectorAll("tr[data-number]").Select(r => r.GetAttribute("data-number")).ToList());
    }

    [Fact]
    public async Task Merge_IsRefused_WithAClearAnswer_AndChangesNothing()
    {
        var org = await TwoCasesAsync("Unione Rifiuti S.r.l.");
        Assert.Equal(3, await MailAsync(org, "Altro cliente", "Sono un altro cliente.", "<altro-cliente@rossi.test>", from: "mario@rossi-merge.test"));
        Assert.Equal(4, await MailAsync(org, "Terza di Anna", "Terza.", "<terza@verdi.test>"));
        (await MergeAsync(org, 4, new { into = 1 })).EnsureSuccessStatusCode();   // #4 is merged into #1 now
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            (await db.Set<Case>().SingleAsync(c => c.Number == 3)).Status = CaseStatus.Closed;
            return await db.SaveChangesAsync();
        });
        var before = await StateAsync(org, 1, 2, 3, 4);

        async Task RefusedAsync(int number, object body, HttpStatusCode status, string? says = null)
        {
            var response = await MergeAsync(org, number, body);
            Assert.Equal(status, response.StatusCode);
            Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
            if (says is not null)
            {
                Assert.Contains(says, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
            }
        }

        await RefusedAsync(2, new { into = 2 }, HttpStatusCode.BadRequest, "sé stessa");
        await RefusedAsync(2, new { into = 3 }, HttpStatusCode.BadRequest, "altro cliente");   // closed as well: whose it is comes first
        await RefusedAsync(2, new { into = 4 }, HttpStatusCode.BadRequest, "unisci nella #1");  // a merged target: merge where it went
        await RefusedAsync(4, new { into = 2 }, HttpStatusCode.BadRequest, "già unita nella #1");
        await RefusedAsync(2, new { into = 99 }, HttpStatusCode.NotFound);
        await RefusedAsync(99, new { into = 1 }, HttpStatusCode.NotFound);
        await RefusedAsync(2, new { }, HttpStatusCode.BadRequest, "into");
        await RefusedAsync(2, new { into = "uno" }, HttpStatusCode.BadRequest);
        Assert.Equal(before, await StateAsync(org, 1, 2, 3, 4));

        // A closed target of the same customer.
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var closed = await db.Set<Case>().SingleAsync(c => c.Number == 1);
            closed.Status = CaseStatus.Closed;
            return await db.SaveChangesAsync();
        });
        var closedBefore = await StateAsync(org, 1, 2);
        await RefusedAsync(2, new { into = 1 }, HttpStatusCode.BadRequest, "chiusa");
        Assert.Equal(closedBefore, await StateAsync(org, 1, 2));
    }

    [Fact]
    public async Task Merge_OfAnotherOrganizationsCase_IsNotFound_FromEitherSide()
    {
        var mine = await TwoCasesAsync("Unione Mia S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Unione Loro S.r.l.");
        // Their cases get numbers of their own range: 500 and 501 exist only there.
        await app.InOrganizationAsync(theirs.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            db.Add(new CaseCounter { OrganizationId = theirs.Id, LastNumber = 499 });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(500, await MailAsync(theirs, "Loro", "Loro.", "<loro-1@verdi.test>"));
        Assert.Equal(501, await MailAsync(theirs, "Loro bis", "Loro bis.", "<loro-2@verdi.test>"));
        var before = await StateAsync(theirs, 500, 501);
        var mineBefore = await StateAsync(mine, 1, 2);

        Assert.Equal(HttpStatusCode.NotFound, (await MergeAsync(mine, 2, new { into = 500 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MergeAsync(mine, 501, new { into = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MergeAsync(mine, 501, new { into = 500 })).StatusCode);

        Assert.Equal(before, await StateAsync(theirs, 500, 501));
        Assert.Equal(mineBefore, await StateAsync(mine, 1, 2));
    }

    [Fact]
    public async Task ConcurrentMerges_OfTheSamePair_OneWins_AndTheOtherChangesNothing()
    {
        var org = await TwoCasesAsync("Unione Gara S.r.l.");
        (await org.Api().PostAsJsonAsync("/api/v1/cases/2/notes", new { text = "Nota" })).EnsureSuccessStatusCode();

        // The same merge twice and the opposite one, at once.
        var clients = Enumerable.Range(0, 3).Select(_ => org.Api()).ToList();
        var responses = await Task.WhenAll(
            clients[0].PostAsJsonAsync("/api/v1/cases/2/merge", new { into = 1 }),
            clients[1].PostAsJsonAsync("/api/v1/cases/2/merge", new { into = 1 }),
            clients[2].PostAsJsonAsync("/api/v1/cases/1/merge", new { into = 2 }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Conflict }));
        var cases = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<Case>().AsNoTracking().OrderBy(c => c.Number).ToListAsync());
        var merged = Assert.Single(cases, c => c.MergedIntoId is not null);
        var kept = Assert.Single(cases, c => c.MergedIntoId is null);
        Assert.Equal(kept.Id, merged.MergedIntoId);
        Assert.Equal(CaseStatus.Closed, merged.Status);
        Assert.Equal(1, await EventsAsync(org, "CaseMerged"));
        var entries = await EntriesAsync(org, kept.Number);
        Assert.Single(entries, e => e.GetProperty("kind").GetString() == "merged");
        Assert.Single(entries, e => e.GetProperty("text").GetString() == "Nota");
        Assert.Single(await EntriesAsync(org, merged.Number));
    }

    [Fact]
    public async Task CasePage_OffersTheCustomersOtherCases_AsksToConfirmNamingBoth_AndRecordsWhoMerged()
    {
        var org = await TwoCasesAsync("Unione Pagina S.r.l.", ("operatore@unione-pagina.test", Role.Agent));
        Assert.Equal(3, await MailAsync(org, "Altro cliente", "Sono un altro cliente.", "<pagina-altro@rossi.test>", from: "mario@rossi-merge.test"));
        var agent = await org.SignInAsync(Role.Agent);
        var page = await Html.GetAsync(agent, "/assistenza/pratiche/2");
        var choices = page.QuerySelectorAll("#merge-into option").Select(o => o.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)).ToList();
        Assert.Equal(["1"], choices);   // the same customer's only: #3 is someone else's

        // First post: a question naming both, nothing changed yet.
        var asked = await Html.SubmitFormAsync(agent, "/assistenza/pratiche/2", "merge-case", new() { ["MergeInput.Into"] = "1" });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var question = await Html.ParseAsync(asked);
        Assert.Contains("Unire la pratica #2 nella #1?", question.QuerySelector("#merge-confirm")!.TextContent);
        Assert.Contains("La #2 sarà chiusa", question.QuerySelector("#merge-confirm")!.TextContent);
        Assert.Equal(JsonValueKind.Null, (await CaseAsync(org, 2)).GetProperty("merged_into").ValueKind);

        var confirmed = await Html.PostFormAsync(agent, (IHtmlFormElement)question.QuerySelector("#merge-confirm")!, []);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/assistenza/pratiche/1", Html.LocationPath(confirmed));

        var target = await Html.GetAsync(agent, "/assistenza/pratiche/1");
        Assert.Equal("/assistenza/pratiche/2", target.QuerySelector("#merged-here a")!.GetAttribute("href"));
        Assert.Contains("Unita la pratica #2", target.QuerySelector("#conversation")!.TextContent);
        var source = await Html.GetAsync(agent, "/assistenza/pratiche/2");
        Assert.Equal("/assistenza/pratiche/1", source.QuerySelector("#merged-into a")!.GetAttribute("href"));
        Assert.Empty(source.QuerySelectorAll("main form[method=post]"));   // nothing left to do on it

        var audit = await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var sourceId = (await db.Set<Case>().Where(c => c.Number == 2).Select(c => c.Id).SingleAsync()).ToString();
            return await db.Set<AuditEntry>().AsNoTracking().Where(a => a.EntityId == sourceId && a.Action == AuditAction.Updated && a.Changes.Contains("MergedIntoId")).ToListAsync();
        });
        Assert.Contains("operatore@unione-pagina.test", Assert.Single(audit).ActorName);
    }

    [Fact]
    public async Task CasePage_RefusesAnotherCustomersCase_AndAnUnknownNumber_NextToTheField()
    {
        var org = await TwoCasesAsync("Unione Errori S.r.l.");
        Assert.Equal(3, await MailAsync(org, "Altro cliente", "Sono un altro cliente.", "<errori-altro@rossi.test>", from: "mario@rossi-merge.test"));
        var admin = await org.SignInAsync();
        var before = await StateAsync(org, 1, 2, 3);

        var other = await Html.SubmitFormAsync(admin, "/assistenza/pratiche/2", "merge-case", new() { ["MergeInput.Number"] = "3" });
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("altro cliente", (await Html.ParseAsync(other)).QuerySelector("#merge-error")!.TextContent);
        var unknown = await Html.SubmitFormAsync(admin, "/assistenza/pratiche/2", "merge-case", new() { ["MergeInput.Number"] = "77" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var answer = await Html.ParseAsync(unknown);
        Assert.Contains("Nessuna pratica #77", answer.QuerySelector("#merge-error")!.TextContent);
        Assert.Equal("77", answer.QuerySelector<IHtmlInputElement>("#merge-number")!.Value);   // what was typed stays
        // A confirmation posted straight at another customer's case is judged again, not trusted.
        var forced = await Html.SubmitFormAsync(admin, "/assistenza/pratiche/2", "merge-case", new() { ["MergeInput.Number"] = "3", ["MergeInput.Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, forced.StatusCode);

        Assert.Equal(before, await StateAsync(org, 1, 2, 3));
    }

    [Fact]
    public async Task CasePage_WithoutWorkCases_HasNoMergeForm_AndAPostChangesNothing()
    {
        var org = await TwoCasesAsync("Unione Lettura S.r.l.", ("direzione@unione-lettura.test", Role.Executive));
        var executive = await org.SignInAsync(Role.Executive);
        var page = await Html.GetAsync(executive, "/assistenza/pratiche/2");
        Assert.Null(page.QuerySelector("#merge-title"));
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var before = await StateAsync(org, 1, 2);

        var posted = await executive.PostAsync("/assistenza/pratiche/2", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "merge-case", ["__RequestVerificationToken"] = token!, ["MergeInput.Into"] = "1", ["MergeInput.Confirmed"] = "true",
        }));

        Assert.False(posted.IsSuccessStatusCode);
        Assert.Equal(before, await StateAsync(org, 1, 2));
    }

    [Fact]
    public async Task Merge_TellsTheLiveInbox_AndTheSourceLeavesTheOpenView()
    {
        var org = await TwoCasesAsync("Unione Diretta S.r.l.");
        var agent = await org.SignInAsync();
        using var stream = await FeedStream.OpenAsync(agent);
        await stream.SkipUntilAsync(await MailAsync(org, "Sonda", "Sonda.", "<sonda@verdi.test>"));

        (await MergeAsync(org, 2, new { into = 1 })).EnsureSuccessStatusCode();

        // Both rows changed: the source leaves the open views, the target has news. (A missing one ends in the stream's timeout.)
        var changed = new HashSet<int>();
        while (!changed.IsSupersetOf([1, 2]))
        {
            changed.Add(await stream.NextCaseAsync());
        }

        var inbox = await Html.GetAsync(agent, "/assistenza?vista=aperte");
        var rows = inbox.QuerySelectorAll("a[href^='/assistenza/pratiche/']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/assistenza/pratiche/1", rows);
        Assert.DoesNotContain("/assistenza/pratiche/2", rows);
    }
}

public sealed class CaseMergeOnSqlite(SqliteApp app) : CaseMergeTests(app), IClassFixture<SqliteApp>;

public sealed class CaseMergeOnPostgres(PostgresApp app) : CaseMergeTests(app), IClassFixture<PostgresApp>;
