using System.Net;
using System.Net.Http.Json;
using Cerchio.Data;
using Cerchio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

public abstract class DeskFeedTests(AppFixture app)
{
    [Fact]
    public async Task Feed_RefusesWhatIsNotAnEventSource_AtOnce()
    {
        var org = await app.CreateOrganizationAsync("Feed Rifiuto S.r.l.");
        var client = await org.SignInAsync();

        var response = await client.GetAsync("/assistenza/eventi");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task Feed_TellsTheNumbersOfItsOwnOrganizationsChangedCases_Only()
    {
        var mine = await app.CreateOrganizationAsync("Feed Mio S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Feed Loro S.r.l.");
        foreach (var org in new[] { mine, theirs })
        {
            (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Cliente S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        }

        await OpenAsync(mine, "Prima");
        await OpenAsync(mine, "Seconda");
        using var stream = await FeedStream.OpenAsync(await mine.SignInAsync());
        await stream.SkipUntilAsync(await OpenAsync(mine, "Sonda"));

        await OpenAsync(theirs, "Loro");
        var next = await OpenAsync(mine, "Quarta");

        Assert.Equal(next, await stream.NextCaseAsync());
    }

    [Fact]
    public async Task Feed_TellsChangesWithoutAModuleEvent_LikeAStatusMove()
    {
        var org = await app.CreateOrganizationAsync("Feed Stato S.r.l.");
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Cliente S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        var number = await OpenAsync(org, "Da spostare");
        using var stream = await FeedStream.OpenAsync(await org.SignInAsync());
        await stream.SkipUntilAsync(await OpenAsync(org, "Sonda"));

        (await org.Api().PostAsJsonAsync($"/api/v1/cases/{number}/status", new { status = "waiting_on_customer" })).EnsureSuccessStatusCode();

        Assert.Equal(number, await stream.NextCaseAsync());
    }

    internal static async Task<int> OpenAsync(TestOrganization org, string subject, HttpClient? api = null)
    {
        var created = await (api ?? org.Api()).PostAsJsonAsync("/api/v1/cases", new { subject, customer = new { external_id = "CLI-1" }, channel = "api" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("number").GetInt32();
    }
}

/// <summary>A Server-Sent Events stream of the desk (the inbox feed, a case's presence), read as the browser reads it.</summary>
internal sealed class FeedStream : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private HttpResponseMessage _response = null!;
    private StreamReader _reader = null!;

    /// <summary>The inbox's feed, past its "ready".</summary>
    public static async Task<FeedStream> OpenAsync(HttpClient client)
    {
        var stream = await OpenAsync(client, "/assistenza/eventi");
        await stream.NextAsync("ready");
        return stream;
    }

    public static async Task<FeedStream> OpenAsync(HttpClient client, string path)
    {
        var stream = new FeedStream();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        stream._response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stream._timeout.Token);
        if (stream._response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            Assert.Fail($"{(int)stream._response.StatusCode}: {await stream._response.Content.ReadAsStringAsync()}");
        }

        stream._reader = new StreamReader(await stream._response.Content.ReadAsStreamAsync(stream._timeout.Token));
        return stream;
    }

    /// <summary>The next changed case's number.</summary>
    public async Task<int> NextCaseAsync() => int.Parse(await NextAsync("case"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads past news of earlier changes until this number: news travels in commit order, so what comes next is new.
    /// </summary>
    public async Task SkipUntilAsync(int number)
    {
        while (await NextCaseAsync() != number)
        {
        }
    }

    /// <summary>The data of the next event, past pings, which must be of this kind.</summary>
    public async Task<string> NextAsync(string kind)
    {
        while (await _reader.ReadLineAsync(_timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal) && line != "event: ping")
            {
                Assert.Equal($"event: {kind}", line);
                while (await _reader.ReadLineAsync(_timeout.Token) is { } field)
                {
                    if (field.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        return field["data: ".Length..];
                    }
                }
            }
        }

        throw new EndOfStreamException();
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _response?.Dispose();
        _timeout.Dispose();
    }
}

public sealed class DeskFeedOnSqlite(SqliteApp app) : DeskFeedTests(app), IClassFixture<SqliteApp>;

public sealed class DeskFeedOnPostgres(PostgresApp app) : DeskFeedTests(app), IClassFixture<PostgresApp>;

/// <summary>Several instances on one PostgreSQL: a change made through one reaches an inbox open on another (LISTEN/NOTIFY).</summary>
public sealed class DeskFeedAcrossInstancesOnPostgres(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task AChangeMadeOnAnotherInstance_ReachesTheInboxOpenOnThisOne()
    {
        var org = await app.CreateOrganizationAsync("Feed Due Istanze S.r.l.");
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Cliente S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        await using var other = app.WithWebHostBuilder(_ => { });
        var otherApi = other.CreateClient();
        otherApi.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", org.ApiKey);
        using var stream = await FeedStream.OpenAsync(await org.SignInAsync());

        var number = await DeskFeedTests.OpenAsync(org, "Aperta altrove", otherApi);

        Assert.Equal(number, await stream.NextCaseAsync());
    }
}
