using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Search;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

/// <summary>
/// Full-text search over cases, their messages and customers (GET /api/v1/search, /assistenza/cerca): the database's
/// own engine on each database, fed through the real API, kept in step by triggers (SQLite) or generated columns
/// (PostgreSQL).
/// </summary>
public abstract class DeskSearchTests(AppFixture app)
{
    // ---- helpers ---------------------------------------------------------------------------------------------

    private static async Task<Guid> CustomerAsync(HttpClient api, string name, string code, string? email = null, string? vat = null, string? city = null)
    {
        var response = await api.PostAsJsonAsync("/api/v1/customers", new { name, external_id = code, email, vat_number = vat, city });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> OpenAsync(HttpClient api, string subject, string customerCode, string? text = null)
    {
        var response = await api.PostAsJsonAsync("/api/v1/cases", new { subject, customer = new { external_id = customerCode }, channel = "email", text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task NoteAsync(HttpClient api, int number, string text) =>
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/cases/{number}/notes", new { text })).StatusCode);

    private static async Task<JsonElement> SearchAsync(HttpClient api, string query, string extra = "")
    {
        var response = await api.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(query)}{extra}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<JsonElement> List(JsonElement results, string kind) => results.GetProperty(kind).EnumerateArray().ToList();

    private static List<int> CaseNumbers(JsonElement results) => List(results, "cases").Select(c => c.GetProperty("number").GetInt32()).ToList();

    private static List<string> MessageSnippets(JsonElement results) => List(results, "messages").Select(m => m.GetProperty("snippet").GetString()!).ToList();

    private async Task<(TestOrganization Org, HttpClient Api)> OrganizationAsync(string name)
    {
        var org = await app.CreateOrganizationAsync(name);
        var api = org.Api();
        await CustomerAsync(api, "Cliente Generico S.r.l.", "GEN");
        return (org, api);
    }

    // ---- language ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Search_WithoutAccents_FindsAccentedWords()
    {
        var (_, api) = await OrganizationAsync("Ricerca Accenti S.r.l.");
        await CustomerAsync(api, "Caffè Forlì S.n.c.", "CLI-ACC", city: "Forlì");
        var opened = await OpenAsync(api, "Domanda sulla qualità", "GEN", "Perché la fattura è arrivata due volte?");
        await OpenAsync(api, "Altro argomento", "GEN", "Niente di rilevante qui.");

        var results = await SearchAsync(api, "perche");
        var message = Assert.Single(List(results, "messages"));
        Assert.Equal(opened.GetProperty("number").GetInt32(), message.GetProperty("case_number").GetInt32());
        Assert.Contains("<mark>Perché</mark>", message.GetProperty("snippet").GetString());

        Assert.Equal([opened.GetProperty("number").GetInt32()], CaseNumbers(await SearchAsync(api, "qualita")));
        var customer = Assert.Single(List(await SearchAsync(api, "caffe forli"), "customers"));
        Assert.Equal("Caffè Forlì S.n.c.", customer.GetProperty("title").GetString());
        // And the other way round: accents typed, none stored.
        Assert.Single(List(await SearchAsync(api, "perché"), "messages"));
    }

    [Fact]
    public async Task Search_ByAnotherFormOfAWord_FindsItThroughItsPrefix()
    {
        var (_, api) = await OrganizationAsync("Ricerca Forme S.r.l.");
        var delivery = (await OpenAsync(api, "Consegna in ritardo", "GEN", "La consegna doveva arrivare ieri.")).GetProperty("number").GetInt32();
        var invoices = (await OpenAsync(api, "Fatture doppie", "GEN")).GetProperty("number").GetInt32();
        await OpenAsync(api, "Cambio indirizzo", "GEN", "Il cliente ha cambiato sede.");

        var byPlural = await SearchAsync(api, "consegne");
        Assert.Equal([delivery], CaseNumbers(byPlural));
        Assert.Equal(1, List(byPlural, "cases")[0].GetProperty("matching_messages").GetInt32());   // and the subject
        Assert.Single(List(byPlural, "messages"));
        Assert.Equal([invoices], CaseNumbers(await SearchAsync(api, "fattura")));
        Assert.Equal([delivery], CaseNumbers(await SearchAsync(api, "consegn")));   // as typed, half a word
        Assert.Equal([delivery], CaseNumbers(await SearchAsync(api, "RITARDO consegna")));   // every word, any case
        Assert.Empty(CaseNumbers(await SearchAsync(api, "consegna indirizzo")));   // every word must match
    }

    // ---- ranking and snippets ---------------------------------------------------------------------------------

    [Fact]
    public async Task Search_CaseWithTheTermInSubjectAndMessages_RanksAboveASingleMention()
    {
        var (_, api) = await OrganizationAsync("Ricerca Ordine S.r.l.");
        var once = (await OpenAsync(api, "Richiesta di informazioni", "GEN", "Chiede anche del rimborso per un ordine vecchio.")).GetProperty("number").GetInt32();
        var everywhere = (await OpenAsync(api, "Rimborso non ricevuto", "GEN", "Aspetto il rimborso da tre settimane.")).GetProperty("number").GetInt32();
        await NoteAsync(api, everywhere, "Sollecitato il rimborso all'amministrazione.");
        var unrelated = (await OpenAsync(api, "Password dimenticata", "GEN", "Non riesco ad accedere.")).GetProperty("number").GetInt32();

        var results = await SearchAsync(api, "rimborso");

        Assert.Equal([everywhere, once], CaseNumbers(results));
        Assert.DoesNotContain(unrelated, CaseNumbers(results));
        var cases = List(results, "cases");
        Assert.True(cases[0].GetProperty("score").GetDouble() > cases[1].GetProperty("score").GetDouble());
        Assert.Equal(2, cases[0].GetProperty("matching_messages").GetInt32());
        Assert.Equal("<mark>Rimborso</mark> non ricevuto", cases[0].GetProperty("snippet").GetString());
        Assert.Equal("Richiesta di informazioni", cases[1].GetProperty("snippet").GetString());   // matched by its message only
        Assert.Equal(3, List(results, "messages").Count);
    }

    [Fact]
    public async Task Search_Snippets_AreHighlightedAndHtmlEncoded()
    {
        var (org, api) = await OrganizationAsync("Ricerca Snippet S.r.l.");
        await CustomerAsync(api, "Rossi & <b>Figli</b>", "CLI-HTML", email: "rossi@esempio.test");
        var number = (await OpenAsync(api, "Problema <img src=x onerror=alert(1)> col preventivo", "GEN",
            "<script>alert('x')</script> Il preventivo \"urgente\" costa < 100 € & scade domani.")).GetProperty("number").GetInt32();

        var results = await SearchAsync(api, "preventivo");

        var snippet = Assert.Single(MessageSnippets(results));
        Assert.Contains("<mark>preventivo</mark>", snippet);
        Assert.Contains("&quot;urgente&quot; costa &lt; 100 € &amp; scade", snippet);
        Assert.DoesNotContain("<script", snippet);
        // Apart from the marks, no markup at all (PostgreSQL's fragments leave tags out; SQLite's keep them, encoded).
        Assert.DoesNotContain('<', snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal));
        var subject = List(results, "cases").Single().GetProperty("snippet").GetString()!;
        Assert.Equal("Problema &lt;img src=x onerror=alert(1)&gt; col <mark>preventivo</mark>", subject);
        var customer = Assert.Single(List(await SearchAsync(api, "figli"), "customers")).GetProperty("snippet").GetString()!;
        Assert.StartsWith("Rossi &amp; &lt;b&gt;<mark>Figli</mark>&lt;/b&gt;", customer);

        // The page shows the same snippets: marks as elements, the stored markup as text.
        var page = await Html.GetAsync(await org.SignInAsync(), "/assistenza/cerca?q=preventivo");
        Assert.Empty(page.QuerySelectorAll("#message-results script, #case-results img"));
        var marks = page.QuerySelectorAll("#message-results mark, #case-results mark").Select(m => m.TextContent).ToList();
        Assert.Equal(["preventivo", "preventivo"], marks);   // the subject's, the message's
        Assert.Contains("costa < 100 € & scade", page.QuerySelector("#message-results .search-snippet")!.TextContent);
        Assert.Contains($"/assistenza/pratiche/{number}", page.QuerySelector("#case-results a")!.GetAttribute("href"));
    }

    // ---- filters ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Search_ByStatusAndDates_NarrowsCasesAndMessages()
    {
        var (_, api) = await OrganizationAsync("Ricerca Filtri S.r.l.");
        var first = await OpenAsync(api, "Garanzia scaduta", "GEN", "La garanzia copre due anni.");
        var second = (await OpenAsync(api, "Garanzia del forno", "GEN", "Chiede della garanzia.")).GetProperty("number").GetInt32();
        var resolved = first.GetProperty("number").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/v1/cases/{resolved}/status", new { status = "resolved" })).StatusCode);
        var today = DateOnly.FromDateTime(Times.InItaly(first.GetProperty("created_at").GetDateTimeOffset()).DateTime);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal([resolved, second], CaseNumbers(await SearchAsync(api, "garanzia")).Order());
        Assert.Equal([resolved], CaseNumbers(await SearchAsync(api, "garanzia", "&status=resolved")));
        var open = await SearchAsync(api, "garanzia", "&status=new,open");
        Assert.Equal([second], CaseNumbers(open));
        Assert.All(List(open, "messages"), m => Assert.Equal(second, m.GetProperty("case_number").GetInt32()));
        Assert.Equal(2, CaseNumbers(await SearchAsync(api, "garanzia", "&status=resolved,new")).Count);

        Assert.Equal(2, CaseNumbers(await SearchAsync(api, "garanzia", $"&from={Day(today)}&to={Day(today)}")).Count);
        Assert.Equal(2, List(await SearchAsync(api, "garanzia", $"&from={Day(today.AddDays(-3))}"), "messages").Count);
        var later = await SearchAsync(api, "garanzia", $"&from={Day(today.AddDays(1))}");
        Assert.Empty(List(later, "cases"));
        Assert.Empty(List(later, "messages"));
        Assert.Empty(List(await SearchAsync(api, "garanzia", $"&to={Day(today.AddDays(-1))}"), "messages"));
        // The calendar's ends bound nothing.
        Assert.Equal(2, CaseNumbers(await SearchAsync(api, "garanzia", "&from=0001-01-01&to=9999-12-31")).Count);
    }

    [Theory]
    [InlineData("&status=dimenticata", "status")]
    [InlineData("&status=open,,boh", "status")]
    [InlineData("&from=ieri", "from")]
    [InlineData("&to=2026-13-01", "to")]
    [InlineData("&from=2026-05-02&to=2026-05-01", "from")]
    public async Task Search_WithBadFilters_IsRefusedWithTheField(string filter, string field)
    {
        var (_, api) = await OrganizationAsync("Ricerca Errata S.r.l.");

        var response = await api.GetAsync("/api/v1/search?q=garanzia" + filter);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    // ---- customers --------------------------------------------------------------------------------------------

    [Fact]
    public async Task Search_Customers_ByNameEmailVatCityAndCode()
    {
        var (_, api) = await OrganizationAsync("Ricerca Clienti S.r.l.");
        var bianchi = await CustomerAsync(api, "Bianchi Costruzioni S.r.l.", "CLI-7781", "info@bianchi-costruzioni.test", "01234567897", "Padova");
        await CustomerAsync(api, "Verdi Impianti S.p.A.", "CLI-2", "amministrazione@verdi.test", "07654321012", "Vicenza");

        foreach (var query in new[] { "bianchi", "Costruzioni", "info@bianchi-costruzioni.test", "bianchi-costruzioni", "01234567897", "padova", "CLI-7781", "7781" })
        {
            var found = List(await SearchAsync(api, query), "customers");
            Assert.True(found.Count == 1 && found[0].GetProperty("id").GetGuid() == bianchi, $"'{query}' found {found.Count} customers");
            // PostgreSQL's headline parser reads "CLI-7781" as "cli" and "-7781": the code is found but its digits not marked.
            if (query != "7781" || app.Provider == DatabaseProvider.Sqlite)
            {
                Assert.Contains("<mark>", found[0].GetProperty("snippet").GetString());
            }
        }

        Assert.Equal(2, List(await SearchAsync(api, "test"), "customers").Count);   // both emails
        Assert.Empty(List(await SearchAsync(api, "bianchi vicenza"), "customers"));
    }

    // ---- organizations ----------------------------------------------------------------------------------------

    [Fact]
    public async Task Search_NeverReturnsAnotherOrganizationsData()
    {
        const string secret = "Zqxsegreto";
        var (_, mine) = await OrganizationAsync("Ricerca Mia S.r.l.");
        var (_, theirs) = await OrganizationAsync("Ricerca Loro S.r.l.");
        await CustomerAsync(theirs, $"Magazzino {secret} S.r.l.", "CLI-LORO", $"{secret.ToLowerInvariant()}@loro.test", city: "Treviso");
        var theirCase = (await OpenAsync(theirs, $"Reso {secret} del magazzino", "CLI-LORO", $"Il reso {secret} è in magazzino.")).GetProperty("number").GetInt32();
        await NoteAsync(theirs, theirCase, $"Nota {secret} sul magazzino");
        var mineCase = (await OpenAsync(mine, "Reso del magazzino", "GEN", "Il reso è in magazzino.")).GetProperty("number").GetInt32();

        foreach (var query in new[] { secret, "magazzino", "reso", "treviso", "loro" })
        {
            var body = (await SearchAsync(mine, query)).ToString();
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Treviso", body);
        }

        Assert.Equal([mineCase], CaseNumbers(await SearchAsync(mine, "magazzino")));
        Assert.Single(CaseNumbers(await SearchAsync(theirs, secret)));
    }

    // ---- common words -----------------------------------------------------------------------------------------

    /// <summary>Messages written straight into the database (by default now), each naming the word once among others: more than the ranked window.</summary>
    private async Task ManyMessagesAsync(Guid organizationId, Guid caseId, int count, string text, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        var sqlite = app.Provider == DatabaseProvider.Sqlite;
        // Ids after any made so far (PostgreSQL ranks the newest by id; SQLite by rowid, that is, by insertion).
        var batch = Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var sql = sqlite
            ? $$"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{count}})
                INSERT INTO "CaseEntries" ("Id", "OrganizationId", "CaseId", "Kind", "At", "Text")
                SELECT printf('FFFF{{batch}}-0000-7000-8000-%012X', i), {0}, {1}, 1, {2}, {3} FROM n
                """
            : $$"""
                INSERT INTO "CaseEntries" ("Id", "OrganizationId", "CaseId", "Kind", "At", "Text")
                SELECT ('ffff{{batch}}-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, {0}, {1}, 1, {2}, {3} FROM generate_series(1, {{count}}) AS i
                """;
        await app.InOrganizationAsync(organizationId, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            // SQLite keeps guids as upper-case text and times in EF's binary form (UTC ticks / 1000, shifted past the offset bits).
            object[] values = sqlite
                ? [organizationId.ToString().ToUpperInvariant(), caseId.ToString().ToUpperInvariant(), (when.UtcTicks / 1000) << 11, text]
                : [organizationId, caseId, when, text];
            return await db.Database.ExecuteSqlRawAsync(sql, values);   // the count and batch are made here, nothing typed
        });
    }

    [Fact]
    public async Task Search_CommonWord_RanksTheOrganizationsNewestMatches_WhateverOthersHold()
    {
        var (mine, mineApi) = await OrganizationAsync("Ricerca Finestra Mia S.r.l.");
        var (theirs, theirApi) = await OrganizationAsync("Ricerca Finestra Loro S.r.l.");
        var best = (await OpenAsync(mineApi, "Richiesta", "GEN", "Montaggio, montaggio e ancora montaggio della cucina.")).GetProperty("number").GetInt32();
        var theirCase = (await OpenAsync(theirApi, "Altro", "GEN", "Niente da cercare.")).GetProperty("id").GetGuid();
        const string diluted = "Una parola sul montaggio tra molte altre parole: cucina, tavolo, sedia, armadio, consegna, fattura, negozio.";

        // Another organization's newer matches, more than the window: the window is each organization's own.
        await ManyMessagesAsync(theirs.Id, theirCase, DeskSearch.RankedWindow + 5, diluted);
        var found = await SearchAsync(mineApi, "montaggio");
        Assert.Equal([best], CaseNumbers(found));
        Assert.Equal(best, Assert.Single(List(found, "messages")).GetProperty("case_number").GetInt32());

        // A full window of newer matches of its own: on SQLite the old best one is no longer ranked, the newest are;
        // PostgreSQL ranks every match of the last day, the best one's too, so it stays first.
        var busy = (await OpenAsync(mineApi, "Altro", "GEN", "Niente da cercare.")).GetProperty("id").GetGuid();
        await ManyMessagesAsync(mine.Id, busy, DeskSearch.RankedWindow, diluted);
        var later = await SearchAsync(mineApi, "montaggio");
        var messages = List(later, "messages");
        Assert.Equal(DeskSearch.PerKind, messages.Count);
        Assert.All(messages, m => Assert.Contains("<mark>montaggio</mark>", m.GetProperty("snippet").GetString(), StringComparison.OrdinalIgnoreCase));
        var numbers = messages.Select(m => m.GetProperty("case_number").GetInt32()).ToList();
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            Assert.DoesNotContain(best, numbers);
            var busyCase = Assert.Single(List(later, "cases"));
            Assert.Equal(DeskSearch.RankedWindow, busyCase.GetProperty("matching_messages").GetInt32());
        }
        else
        {
            Assert.Equal(best, numbers[0]);
        }
    }

    [Fact]
    public async Task Search_OldMatches_RankWithTheRestWhileMatchesAreFew_AndGiveWayToRecentOnesWhenTheWordIsCommon()
    {
        var (org, api) = await OrganizationAsync("Ricerca Periodi S.r.l.");
        var old = await OpenAsync(api, "Vecchia richiesta", "GEN", "Niente da cercare.");
        await ManyMessagesAsync(org.Id, old.GetProperty("id").GetGuid(), 1, "Zanzariera, zanzariera e ancora zanzariera rotta.", DateTimeOffset.UtcNow.AddYears(-2));
        var oldNumber = old.GetProperty("number").GetInt32();
        List<int> Numbers(JsonElement found) => List(found, "messages").Select(m => m.GetProperty("case_number").GetInt32()).ToList();

        // Rare: found however old.
        Assert.Equal([oldNumber], Numbers(await SearchAsync(api, "zanzariera")));

        // A list's worth of recent matches: still few in all, so every match is ranked and the old, best one leads.
        var recent = (await OpenAsync(api, "Nuova richiesta", "GEN", "Niente da cercare.")).GetProperty("id").GetGuid();
        const string diluted = "Una zanzariera tra tante parole: cucina, tavolo, sedia, armadio, consegna.";
        await ManyMessagesAsync(org.Id, recent, DeskSearch.PerKind, diluted);
        var numbers = Numbers(await SearchAsync(api, "zanzariera"));
        Assert.Equal(DeskSearch.PerKind, numbers.Count);
        Assert.Equal(oldNumber, numbers[0]);

        // Common now (more matches than the ranked window): SQLite ranks its newest 1,000, PostgreSQL the last day's,
        // and the two-year-old message is in neither.
        await ManyMessagesAsync(org.Id, recent, DeskSearch.RankedWindow, diluted);
        numbers = Numbers(await SearchAsync(api, "zanzariera"));
        Assert.Equal(DeskSearch.PerKind, numbers.Count);
        Assert.DoesNotContain(oldNumber, numbers);
    }

    // ---- hostile input ----------------------------------------------------------------------------------------

    public static readonly string[] Hostile =
    [
        "\"", "*", "NEAR(", "NEAR(consegna ritardo)", "OR", "consegna OR", "OR consegna", "AND", "NOT consegna", "-", "-consegna",
        "'", "''", "'consegna", "consegna'", "(", ")", "((consegna", "consegna))", "\"consegna", "consegna*", "*consegna", "^consegna",
        "Subject:consegna", "{Text}: consegna", "consegna + ritardo", "a", "é", "\u0301", "\u0301\u0301", "😀", "😀consegna",
        "'; DROP TABLE \"Cases\"; --", "\\", "\\'", "'':*", "consegna:*", "!&|<->", "consegna <-> ritardo", "%", "_", "%_%",
        "\uE000consegna\uE001", "consegna\uE000", new string('x', 2000), string.Concat(Enumerable.Repeat("consegna ", 250)),
        string.Concat(Enumerable.Repeat("\"(*", 700)), "   ", "..."
    ];

    [Fact]
    public async Task Search_HostileQueries_AnswerWithResultsOrNone_NeverAnError()
    {
        var (org, api) = await OrganizationAsync("Ricerca Ostile S.r.l.");
        await OpenAsync(api, "Consegna in ritardo", "GEN", "La consegna \"urgente\" (ordine 26/4711) è in ritardo: NEAR OR AND NOT.");
        var pages = await org.SignInAsync();
        var failures = new List<string>();

        foreach (var query in Hostile)
        {
            var escaped = Uri.EscapeDataString(query);
            foreach (var url in new[] { $"/api/v1/search?q={escaped}", $"/assistenza/cerca?q={escaped}", $"/assistenza/cerca/anteprima?q={escaped}" })
            {
                var response = await (url.StartsWith("/api", StringComparison.Ordinal) ? api : pages).GetAsync(url);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{url[..Math.Min(url.Length, 80)]}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Punctuation alone finds nothing; words wrapped in syntax are still words.
        foreach (var query in new[] { "\"", "*", "-", "'", "(", "...", "\u0301" })
        {
            var results = await SearchAsync(api, query);
            Assert.Empty(List(results, "cases"));
            Assert.Empty(List(results, "customers"));
        }

        Assert.Single(CaseNumbers(await SearchAsync(api, "NEAR(consegna ritardo)")));
        Assert.Single(CaseNumbers(await SearchAsync(api, "\"consegna")));
        Assert.Single(CaseNumbers(await SearchAsync(api, "26/4711")));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/cases/1")).StatusCode);
    }

    // ---- keeping in step --------------------------------------------------------------------------------------

    [Fact]
    public async Task Search_AfterEditsAndDeletes_FindsTheNewTextOnly()
    {
        var (org, api) = await OrganizationAsync("Ricerca Modifiche S.r.l.");
        var customer = await CustomerAsync(api, "Vecchionome S.r.l.", "CLI-MOD", city: "Modena");
        var number = (await OpenAsync(api, "Caldaia rumorosa", "GEN", "La caldaia fa rumore.")).GetProperty("number").GetInt32();
        await NoteAsync(api, number, "Tecnico prenotato per lunedì.");
        Assert.Single(CaseNumbers(await SearchAsync(api, "caldaia")));

        // The customer through the API; subjects and messages have no edit endpoint yet, so through the model.
        (await api.PutAsJsonAsync($"/api/v1/customers/{customer}", new { name = "Nuovonome S.r.l.", external_id = "CLI-MOD", city = "Reggio Emilia" })).EnsureSuccessStatusCode();
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var edited = await db.Set<Case>().SingleAsync(c => c.Number == number);
            edited.Subject = "Scaldabagno rumoroso";
            var entries = await db.Set<CaseEntry>().Where(e => e.CaseId == edited.Id).ToListAsync();
            entries.Single(e => e.Kind == CaseEntryKind.CustomerMessage).Text = "Lo scaldabagno fa rumore.";
            db.Remove(entries.Single(e => e.Kind == CaseEntryKind.Note));
            await db.SaveChangesAsync();
            return 0;
        });

        Assert.Empty(CaseNumbers(await SearchAsync(api, "caldaia")));
        Assert.Empty(List(await SearchAsync(api, "caldaia"), "messages"));
        Assert.Empty(List(await SearchAsync(api, "tecnico"), "messages"));
        var renamed = await SearchAsync(api, "scaldabagno");
        Assert.Equal([number], CaseNumbers(renamed));
        Assert.Single(List(renamed, "messages"));
        Assert.Empty(List(await SearchAsync(api, "vecchionome"), "customers"));
        Assert.Empty(List(await SearchAsync(api, "modena"), "customers"));
        Assert.Single(List(await SearchAsync(api, "nuovonome reggio"), "customers"));

        if (app.Provider == DatabaseProvider.Sqlite)
        {
            // FTS5 compares each external-content index with its table: the triggers kept every row in step.
            await app.InOrganizationAsync(org.Id, async services =>
            {
                var db = services.GetRequiredService<CerchioDb>();
                foreach (var table in new[] { "CasesSearch", "CaseEntriesSearch", "CustomersSearch" })
                {
                    var check = $"INSERT INTO \"{table}\"(\"{table}\", rank) VALUES ('integrity-check', 1)";   // names from the list above
                    await db.Database.ExecuteSqlRawAsync(check);
                }

                return 0;
            });
        }
    }

    // ---- the page and the fragment ----------------------------------------------------------------------------

    [Fact]
    public async Task SearchPage_ListsResults_AndThePreviewAnswersAsYouType()
    {
        var (org, api) = await OrganizationAsync("Ricerca Pagina S.r.l.");
        await CustomerAsync(api, "Lavanderia Spumeggiante S.r.l.", "CLI-LAV", city: "Bari");
        var number = (await OpenAsync(api, "Lavatrice guasta", "GEN", "La lavatrice perde acqua.")).GetProperty("number").GetInt32();
        var client = await org.SignInAsync(Role.Administrator);

        var page = await Html.GetAsync(client, "/assistenza/cerca?q=lava");
        Assert.Equal("lava", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#search-q")!.Value);
        Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#case-results li")!.GetAttribute("data-case"));
        Assert.Single(page.QuerySelectorAll("#message-results li"));
        Assert.Single(page.QuerySelectorAll("#customer-results li"));
        Assert.Equal("/assistenza/cerca/anteprima", page.QuerySelector("#search-q")!.GetAttribute("hx-get"));

        var none = await Html.GetAsync(client, "/assistenza/cerca?q=frigorifero");
        Assert.NotNull(none.QuerySelector("#no-results"));
        var filtered = await Html.GetAsync(client, "/assistenza/cerca?q=lava&stato=closed");
        Assert.Empty(filtered.QuerySelectorAll("#case-results li"));
        var backwards = await Html.GetAsync(client, "/assistenza/cerca?q=lava&dal=2026-05-02&al=2026-05-01");
        Assert.NotNull(backwards.QuerySelector("#al-error"));

        var preview = await client.GetAsync("/assistenza/cerca/anteprima?q=lavat");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var fragment = await Html.ParseAsync(preview);
        var links = fragment.QuerySelectorAll("#search-preview-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/assistenza/pratiche/{number}", links);
        Assert.Contains("/assistenza/cerca?q=lavat", links);
        Assert.Equal("Lavat", fragment.QuerySelector("#search-preview-list mark")!.TextContent[..5]);
        Assert.Empty((await (await client.GetAsync("/assistenza/cerca/anteprima?q=%20")).Content.ReadAsStringAsync()).Trim());

        // Every role that sees cases may search; the fragment is not for anonymous visitors.
        var anonymous = await app.Browser().GetAsync("/assistenza/cerca/anteprima?q=lava");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }

    // ---- the migration ----------------------------------------------------------------------------------------

    [Fact]
    public async Task Migration_IndexesRowsThatAlreadyExist_AndDownRemovesTheIndexes()
    {
        var options = new DbContextOptionsBuilder<CerchioDb>();
        DataServices.Configure(options, app.Provider, await app.CreateDatabaseAsync());
        await using var db = new CerchioDb(options.Options, new OrganizationContext(), new CerchioModel(Cerchio.Web.Composition.CerchioApp.ModuleAssemblies));
        var migrations = db.Database.GetMigrations().ToList();
        var deskSearch = migrations.FindIndex(m => m.EndsWith("_DeskSearch", StringComparison.Ordinal));
        var before = migrations[deskSearch - 1];
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(before);

        // Rows written before search existed, with the columns of that schema (later migrations may add more).
        var sqlite = app.Provider == DatabaseProvider.Sqlite;
        var now = sqlite ? "0" : "now()";
        var org = "'" + (sqlite ? Guid.NewGuid().ToString().ToUpperInvariant() : Guid.NewGuid().ToString()) + "'";
        string NewId() => "'" + (sqlite ? Guid.NewGuid().ToString().ToUpperInvariant() : Guid.NewGuid().ToString()) + "'";
        var caseId = NewId();
        // Braces would read as EF's format placeholders: the empty JSON object is spelled by character codes.
        var emptyJson = sqlite ? "char(123) || char(125)" : "chr(123) || chr(125)";
        var no = sqlite ? "0" : "false";
        var rows = $"""
            INSERT INTO "Customers" ("Id", "OrganizationId", "Kind", "Name", "City", "Attributes", "Country", "SearchText", "NeedsReview", "CreatedAt", "UpdatedAt")
            VALUES ({NewId()}, {org}, 1, 'Pasticceria Perché S.r.l.', 'Forlì', {emptyJson}, 'IT', '', {no}, {now}, {now});
            INSERT INTO "Cases" ("Id", "OrganizationId", "Number", "Subject", "Status", "Type", "Priority", "Channel", "IsComplaint", "ReopenCount",
                "CreatedAt", "UpdatedAt", "LastActivityAt", "FirstResponseDueAt", "ResolutionDueAt")
            VALUES ({caseId}, {org}, 1, 'Torta consegnata rotta', 1, 1, 2, 1, {no}, 0, {now}, {now}, {now}, {now}, {now});
            INSERT INTO "CaseEntries" ("Id", "OrganizationId", "CaseId", "Kind", "At", "Text")
            VALUES ({NewId()}, {org}, {caseId}, 1, {now}, 'Le fatture della città arrivano sempre tardi');
            """;
        await db.Database.ExecuteSqlRawAsync(rows);   // ids and literals made above, nothing typed

        await migrator.MigrateAsync(migrations[deskSearch]);

        var counts = sqlite
            ? """
                SELECT (SELECT count(*) FROM "CustomersSearch" WHERE "CustomersSearch" MATCH '"perche"* "forli"*')
                     + (SELECT count(*) FROM "CasesSearch" WHERE "CasesSearch" MATCH '"consegn"*')
                     + (SELECT count(*) FROM "CaseEntriesSearch" WHERE "CaseEntriesSearch" MATCH '"fattur"* "citt"*') AS "Value"
                """
            : """
                SELECT ((SELECT count(*) FROM "Customers" WHERE "SearchVector" @@ to_tsquery('cerchio_italian', '''perche'':* & ''forli'''))
                     + (SELECT count(*) FROM "Cases" WHERE "SearchVector" @@ to_tsquery('cerchio_italian', '''consegne'':*'))
                     + (SELECT count(*) FROM "CaseEntries" WHERE "SearchVector" @@ to_tsquery('cerchio_italian', '''fattura'' & ''citta''')))::int AS "Value"
                """;
        Assert.Equal(3, await db.Database.SqlQueryRaw<int>(counts).SingleAsync());

        await migrator.MigrateAsync(before);
        var left = sqlite
            ? """SELECT count(*) AS "Value" FROM sqlite_master WHERE name LIKE '%Search%' AND name NOT LIKE 'IX_%'"""
            : """SELECT count(*)::int AS "Value" FROM information_schema.columns WHERE column_name = 'SearchVector'""";
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>(left).SingleAsync());

        // And up again, as a redeploy would.
        await migrator.MigrateAsync(migrations[deskSearch]);
        Assert.Equal(3, await db.Database.SqlQueryRaw<int>(counts).SingleAsync());
    }
}

public sealed class DeskSearchOnSqlite(SqliteApp app) : DeskSearchTests(app), IClassFixture<SqliteApp>;

public sealed class DeskSearchOnPostgres(PostgresApp app) : DeskSearchTests(app), IClassFixture<PostgresApp>;
