using System.Data.Common;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cerchio.Tests.Platform;

/// <summary>
/// Bad input never hurts (issue 5). Walks every endpoint and every form the app maps — from the endpoint data source,
/// like the isolation test, so a new one is covered without editing this test — and sends each a family of bad
/// inputs: malformed, truncated and mistyped JSON, empty and null bodies, wrong content types, deep nesting, huge
/// strings, invalid UTF-8, lone surrogates, NUL and control characters, out-of-range numbers and dates, unknown and
/// foreign ids, bad values for every query parameter and form field, forms without their antiforgery token.
/// It asserts: never a 5xx, never a hang, problem details with a detail on the API, and no row changed by a refusal.
/// Runs in the environment of the README's `dotnet run` (Development), like every fixture.
/// </summary>
public abstract partial class BadInputHarnessTests(AppFixture app)
{
    /// <summary>What is not sent the whole family, and why. Everything else is.</summary>
    private static readonly Dictionary<string, string> NotCovered = new()
    {
        ["POST /esci"] = "signing out ends the harness's own session: only the post without an antiforgery token is sent (it must be refused)",
    };

    /// <summary>
    /// Public forms whose address carries its own permission instead of an antiforgery token: a post for a token that
    /// finds nothing is 404, as a GET of it is (the token here is not a real one; SurveysTests posts to real ones).
    /// </summary>
    private static readonly Dictionary<string, string> PermissionInTheAddress = new()
    {
        ["POST /r/{token}"] = "a survey invitation's link: 43 random characters are the permission to answer that one invitation",
        ["POST /r/{token}/disiscrivi"] = "the same link's unsubscribe (RFC 8058 one-click posts carry no token of ours)",
    };

    /// <summary>Tables ("Table") and columns ("Table.Column") that any request may change, refused or not, and why.</summary>
    private static readonly Dictionary<string, string> ChangedByAnyRequest = new()
    {
        ["SignInSessions"] = "the cookie's session is renewed (new expiry, re-validated security stamp) on whatever request comes when it is due",
        ["ApiKeys.LastUsedAt"] = "a key's last use is stamped, at most once a minute, on whatever request presents it",
        // A refused request that published anything would still show in ModuleEvents, which is compared.
        ["ModuleEventDeliveries"] = "the outbox delivers earlier requests' events in the background, whenever their turn comes",
        ["OutgoingEmails"] = "the outbox sends earlier requests' mail in the background and records each attempt",
    };

    /// <summary>Query names the app reads by hand (exports, fragments) besides those an endpoint declares.</summary>
    private static readonly string[] CommonQueryNames = ["q", "page", "page_size", "pagina", "tipo", "dal", "al", "autore"];

    private static readonly string[] BadValues =
    [
        "abc", "-1", "0", "2147483648", "99999999999999999999", "1.5", "9999-12-31", "0001-01-01", "\0", "\u0007x", new string('x', 5000),
    ];

    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(30);

    private readonly List<string> _failures = [];
    private int _requests;

    [Fact]
    public async Task EveryEndpointAndForm_RefusesBadInput_WithA4xx_AndChangesNothing()
    {
        var (a, idsA) = await EveryKindOfRecord.SeedAsync(app, "Dati Cattivi A S.r.l.", "Alfa");
        var (_, idsB) = await EveryKindOfRecord.SeedAsync(app, "Dati Cattivi B S.r.l.", "Beta");
        var api = a.Api();
        var pages = await a.SignInAsync();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null)
            .OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal)
            .ToList();

        // Reads first: they must change nothing at all, whatever they answer.
        var before = await SnapshotAsync();
        foreach (var endpoint in endpoints.Where(e => Methods(e).Contains("GET")))
        {
            await ReadsAsync(endpoint, IsApi(endpoint) ? api : pages, idsA, idsB);
        }

        Assert.True(_failures.Count == 0, Report());
        Assert.Equal(before, await SnapshotAsync());

        // Then the API's writes (before the pages' forms, which may revoke an API key), then every form post.
        foreach (var endpoint in endpoints.Where(IsApi))
        {
            foreach (var method in Methods(endpoint).Where(m => m != "GET"))
            {
                await ApiWritesAsync(endpoint, method, api, idsA, idsB);
            }
        }

        foreach (var endpoint in endpoints.Where(e => !IsApi(e) && Methods(e).Contains("POST")))
        {
            await FormPostsAsync(endpoint, pages, a, idsA);
        }

        Assert.True(_requests > 2000, $"Only {_requests} bad requests were sent: the walk missed endpoints.");
        Assert.True(_failures.Count == 0, Report());
    }

    private string Report() => $"{_failures.Count} problems in {_requests} requests:\n" + string.Join("\n", _failures.Distinct().Take(80));

    private static bool IsApi(RouteEndpoint e) => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal);

    private static IReadOnlyList<string> Methods(RouteEndpoint e) => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];

    // ---- reads -------------------------------------------------------------------------------------------------

    private async Task ReadsAsync(RouteEndpoint endpoint, HttpClient client, Dictionary<string, string> ids, Dictionary<string, string> foreign)
    {
        var raw = endpoint.RoutePattern.RawText!;
        if (Url(raw, ids) is not { } url)
        {
            _failures.Add($"{raw}: no test record for its route parameters — add one to EveryKindOfRecord");
            return;
        }

        foreach (var bad in RouteVariants(endpoint, ids, foreign))
        {
            await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, bad.Url), $"GET {raw} [{bad.What}]", IsApi(endpoint), expectRefusal: false);
        }

        foreach (var name in QueryNames(endpoint).Concat(CommonQueryNames).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            foreach (var value in BadValues)
            {
                var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
                var target = $"{url}{separator}{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
                await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, target), $"GET {raw}?{name}={Shorten(value)}", IsApi(endpoint), expectRefusal: false);
            }

            // Raw bytes that are not UTF-8 at all.
            await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, $"{url}?{name}=%C3%28%FF"), $"GET {raw}?{name}=<invalid UTF-8>", IsApi(endpoint), expectRefusal: false);
        }
    }

    /// <summary>The query parameters an endpoint declares: a page's [SupplyParameterFromQuery], a handler's simple parameters.</summary>
    private static IEnumerable<string> QueryNames(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page)
        {
            return page.Type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(p => (p.Name, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
                .Where(p => p.Attribute is not null)
                .Select(p => p.Attribute!.Name ?? p.Name);
        }

        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Handler(endpoint)?.GetParameters()
            .Where(p => p.GetCustomAttribute<FromQueryAttribute>() is not null
                || (IsSimple(p.ParameterType) && !routeNames.Contains(p.Name!) && p.GetCustomAttributes().All(a => a is not (FromFormAttribute or FromRouteAttribute or FromServicesAttribute or FromBodyAttribute))))
            .Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!) ?? [];
    }

    private static MethodInfo? Handler(RouteEndpoint endpoint) => endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault();

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t.IsPrimitive || t.IsEnum || t == typeof(decimal) || t == typeof(Guid)
            || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(DateOnly);
    }

    private sealed record Variant(string Url, string What);

    /// <summary>The endpoint's URL with one route parameter at a time replaced by a bad, unknown or foreign value.</summary>
    private static IEnumerable<Variant> RouteVariants(RouteEndpoint endpoint, Dictionary<string, string> ids, Dictionary<string, string> foreign)
    {
        var raw = endpoint.RoutePattern.RawText!;
        foreach (var parameter in endpoint.RoutePattern.Parameters.Select(p => p.Name.ToLowerInvariant()))
        {
            // A NUL in the path never reaches the app: Kestrel refuses the request line itself (and the test server throws).
            var values = BadValues.Where(v => !v.Contains('\0')).Append(Guid.NewGuid().ToString()).Append(foreign.GetValueOrDefault(parameter, "x"));
            foreach (var value in values)
            {
                var changed = new Dictionary<string, string>(ids) { [parameter] = value };
                if (Url(raw, changed) is { } url)
                {
                    yield return new Variant(url, $"{parameter}={Shorten(value)}");
                }
            }
        }
    }

    [GeneratedRegex(@"\{\*?([A-Za-z]+)(?::[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    private static string? Url(string pattern, Dictionary<string, string> ids)
    {
        var missing = false;
        var url = RouteParameter().Replace(pattern, m =>
        {
            if (ids.TryGetValue(m.Groups[1].Value.ToLowerInvariant(), out var value))
            {
                return Uri.EscapeDataString(value);
            }

            missing = true;
            return "";
        });
        return missing ? null : url;
    }

    // ---- API writes --------------------------------------------------------------------------------------------

    private async Task ApiWritesAsync(RouteEndpoint endpoint, string method, HttpClient client, Dictionary<string, string> ids, Dictionary<string, string> foreign)
    {
        var raw = endpoint.RoutePattern.RawText!;
        var url = Url(raw, ids)!;
        var bodyType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var options = app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var baseBody = bodyType is null ? new JsonObject() : Plausible(bodyType, options, 0) as JsonObject ?? new JsonObject();
        var baseText = baseBody.ToJsonString();
        var what = $"{method} {raw}";

        foreach (var bad in RouteVariants(endpoint, ids, foreign))
        {
            await SendAsync(client, Json(method, bad.Url, baseText), $"{what} [{bad.What}]", api: true, expectRefusal: false);
        }

        // An endpoint that reads no body (removing a journey's stage) has only its route values to judge: a body sent
        // anyway is ignored, so a well-formed address would just remove the seeded record the later forms post to.
        if (bodyType is null)
        {
            return;
        }

        var deep = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200)) + "}";
        var wholeBodies = new Dictionary<string, string>
        {
            ["malformed"] = "{\"name\": \"x\",",
            ["truncated"] = baseText[..(baseText.Length / 2)],
            ["empty"] = "",
            ["null"] = "null",
            ["array"] = "[1,2,3]",
            ["string"] = "\"testo\"",
            ["number"] = "123",
            ["deep nesting"] = deep,
            ["trailing garbage"] = baseText + "}}",
        };
        foreach (var (name, text) in wholeBodies)
        {
            await SendAsync(client, Json(method, url, text), $"{what} [{name} body]", api: true, expectRefusal: true);
        }

        foreach (var contentType in new[] { "text/plain", "application/xml", null })
        {
            var request = Json(method, url, baseText);
            request.Content!.Headers.ContentType = contentType is null ? null : new(contentType);
            await SendAsync(client, request, $"{what} [content type {contentType ?? "none"}]", api: true, expectRefusal: true);
        }

        var invalidUtf8 = Encoding.UTF8.GetBytes(baseText.Length > 2 ? "{\"x\":\"" + "\u00ff" + "\"," + baseText[1..] : "{\"x\":\"\u00ff\"}");
        var at = Array.IndexOf(invalidUtf8, (byte)0xC3);
        invalidUtf8[at + 1] = 0x28;   // C3 28: a lead byte followed by ASCII
        var bytes = new ByteArrayContent(invalidUtf8);
        bytes.Headers.ContentType = new("application/json");
        await SendAsync(client, new HttpRequestMessage(new HttpMethod(method), url) { Content = bytes }, $"{what} [invalid UTF-8]", api: true, expectRefusal: false);

        // One property at a time: the rest of the body stays plausible, so the bad value is what is judged.
        foreach (var (property, _) in baseBody.ToList())
        {
            foreach (var (name, value) in BadJsonValues())
            {
                var body = (JsonObject)baseBody.DeepClone();
                body[property] = "__BAD__";
                var text = body.ToJsonString().Replace("\"__BAD__\"", value, StringComparison.Ordinal);
                await SendAsync(client, Json(method, url, text), $"{what} [{property}: {name}]", api: true, expectRefusal: false);
            }
        }
    }

    private static IEnumerable<(string Name, string Json)> BadJsonValues() =>
    [
        ("null", "null"), ("number", "123"), ("string", "\"abc\""), ("boolean", "true"), ("object", "{}"), ("array", "[\"a\",1]"),
        ("huge string", "\"" + new string('x', 200_000) + "\""), ("NUL", "\"a\\u0000b\""), ("control", "\"a\\u001bb\""),
        ("lone surrogate", "\"a\\udc00b\""), ("huge number", "1e400"), ("long integer", "-99999999999999999999"),
        ("far future", "\"9999-12-31T23:59:59+14:00\""), ("far past", "\"0001-01-01T00:00:00-14:00\""),
        ("object with NUL key", "{\"a\\u0000\":\"b\"}"),
    ];

    private static HttpRequestMessage Json(string method, string url, string text) =>
        new(new HttpMethod(method), url) { Content = new StringContent(text, Encoding.UTF8, "application/json") };

    /// <summary>A value of the type as a client would plausibly send it, so one bad property can be judged alone.</summary>
    private static JsonNode? Plausible(Type type, JsonSerializerOptions options, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return "Prova";
        }

        if (t == typeof(JsonElement) || depth > 3)
        {
            return new JsonObject();
        }

        if (t == typeof(bool))
        {
            return true;
        }

        if (t.IsPrimitive || t == typeof(decimal))
        {
            return 1;
        }

        if (t == typeof(Guid))
        {
            return Guid.NewGuid().ToString();
        }

        if (t == typeof(DateTime) || t == typeof(DateTimeOffset))
        {
            return "2026-10-01T09:00:00Z";
        }

        if (t == typeof(DateOnly))
        {
            return "2026-10-01";
        }

        if (t.IsEnum)
        {
            return JsonSerializer.SerializeToNode(Enum.GetValues(t).GetValue(0), t, options);
        }

        var info = options.GetTypeInfo(t);
        return info.Kind switch
        {
            JsonTypeInfoKind.Dictionary => new JsonObject { ["chiave"] = Plausible(info.ElementType!, options, depth + 1) },
            JsonTypeInfoKind.Enumerable => new JsonArray(Plausible(info.ElementType!, options, depth + 1)),
            JsonTypeInfoKind.Object => new JsonObject(info.Properties.Select(p => KeyValuePair.Create(p.Name, Plausible(p.PropertyType, options, depth + 1)))),
            _ => null,
        };
    }

    // ---- form posts --------------------------------------------------------------------------------------------

    private async Task FormPostsAsync(RouteEndpoint endpoint, HttpClient client, TestOrganization org, Dictionary<string, string> ids)
    {
        var raw = endpoint.RoutePattern.RawText!;
        var key = $"POST {raw}";
        var url = Url(raw, ids)!;
        var forms = new List<List<KeyValuePair<string, string>>>();
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            // The page's own forms, as rendered for organization A's records.
            var page = await client.GetAsync(url);
            if (!page.IsSuccessStatusCode)
            {
                return;   // a page A cannot open (set-up once done, sign-in while signed in) has no form to post
            }

            var document = await Html.ParseAsync(page);
            var path = new Uri(new Uri(document.Url), url).AbsolutePath;
            forms.AddRange(document.QuerySelectorAll<IHtmlFormElement>("form[method=post]")
                .Where(f => string.IsNullOrEmpty(f.GetAttribute("action")) || new Uri(new Uri(document.Url), f.GetAttribute("action")!).AbsolutePath == path)
                .Select(f => Html.FormValues(f, fillEmpty: true)));
        }
        else
        {
            // A plain form endpoint: its [FromForm] parameters, with the token any page carries.
            var fields = Handler(endpoint)?.GetParameters().Where(p => p.GetCustomAttribute<FromFormAttribute>() is not null)
                .Select(p => KeyValuePair.Create(p.GetCustomAttribute<FromFormAttribute>()!.Name ?? p.Name!, p.ParameterType == typeof(Guid) ? Guid.NewGuid().ToString() : "it"))
                .ToList() ?? [];
            fields.Add(KeyValuePair.Create("__RequestVerificationToken", await TokenAsync(client)));
            forms.Add(fields);
        }

        foreach (var form in forms)
        {
            var handler = form.FirstOrDefault(f => f.Key == "_handler").Value;
            var what = handler is null ? key : $"{key} (form {handler})";

            // Without its antiforgery token every form post is refused, whatever else it carries.
            var withoutToken = form.Where(f => f.Key != "__RequestVerificationToken").ToList();
            var refused = await PostAsync(client, url, withoutToken, $"{what} [no antiforgery token]", expectRefusal: true);
            if (refused is not null && refused.StatusCode != HttpStatusCode.BadRequest
                && !(PermissionInTheAddress.ContainsKey(key) && refused.StatusCode == HttpStatusCode.NotFound))
            {
                _failures.Add($"{what} [no antiforgery token]: answered {(int)refused.StatusCode}, not 400");
            }

            if (NotCovered.ContainsKey(key))
            {
                continue;
            }

            foreach (var field in form.Select(f => f.Key).Where(k => k is not ("__RequestVerificationToken" or "_handler")).Distinct())
            {
                foreach (var value in BadValues.Append(Guid.NewGuid().ToString()).Append(new string('x', 100_000)))
                {
                    var values = form.Select(f => f.Key == field ? KeyValuePair.Create(f.Key, value) : f).ToList();
                    var response = await PostAsync(client, url, values, $"{what} [{field}={Shorten(value)}]", expectRefusal: false);
                    if (response is { StatusCode: HttpStatusCode.Redirect or HttpStatusCode.SeeOther })
                    {
                        // Accepted: the post may have switched the session elsewhere (a new organization); come back to A.
                        await SwitchToAsync(client, org);
                    }
                }
            }
        }
    }

    private async Task<HttpResponseMessage?> PostAsync(HttpClient client, string url, List<KeyValuePair<string, string>> fields, string what, bool expectRefusal) =>
        await SendAsync(client, new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) }, what, api: false, expectRefusal);

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var home = await Html.GetAsync(client, "/");   // the layout's forms carry a token on every page
        return home.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value ?? "";
    }

    private static async Task SwitchToAsync(HttpClient client, TestOrganization org) =>
        await client.PostAsync("/organizzazioni/cambia", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["organizationId"] = org.Id.ToString(),
            ["__RequestVerificationToken"] = await TokenAsync(client),
        }));

    // ---- sending and judging -----------------------------------------------------------------------------------

    /// <summary>
    /// Sends one bad request and judges the answer. Writes are bracketed by snapshots of every table: a refusal
    /// (4xx, or a page shown again with its field errors) must leave every row as it was.
    /// </summary>
    private async Task<HttpResponseMessage?> SendAsync(HttpClient client, HttpRequestMessage request, string what, bool api, bool expectRefusal)
    {
        _requests++;
        var write = request.Method != HttpMethod.Get;
        var before = write ? await SnapshotAsync() : null;
        HttpResponseMessage response;
        using var bound = new CancellationTokenSource(PerRequest);
        try
        {
            response = await client.SendAsync(request, bound.Token);
        }
        catch (TaskCanceledException)
        {
            _failures.Add($"{what}: no answer within {PerRequest.TotalSeconds:0} s");
            return null;
        }

        var status = (int)response.StatusCode;
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync();
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The answer had started (a streamed export) when the server failed: the test server hands us its exception.
            _failures.Add($"{what}: failed while answering {status}: {Shorten(e.GetBaseException().Message, 200)}");
            return null;
        }

        if (status >= 500)
        {
            _failures.Add($"{what}: {status} {Shorten(body, 300)}");
            return response;
        }

        if (expectRefusal && status < 400)
        {
            _failures.Add($"{what}: accepted ({status}) what it should refuse");
        }

        if (api && status >= 400 && !IsProblemWithDetail(response, body))
        {
            _failures.Add($"{what}: {status} without problem details and a detail: {Shorten(body, 200)}");
        }

        var refused = status >= 400 || (status == 200 && write && !api && body.Contains("invalid-feedback", StringComparison.Ordinal));
        if (write && refused)
        {
            var after = await SnapshotAsync();
            foreach (var table in before!.Keys.Where(t => before[t] != after.GetValueOrDefault(t)))
            {
                _failures.Add($"{what}: refused ({status}) but table {table} changed");
            }
        }

        return response;
    }

    private static bool IsProblemWithDetail(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }

        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString());
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text, int max = 24)
    {
        var printable = new string(text.Select(c => char.IsControl(c) ? '·' : c).ToArray());
        return printable.Length <= max ? printable : printable[..max] + $"…({text.Length})";
    }

    /// <summary>A digest of every row of every table of the model, per table.</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var digests = new Dictionary<string, string>();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Where(t => !ChangedByAnyRequest.ContainsKey(t)).Order(StringComparer.Ordinal))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var columns = Enumerable.Range(0, reader.FieldCount).Where(i => !ChangedByAnyRequest.ContainsKey($"{table}.{reader.GetName(i)}")).ToList();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join("|", columns.Select(i => reader.IsDBNull(i) ? "∅" : Text(reader, i))));
            }

            rows.Sort(StringComparer.Ordinal);
            digests[table] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows))));
        }

        return digests;
    }

    private static string Text(DbDataReader reader, int i) => reader.GetValue(i) switch
    {
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var other => other.ToString() ?? "",
    };
}

public sealed class BadInputHarnessTestsOnSqlite(SqliteApp app) : BadInputHarnessTests(app), IClassFixture<SqliteApp>;

public sealed class BadInputHarnessTestsOnPostgres(PostgresApp app) : BadInputHarnessTests(app), IClassFixture<PostgresApp>;
