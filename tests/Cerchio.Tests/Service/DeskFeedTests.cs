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
