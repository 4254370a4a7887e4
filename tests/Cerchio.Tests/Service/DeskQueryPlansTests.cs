using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Features.TouchpointDays;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

/// <summary>
/// The desk's pages ask SQLite questions its planner answers well without statistics (Cerchio never runs ANALYZE).
/// Without them, an equality on OrganizationId — which the organization filter adds to every query — looks as selective
/// as any other, so the planner may walk a whole organization's rows through an index led by OrganizationId, or sort by
/// walking one: fast on a test database, seconds at a million cases (bench/README.md). Each query the pages run is
/// explained on the same file with the same parameters; none may scan a table or walk the organization's rows of a
/// large table unless it is a keyset page (a LIMIT read in the order of one of the inbox's own indexes).
/// SQLite only: PostgreSQL plans from its statistics, which a test database does not have in a meaningful form.
/// </summary>
public sealed partial class DeskQueryPlansTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>Tables that grow with the business: a walk over all of an organization's rows is a bug at scale.</summary>
    private static readonly string[] Large =
        ["Cases", "CaseEntries", "CaseAttachments", "HandOffs", "Customers", "Contacts", "TimelineEvents", "Notifications", "InboundEmails", "OutgoingEmails", "AuditEntries", "TouchpointDays", "TouchpointDayMarks"];

    /// <summary>The inbox's keyset orders: a first page reads them from the top and stops at its LIMIT.</summary>
    private static readonly string[] KeysetIndexes =
        ["IX_Cases_OrganizationId_SlaDueAt_Id", "IX_Cases_OrganizationId_CreatedAt_Id", "IX_Cases_OrganizationId_LastActivityAt_Id"];

    [Fact]
    public async Task DeskPages_NeitherScanNorWalkAWholeOrganization()
    {
        var org = await app.CreateOrganizationAsync("Piani Query S.r.l.", ("agente@piani.test", Role.Agent));
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Cliente Piani", external_id = "P-1", email = "cliente@piani.test", attributes = new Dictionary<string, string> { ["settore"] = "edilizia" } })).EnsureSuccessStatusCode();
        var first = await OpenAsync(api, "Divano graffiato alla consegna");
        var second = await OpenAsync(api, "Ancora sul divano graffiato");
        var third = await OpenAsync(api, "Fattura errata", type: "complaint");
        // More customers on the inbox's page than SQLite's default guess of rows per organization (10): a lookup of
        // many ids then looks costlier than walking the organization, unless it goes by the key alone.
        for (var i = 2; i <= 13; i++)
        {
            (await api.PostAsJsonAsync("/api/v1/customers", new { name = $"Cliente Piani {i}", external_id = $"P-{i}" })).EnsureSuccessStatusCode();
            await OpenAsync(api, $"Richiesta {i}", customer: $"P-{i}");
        }
        var it = await app.InOrganizationAsync(org.Id, async sp => (await sp.GetRequiredService<IOrganizationDirectory>().DepartmentsAsync()).Single(d => d.Name == "IT").Id);
        (await api.PostAsJsonAsync($"/api/v1/cases/{first}/hand-offs", new { department_id = it, text = "Verificate il trasporto." })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/v1/cases/{first}/notes", new { text = "Il cliente chiede un tecnico." })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/v1/cases/{second}/merge", new { into = first })).EnsureSuccessStatusCode();

        var client = await org.SignInAsync(Role.Agent);
        using var commands = new RequestCommands();
        string[] pages =
        [
            "/", "/assistenza", "/assistenza?vista=mie", "/assistenza?vista=non-assegnate", "/assistenza?vista=reparto",
            "/assistenza?vista=in-scadenza", "/assistenza?vista=reclami", "/assistenza?vista=risolte", "/assistenza?vista=attesa-cliente",
            "/assistenza?vista=tutte", "/assistenza?vista=tutte&touchpoint=consegna&dal=2026-11-09&al=2026-11-15&reclami=true",
            "/assistenza?vista=tutte&touchpoint=consegna&dal=2026-11-09&al=2026-11-15&attributo=settore&valore=edilizia",
            "/assistenza?ordine=attivita", "/assistenza?ordine=creazione", "/assistenza?priorita=alta&canale=email",
            $"/assistenza/pratiche/{first}", $"/assistenza/pratiche/{second}", $"/assistenza/pratiche/{third}",
            "/assistenza/attivita", "/assistenza/reclami", "/assistenza/cerca?q=divano", "/notifiche",
        ];
        foreach (var page in pages)
        {
            await commands.GetAsync(client, page);
        }

        // The journey map's numbers per touchpoint: from the cases alone while the touchpoint days are not built; once
        // built, from the stored days, their marks, the open cases and the cases of the edges and of a marked day.
        var year = $"/api/v1/touchpoints/metrics?from={DateTime.UtcNow.AddDays(-364):yyyy-MM-dd}&to={DateTime.UtcNow:yyyy-MM-dd}";
        await commands.GetAsync(api, year);
        // Cut to a persona's customers: from their cases alone.
        var persona = (await (await api.PostAsJsonAsync("/api/v1/personas", new { name = "Impresa edile", match_attribute = "settore", match_value = "edilizia" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await commands.GetAsync(api, $"{year}&persona={persona}");
        await app.Services.GetRequiredService<TouchpointDaysPass>().RunForAsync(org.Id, CancellationToken.None);
        (await api.PostAsJsonAsync($"/api/v1/cases/{third}/status", new { status = "resolved" })).EnsureSuccessStatusCode();
        await commands.GetAsync(api, year);

        var queries = commands.Commands.Where(c => c.Text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || c.Text.TrimStart().StartsWith("WITH", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(queries.Count > pages.Length, "the recorder saw too few queries");
        var bad = new List<string>();
        await using var scope = app.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<CerchioDb>().Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var query in queries.DistinctBy(q => q.Text))
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + query.Text;
            foreach (var (name, value) in query.Parameters)
            {
                var parameter = explain.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                explain.Parameters.Add(parameter);
            }

            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(3));
                }
            }

            if (Refusal(query.Text, plan) is { } why)
            {
                bad.Add($"{why}\n  {Regex.Replace(query.Text, @"\s+", " ")}\n  {string.Join("\n  ", plan)}");
            }
        }

        Assert.True(bad.Count == 0, string.Join("\n\n", bad));
    }

    /// <summary>
    /// Walks that are the point of the query: the home page counts the organization's customers (an index read end to
    /// end, about 100,000 entries at the benchmark's largest scale).
    /// </summary>
    private static readonly string[] Meant = ["SELECT COUNT(*) FROM \"Customers\" AS \"c\" WHERE \"c\".\"OrganizationId\" = @ef_filter__CurrentOrganizationId AND \"c\".\"MergedIntoId\" IS NULL"];

    /// <summary>Why this plan would not hold at scale, or null.</summary>
    private static string? Refusal(string sql, List<string> plan)
    {
        // "WHERE 0" (an empty IN list) reads nothing whatever the plan says; a walk that is the point is not a mistake.
        if (Regex.IsMatch(sql, @"\bWHERE 0\b") || Meant.Contains(Regex.Replace(sql, @"\s+", " ").Trim()))
        {
            return null;
        }

        foreach (var line in plan)
        {
            // A full scan: "SCAN c", "SCAN c USING INDEX …", "SCAN c USING COVERING INDEX …" (not the constant row of a sub-select).
            if (Scan().Match(line) is { Success: true } scan && scan.Groups[1].Value != "CONSTANT")
            {
                return "a scan";
            }

            // An index walked with only the organization known: every one of its rows in that table.
            if (OrganizationOnly().Match(line) is { Success: true } walk && Large.Contains(walk.Groups[2].Value))
            {
                var keyset = KeysetIndexes.Contains(walk.Groups[1].Value) && sql.Contains("LIMIT", StringComparison.Ordinal) && !plan.Any(l => l.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
                if (!keyset)
                {
                    return $"all of the organization's {walk.Groups[2].Value} through {walk.Groups[1].Value}";
                }
            }
        }

        return null;
    }

    private static async Task<int> OpenAsync(HttpClient api, string subject, string? type = null, string customer = "P-1") =>
        (await (await api.PostAsJsonAsync("/api/v1/cases", new { subject, customer = new { external_id = customer }, channel = "email", type, text = "Buongiorno, il divano è arrivato graffiato." }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();

    [GeneratedRegex(@"^SCAN (\S+)")]
    private static partial Regex Scan();

    [GeneratedRegex(@"USING (?:COVERING )?INDEX (IX_([A-Za-z]+)_OrganizationId\S*) \(OrganizationId=\?\)$")]
    private static partial Regex OrganizationOnly();
}
