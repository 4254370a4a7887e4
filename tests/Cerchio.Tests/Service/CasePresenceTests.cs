using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;

namespace Cerchio.Tests.Service;

/// <summary>The case page's presence line: who else has the case open, and who is writing a reply to it.</summary>
public abstract class CasePresenceTests(AppFixture app)
{
    private async Task<(TestOrganization Org, int Number)> DeskAsync(string name)
    {
        var org = await app.CreateOrganizationAsync(name, ($"operatore.{Guid.NewGuid():N}@presenza.test", Role.Agent));
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Cliente S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        return (org, await DeskFeedTests.OpenAsync(org, "Consegna in ritardo"));
    }

    private static async Task<(string Text, bool Replying)> NextAsync(FeedStream stream)
    {
        var said = JsonDocument.Parse(await stream.NextAsync("presence")).RootElement;
        return (said.GetProperty("text").GetString()!, said.GetProperty("replying").GetBoolean());
    }

    [Fact]
    public async Task AnAgentOnTheCase_HearsWhoArrives_WhoWrites_AndWhoLeaves()
    {
        var (org, number) = await DeskAsync("Presenza Uno S.r.l.");
        var path = $"/assistenza/pratiche/{number}/presenza";
        using var agent = await FeedStream.OpenAsync(await org.SignInAsync(Role.Agent), path);
        Assert.Equal(("", false), await NextAsync(agent));

        using (var admin = await FeedStream.OpenAsync(await org.SignInAsync(), path + "?scrivendo=true"))
        {
            Assert.Equal(($"Admin {org.Name} sta scrivendo una risposta a questa pratica.", true), await NextAsync(agent));
            Assert.Equal(($"{org.People[Role.Agent]} sta guardando questa pratica.", false), await NextAsync(admin));
        }

        Assert.Equal(("", false), await NextAsync(agent));
    }

    [Fact]
    public async Task TheSamePersonInTwoTabs_IsNotAWarning()
    {
        var (org, number) = await DeskAsync("Presenza Due S.r.l.");
        var client = await org.SignInAsync();
        var path = $"/assistenza/pratiche/{number}/presenza";
        using var first = await FeedStream.OpenAsync(client, path);
        Assert.Equal(("", false), await NextAsync(first));

        using var second = await FeedStream.OpenAsync(client, path + "?scrivendo=true");
        Assert.Equal(("", false), await NextAsync(second));

        // The first tab hears nothing new; another person's arrival is the next thing it says.
        using var agent = await FeedStream.OpenAsync(await org.SignInAsync(Role.Agent), path);
        Assert.Equal(($"{org.People[Role.Agent]} sta guardando questa pratica.", false), await NextAsync(first));
    }

    [Fact]
    public async Task AnotherOrganizationsCase_Is404_AndOnlyAnEventSourceMayAsk()
    {
        var (mine, _) = await DeskAsync("Presenza Mia S.r.l.");
        var (theirs, number) = await DeskAsync("Presenza Loro S.r.l.");
        (await theirs.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Seconda", customer = new { external_id = "CLI-1" }, channel = "api" })).EnsureSuccessStatusCode();
        var client = await mine.SignInAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/assistenza/pratiche/{number + 1}/presenza");
        request.Headers.Accept.ParseAdd("text/event-stream");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.NotAcceptable, (await client.GetAsync("/assistenza/pratiche/1/presenza")).StatusCode);
    }
}

public sealed class CasePresenceOnSqlite(SqliteApp app) : CasePresenceTests(app), IClassFixture<SqliteApp>;

public sealed class CasePresenceOnPostgres(PostgresApp app) : CasePresenceTests(app), IClassFixture<PostgresApp>;

/// <summary>Two instances on one PostgreSQL: an agent on one hears a colleague writing through the other.</summary>
public sealed class CasePresenceAcrossInstancesOnPostgres(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task AColleagueWritingThroughAnotherInstance_IsHeard()
    {
        var org = await app.CreateOrganizationAsync("Presenza Due Istanze S.r.l.", ($"operatore.{Guid.NewGuid():N}@presenza.test", Role.Agent));
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Cliente S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        var number = await DeskFeedTests.OpenAsync(org, "Da due parti");
        var path = $"/assistenza/pratiche/{number}/presenza";
        await using var other = app.WithWebHostBuilder(_ => { });
        var colleague = other.CreateClient(new() { AllowAutoRedirect = false });
        var signedIn = await Html.SubmitFormAsync(colleague, "/accedi", "sign-in", new() { ["Input.Email"] = org.AdminEmail, ["Input.Password"] = TestOrganization.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var agent = await FeedStream.OpenAsync(await org.SignInAsync(Role.Agent), path);
        Assert.Equal("", JsonDocument.Parse(await agent.NextAsync("presence")).RootElement.GetProperty("text").GetString());

        using var writing = await FeedStream.OpenAsync(colleague, path + "?scrivendo=true");

        var heard = JsonDocument.Parse(await agent.NextAsync("presence")).RootElement;
        Assert.Equal($"Admin {org.Name} sta scrivendo una risposta a questa pratica.", heard.GetProperty("text").GetString());
    }
}
