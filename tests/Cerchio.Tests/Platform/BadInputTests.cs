using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Organizations.Domain;
using Cerchio.Tests.Infrastructure;
using Cerchio.Ui.Export;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Platform;

/// <summary>The findings of the bad-input review, each reproduced as it was found (issue 5).</summary>
public abstract class BadInputTests(AppFixture app)
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), body);
        return problem;
    }

    private async Task<int> CustomerCountAsync(TestOrganization org) => (await org.Api().GetFromJsonAsync<JsonElement>("/api/v1/customers")).GetProperty("total").GetInt32();

    [Theory]
    [InlineData("{\"name\": \"x\",", "riga 1")]
    [InlineData("", "body")]
    [InlineData("[1,2,3]", "riga 1")]
    [InlineData("null", "")]
    [InlineData("{\"name\": 123}", "$.name")]
    [InlineData("{\n  \"name\": \"Rossi\",\n  \"email\": tru\n}", "riga 3")]
    public async Task MalformedBodies_Are400_WithADetailNamingThePlace(string body, string place)
    {
        var org = await app.CreateOrganizationAsync("Json Rotto S.r.l.");
        var response = await org.Api().PostAsync("/api/v1/customers", Json(body));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(place, problem.GetProperty("detail").GetString());
        Assert.Equal(0, await CustomerCountAsync(org));
    }

    [Fact]
    public async Task DeepNesting_And_MissingContentType_AreRefusedWithADetail()
    {
        var org = await app.CreateOrganizationAsync("Json Profondo S.r.l.");
        var deep = "{\"name\":\"x\",\"attributes\":" + new string('[', 100) + new string(']', 100) + "}";
        await ProblemAsync(await org.Api().PostAsync("/api/v1/customers", Json(deep)), HttpStatusCode.BadRequest);
        var plain = new StringContent("{\"name\":\"Rossi S.r.l.\"}", Encoding.UTF8);
        plain.Headers.ContentType = null;
        await ProblemAsync(await org.Api().PostAsync("/api/v1/customers", plain), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, await CustomerCountAsync(org));
    }

    [Theory]
    [InlineData("\\u0000")]
    [InlineData("\\u0007")]
    [InlineData("\\udc00")]
    [InlineData("\\ud800x")]
    public async Task ControlCharactersAndBrokenUnicode_InAnyText_Are400_OnBothDatabases(string escaped)
    {
        var org = await app.CreateOrganizationAsync("Testo Strano S.r.l.");
        var api = org.Api();
        var customer = await ProblemAsync(await api.PostAsync("/api/v1/customers", Json($"{{\"name\": \"Rossi{escaped}\"}}")), HttpStatusCode.BadRequest);
        Assert.Contains("$.name", customer.GetProperty("detail").GetString());
        await ProblemAsync(await api.PostAsync("/api/v1/customers", Json($"{{\"name\": \"Rossi\", \"attributes\": {{\"no{escaped}ta\": \"x\"}}}}")), HttpStatusCode.BadRequest);
        Assert.Equal(0, await CustomerCountAsync(org));

        var created = await (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Rossi S.r.l." })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        await ProblemAsync(await api.PostAsync($"/api/v1/customers/{id}/contacts", Json($"{{\"first_name\": \"Ma{escaped}ria\", \"last_name\": \"Rossi\"}}")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task NulInAQueryValue_IsRefused_BeforeTheDatabaseSeesIt()
    {
        var org = await app.CreateOrganizationAsync("Query Nul S.r.l.");
        var problem = await ProblemAsync(await org.Api().GetAsync("/api/v1/customers?q=ab%00c"), HttpStatusCode.BadRequest);
        Assert.Contains("q", problem.GetProperty("detail").GetString());
        var page = await (await org.SignInAsync()).GetAsync("/clienti?q=ab%00c");
        var body = await page.Content.ReadAsStringAsync();
        Assert.True(HttpStatusCode.BadRequest == page.StatusCode, body);
        Assert.Contains("U+0000", body.Replace("&#x2B;", "+", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EventsBatch_AnItemWithBadText_IsRejectedAlone_TheGoodOnesAreStored()
    {
        var org = await app.CreateOrganizationAsync("Eventi Strani S.r.l.");
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        static string Item(string id, string summary, string props = "{}") =>
            $"{{\"id\":\"{id}\",\"type\":\"call\",\"customer\":{{\"external_id\":\"CLI-1\"}},\"occurred_at\":\"2026-10-01T09:00:00Z\",\"summary\":\"{summary}\",\"properties\":{props}}}";
        var head = Encoding.UTF8.GetBytes("{\"events\":[" + Item("ok-1", "buono") + "," + Item("bad-utf8", "xx"));
        // Raw invalid UTF-8 bytes inside a string: 0xC3 0x28 is not a character.
        var broken = new List<byte>(head);
        broken.InsertRange(broken.Count - "\",\"properties\":{}}".Length - 2, new byte[] { 0xC3, 0x28 });
        broken.AddRange(Encoding.UTF8.GetBytes("," + Item("bad-surrogate", "\\udc00") + "," + Item("bad-nul", "a\\u0000b") + ","
            + Item("bad-props", "ok", "{\"k\":\"\\u0000\"}") + "," + Item("ok-2", "buono anche questo") + "]}"));
        var content = new ByteArrayContent(broken.ToArray());
        content.Headers.ContentType = new("application/json");
        var response = await api.PostAsync("/api/v1/events", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var result = JsonDocument.Parse(body).RootElement;
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        Assert.Equal(4, result.GetProperty("rejected").GetInt32());
        var statuses = result.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("status").GetString());
        Assert.Equal(["accepted", "rejected", "rejected", "rejected", "rejected", "accepted"], statuses.OrderBy(s => s.Key).Select(s => s.Value));
        Assert.Contains("summary", result.GetProperty("results")[3].GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task EventsBatch_AnIdAfterARejectedItem_IsStored_NotCalledADuplicate()
    {
        var org = await app.CreateOrganizationAsync("Eventi Ripetuti S.r.l.");
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        var response = await api.PostAsJsonAsync("/api/v1/events", new
        {
            events = new[]
            {
                new { id = "erp-77", type = "call", customer = new { external_id = "CLI-404" }, occurred_at = "2026-10-01T09:00:00Z" },
                new { id = "erp-77", type = "call", customer = new { external_id = "CLI-1" }, occurred_at = "2026-10-01T09:00:00Z" },
                new { id = "erp-77", type = "call", customer = new { external_id = "CLI-1" }, occurred_at = "2026-10-01T09:00:00Z" },
            },
        });
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, result.GetProperty("rejected").GetInt32());
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(1, result.GetProperty("duplicates").GetInt32());
        Assert.Equal("accepted", result.GetProperty("results")[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task ConcurrentCreates_WithTheSameExternalId_OneWins_EveryLoserGetsTheSame400()
    {
        var org = await app.CreateOrganizationAsync("Gara S.r.l.");
        var api = org.Api();
        for (var round = 0; round < 3; round++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => api.PostAsJsonAsync("/api/v1/customers", new { name = $"Gara {i}", external_id = $"RACE-{round}" })));
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            {
                var problem = await ProblemAsync(loser, HttpStatusCode.BadRequest);
                Assert.True(problem.GetProperty("errors").TryGetProperty("ExternalId", out _), problem.ToString());
            }
        }
    }

    [Fact]
    public async Task PageFarPastTheEnd_IsEmpty_NotTheFirstPageAgain()
    {
        var org = await app.CreateOrganizationAsync("Pagine Lontane S.r.l.");
        var api = org.Api();
        var created = await (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Unico S.r.l." })).Content.ReadFromJsonAsync<JsonElement>();
        var far = await api.GetFromJsonAsync<JsonElement>("/api/v1/customers?page=2147483647&page_size=200");
        Assert.Equal(0, far.GetProperty("items").GetArrayLength());
        Assert.Equal(1, far.GetProperty("total").GetInt32());
        var timeline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{created.GetProperty("id").GetString()}/timeline?page=2147483647&page_size=200");
        Assert.Equal(0, timeline.GetProperty("items").GetArrayLength());
        var page = await (await org.SignInAsync()).GetAsync("/clienti?pagina=2147483647");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("Unico S.r.l.", await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/clienti?pagina=abc")]
    [InlineData("/clienti?pagina=99999999999")]
    [InlineData("/amministrazione/registro?pagina=1.5")]
    public async Task Pages_WithAQueryValueOfTheWrongKind_Are400_WithAPageThatSaysWhich(string url)
    {
        var org = await app.CreateOrganizationAsync("Pagina Sbagliata S.r.l.");
        var response = await (await org.SignInAsync()).GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("pagina", page.QuerySelector("[role=alert]")!.TextContent);
    }

    [Theory]
    [InlineData("al=9999-12-31")]
    [InlineData("dal=0001-01-01")]
    [InlineData("dal=0001-01-01&al=9999-12-31")]
    public async Task AuditLog_AtTheEdgesOfTheCalendar_Answers(string filter)
    {
        var org = await app.CreateOrganizationAsync("Calendario S.r.l.");
        var admin = await org.SignInAsync();
        var page = await admin.GetAsync("/amministrazione/registro?" + filter);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("<span>0 modifiche</span>", await page.Content.ReadAsStringAsync());   // the organization's creation is in range
        var csv = await admin.GetAsync("/amministrazione/registro/export.csv?" + filter);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
    }

    [Fact]
    public async Task LanguageSwitch_BackToAnAddressWithAccents_Works()
    {
        var org = await app.CreateOrganizationAsync("Caffè S.r.l.");
        var client = app.Browser();
        var page = await Html.GetAsync(client, "/accedi");
        var form = page.QuerySelector<IHtmlFormElement>("form[action='/lingua']")!;
        var response = await Html.PostFormAsync(client, form, new() { ["language"] = "en", ["returnUrl"] = "/clienti?q=caffè" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/clienti?q=caff%C3%A8", Html.LocationPath(response));
        Assert.True((int)(await client.GetAsync(Html.LocationPath(response))).StatusCode < 500);
    }

    [Fact]
    public async Task Invitation_WithADepartmentThatIsNotAnId_IsRefused_NotCreatedWithoutOne()
    {
        var org = await app.CreateOrganizationAsync("Inviti Rotti S.r.l.");
        var admin = await org.SignInAsync();
        var page = await Html.GetAsync(admin, "/amministrazione/persone");
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").First(f => f.QuerySelector("[name='Input.DepartmentId']") is not null);
        var response = await Html.PostFormAsync(admin, form, new() { ["Input.Email"] = "nuovo@inviti.test", ["Input.DepartmentId"] = "non-un-id" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Input.DepartmentId", await response.Content.ReadAsStringAsync());
        var invitations = await app.InOrganizationAsync(org.Id, s => s.GetRequiredService<Cerchio.Data.CerchioDb>().Set<Invitation>().CountAsync());
        Assert.Equal(0, invitations);
    }

    [Fact]
    public async Task CsvExport_QuotesFieldsWithEitherSeparator()
    {
        using var output = new MemoryStream();
        await TabularExport.WriteCsvAsync(output, ["Nome", "Città"], Rows(["Rossi, Bianchi & C.", "Roma"], ["Verdi; Neri", "Tab\there"], ["Semplice", "Milano"]));
        var text = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF');
        Assert.Equal("Nome;Città\r\n\"Rossi, Bianchi & C.\";Roma\r\n\"Verdi; Neri\";\"Tab\there\"\r\nSemplice;Milano\r\n", text);

        static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(params string?[][] rows)
        {
            foreach (var row in rows)
            {
                yield return row;
            }

            await Task.CompletedTask;
        }
    }
}

public sealed class BadInputTestsOnSqlite(SqliteApp app) : BadInputTests(app), IClassFixture<SqliteApp>;

public sealed class BadInputTestsOnPostgres(PostgresApp app) : BadInputTests(app), IClassFixture<PostgresApp>;
