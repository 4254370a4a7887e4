using System.Net;
using System.Net.Http.Json;
using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
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

        // Mine already has two cases, so its next one is #3 while theirs opens #1.
        for (var i = 0; i < 2; i++)
        {
            (await mine.Api().PostAsJsonAsync("/api/v1/cases", new { subject = $"Prima {i}", customer = new { external_id = "CLI-1" }, channel = "api" })).EnsureSuccessStatusCode();
        }

        // Their news is delivered before the stream opens, so the first number the stream tells is a new change.
        await Wait.UntilAsync(() => app.InOrganizationAsync(mine.Id, services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            return db.Set<ModuleEventDelivery>().AllAsync(d => d.Status != DeliveryStatus.Pending
                || !db.Set<ModuleEventRecord>().Any(e => e.Id == d.EventId && e.OrganizationId == mine.Id));
        }), "the earlier cases' events are delivered");

        var client = await mine.SignInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assistenza/eventi");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("event: ready", await NextEventAsync(reader, timeout.Token));

        (await theirs.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Loro", customer = new { external_id = "CLI-1" }, channel = "api" })).EnsureSuccessStatusCode();
        (await mine.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Terza", customer = new { external_id = "CLI-1" }, channel = "api" })).EnsureSuccessStatusCode();

        Assert.Equal("event: case", await NextEventAsync(reader, timeout.Token));
        Assert.Equal("data: 3", await reader.ReadLineAsync(timeout.Token));
    }

    /// <summary>The next "event:" line, past pings and blank lines.</summary>
    private static async Task<string> NextEventAsync(StreamReader reader, CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal) && line != "event: ping")
            {
                return line;
            }
        }

        throw new EndOfStreamException();
    }
}

public sealed class DeskFeedOnSqlite(SqliteApp app) : DeskFeedTests(app), IClassFixture<SqliteApp>;

public sealed class DeskFeedOnPostgres(PostgresApp app) : DeskFeedTests(app), IClassFixture<PostgresApp>;
