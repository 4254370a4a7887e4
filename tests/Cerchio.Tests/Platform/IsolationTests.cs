using Cerchio.Data.Outbox;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Customers.Domain;
using Cerchio.Customers.Features.ImportCustomers;
using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Platform;

/// <summary>
/// Organization A never reads or changes organization B's data. Walks every endpoint and page the app maps
/// (from the endpoint data source, so new ones are covered without editing this test), calls it as A with
/// B's ids, and checks: no B text in any answer, B's ids answer 404, and every row of B is unchanged.
/// </summary>
public abstract partial class IsolationTests(AppFixture app)
{
    /// <summary>Written into every record of B; must never appear in anything A receives.</summary>
    private const string Secret = "Zqx9Segreto";

    /// <summary>
    /// Endpoints whose job is to work without an organization (sign-in, set-up, errors, health, the API description),
    /// the invitation link, whose 32 random bytes are themselves the permission to see that one invitation, and the
    /// public contact form, which shows any organization's form to anyone by design (ContactFormTests proves a post to
    /// B's form opens a case in B only, whoever sends it), and the public help page, which shows any organization's
    /// public articles to anyone by design (HelpCenterTests proves it shows nothing else, nor another's articles).
    /// </summary>
    private static readonly string[] Public =
    [
        "/accedi", "/configurazione", "/errore", "/accesso-negato", "/non-trovato", "/health/live", "/health/ready", "/openapi/{documentName}.json", "/esci", "/lingua", "/invito/{Token}", "/contatti/{Slug}",
        "/aiuto/{Slug}", "/aiuto/{Slug}/{ArticleId:guid}", "/aiuto/{slug}/{articleId:guid}/allegati/{articleFileId:guid}",
        "/condivisa/viaggi/{Token}",   // a journey's read-only link: the token is the whole key (JourneyShareTests)
        "/r/{token}", "/r/{token}/disiscrivi", "/s/{key}",   // a survey's response pages: the invitation's token or the survey's key is the whole permission (SurveysTests)
        "/s/{key}/widget.js",   // the website's survey button: only what the public page shows (WidgetTests)
        "/logo/{logoOrganizationId:guid}/{logoVersion:long}",   // an organization's logo, which its survey pages show to anyone (OrganizationLogoTests)
    ];

    private sealed record Tenant(TestOrganization Org, Dictionary<string, string> Ids);

    [Fact]
    public async Task OrganizationA_NeverReadsOrChangesOrganizationB()
    {
        var a = await SeedAsync("Isola A S.r.l.", "Alfa");
        var b = await SeedAsync($"Isola B {Secret} S.r.l.", Secret);
        var before = await SnapshotAsync(b.Org.Id);

        var adminA = await a.Org.SignInAsync();
        var apiA = a.Org.Api();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !Public.Contains(raw))
            .ToList();
        var checkedRoutes = new List<string>();
        var failures = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var raw = endpoint.RoutePattern.RawText!;
            var isApi = raw.StartsWith("/api/", StringComparison.Ordinal);
            var client = isApi ? apiA : adminA;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var names = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var unknown = names.Where(n => !b.Ids.ContainsKey(n.ToLowerInvariant())).ToList();
            if (unknown.Count > 0)
            {
                failures.Add($"{raw}: no test record for route parameter(s) {string.Join(", ", unknown)} — add one to SeedAsync");
                continue;
            }

            var urlB = Url(raw, b.Ids);
            var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            foreach (var method in methods.Distinct())
            {
                checkedRoutes.Add($"{method} {raw}");
                HttpResponseMessage response;
                if (method == "GET")
                {
                    response = await client.GetAsync(urlB);
                }
                else if (isPage)
                {
                    // The page's own forms, taken from A's copy of the page, posted at B's record.
                    var page = await Html.GetAsync(client, Url(raw, a.Ids));
                    var path = new Uri(new Uri(page.Url), Url(raw, a.Ids)).AbsolutePath;
                    foreach (var form in page.QuerySelectorAll<IHtmlFormElement>("form[method=post]")
                        .Where(f => string.IsNullOrEmpty(f.GetAttribute("action")) || new Uri(new Uri(page.Url), f.GetAttribute("action")!).AbsolutePath == path))
                    {
                        var fields = Html.FormValues(form, fillEmpty: true);
                        var post = await client.PostAsync(urlB, new FormUrlEncodedContent(fields));
                        await CheckAsync(post, $"POST {raw} (form {fields.FirstOrDefault(f => f.Key == "_handler").Value})", names.Count > 0, failures);
                    }

                    continue;
                }
                else if (isApi)
                {
                    response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), urlB) { Content = JsonContent.Create(ApiBody(b)) });
                }
                else
                {
                    // Plain form posts (switch organization, fragments…): every id-like field names a record of B.
                    var token = await AntiforgeryAsync(client);
                    var fields = b.Ids.ToDictionary(kv => kv.Key, kv => kv.Value);
                    fields["__RequestVerificationToken"] = token;
                    response = await client.PostAsync(urlB, new FormUrlEncodedContent(fields));
                }

                await CheckAsync(response, $"{method} {raw}", names.Count > 0, failures);
            }
        }

        Assert.True(checkedRoutes.Count >= 20, "Too few endpoints were checked: " + string.Join(", ", checkedRoutes));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await SnapshotAsync(b.Org.Id));
    }

    private static async Task CheckAsync(HttpResponseMessage response, string what, bool namesARecord, List<string> failures)
    {
        var body = await ReadableBodyAsync(response);
        if (body.Contains(Secret, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{what}: the answer contains organization B's data ({(int)response.StatusCode})");
        }

        if (namesARecord && response.IsSuccessStatusCode)
        {
            failures.Add($"{what}: answered {(int)response.StatusCode} for another organization's record (expected 404)");
        }
    }

    /// <summary>The text of an answer, with spreadsheets unzipped so their cells can be searched.</summary>
    private static async Task<string> ReadableBodyAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K')
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            var text = new StringBuilder();
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                text.Append(await reader.ReadToEndAsync());
            }

            return text.ToString();
        }

        return Encoding.UTF8.GetString(bytes) + string.Join(" ", response.Headers.Select(h => string.Join(",", h.Value)));
    }

    private static object ApiBody(Tenant b) => new
    {
        name = "Intruso S.r.l.",
        first_name = "Intruso",
        last_name = "Intruso",
        email = "intruso@example.test",
        // A case for B's customer, a status or a note for B's case: all must miss.
        subject = "Intrusione",
        customer = new { external_id = b.Ids["externalid"] },
        channel = "api",
        status = "resolved",
        text = "Intruso",
        events = new[] { new { id = "intruso-1", type = "call", customer = new { external_id = b.Ids["externalid"] }, occurred_at = "2026-10-01T08:00:00Z" } },
    };

    private static async Task<string> AntiforgeryAsync(HttpClient client)
    {
        var home = await Html.GetAsync(client, "/");   // the layout's forms carry a token on every page
        return home.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value ?? "";
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();

    private static string Url(string pattern, Dictionary<string, string> ids) =>
        RouteParameter().Replace(pattern, m => Uri.EscapeDataString(ids[m.Groups[1].Value.ToLowerInvariant()]));

    private async Task<Tenant> SeedAsync(string name, string tag)
    {
        var (org, ids) = await EveryKindOfRecord.SeedAsync(app, name, tag);
        return new Tenant(org, ids);
    }

    /// <summary>Every row of every organization-scoped table that belongs to the organization, as text.</summary>
    private async Task<string> SnapshotAsync(Guid organizationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
        var text = new StringBuilder();
        foreach (var entity in db.Model.GetEntityTypes().Where(t => typeof(IOrganizationScoped).IsAssignableFrom(t.ClrType)).OrderBy(t => t.Name))
        {
            var rows = await Rows(db, entity.ClrType, organizationId);
            text.AppendLine($"{entity.ClrType.Name}: {rows.Count}");
            // Sorted by their own text: the database's order changes when PostgreSQL's autovacuum picks another plan.
            // The email outbox's bookkeeping is the background sender's, not a request's: its retries (no SMTP server in
            // organization B) may fall inside the walk.
            var properties = entity.GetProperties().Where(p => entity.ClrType != typeof(OutgoingEmail) || p.Name is not (nameof(OutgoingEmail.Attempts) or nameof(OutgoingEmail.LastError))).ToList();
            var lines = rows.Select(row => string.Join("|", properties.Select(p => p.PropertyInfo?.GetValue(row) is byte[] bytes ? Convert.ToBase64String(bytes) : p.PropertyInfo?.GetValue(row)?.ToString())));
            foreach (var line in lines.Order(StringComparer.Ordinal))
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    private static async Task<List<object>> Rows(CerchioDb db, Type type, Guid organizationId)
    {
        var method = typeof(IsolationTests).GetMethod(nameof(RowsOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(type);
        return await (Task<List<object>>)method.Invoke(null, [db, organizationId])!;
    }

    private static async Task<List<object>> RowsOf<T>(CerchioDb db, Guid organizationId) where T : class, IOrganizationScoped =>
        (await db.Set<T>().IgnoreQueryFilters().AsNoTracking().Where(e => e.OrganizationId == organizationId).ToListAsync())
            .Cast<object>().ToList();
}

public sealed class IsolationTestsOnSqlite(SqliteApp app) : IsolationTests(app), IClassFixture<SqliteApp>;

public sealed class IsolationTestsOnPostgres(PostgresApp app) : IsolationTests(app), IClassFixture<PostgresApp>;
