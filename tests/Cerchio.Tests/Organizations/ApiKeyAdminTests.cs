using System.Net;
using Cerchio.Organizations.Contracts;
using Cerchio.Organizations.Domain;
using Cerchio.Organizations.Features.ApiKeys;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Organizations;

public abstract class ApiKeyAdminTests(AppFixture app)
{
    private async Task<ApiCaller?> AuthenticateAsync(string plainKey)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IOrganizationDirectory>().AuthenticateApiKeyAsync(plainKey);
    }

    [Fact]
    public async Task CreateKey_ShowsItOnce_ItAuthenticates_AndRevokedItDoesNot()
    {
        var org = await app.CreateOrganizationAsync("Chiavi S.r.l.");
        var client = await org.SignInAsync();

        var unnamed = await Html.SubmitFormAsync(client, "/amministrazione/chiavi-api", "api-key", new() { ["Input.Name"] = "" });
        Assert.Equal(HttpStatusCode.OK, unnamed.StatusCode);
        Assert.Contains("Il nome è obbligatorio.", (await Html.ParseAsync(unnamed)).QuerySelector("#Name-error")?.TextContent);
        Assert.Equal(1, await org.DbAsync(db => db.Set<ApiKey>().CountAsync()));

        var created = await Html.SubmitFormAsync(client, "/amministrazione/chiavi-api", "api-key", new() { ["Input.Name"] = "Gestionale" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString());
        var plain = (await Html.ParseAsync(created)).Value("#plain-key")!;
        Assert.StartsWith("cer_", plain);

        var caller = await AuthenticateAsync(plain);
        Assert.NotNull(caller);
        Assert.Equal((org.Id, "Gestionale"), (caller.OrganizationId, caller.KeyName));

        var list = await client.GetAsync("/amministrazione/chiavi-api");
        var html = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain(plain, html);
        Assert.Contains($"cer_{ApiKey.PrefixOf(plain)}_", html);

        var revoked = await AdminTestKit.PostRowAsync(client, "/amministrazione/chiavi-api", ApiKeyEndpoints.RevokePath, caller.KeyId);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Null(await AuthenticateAsync(plain));
        Assert.NotNull(await AuthenticateAsync(org.ApiKey));   // the other key still works
        Assert.Contains("Revocata", (await Html.GetAsync(client, "/amministrazione/chiavi-api")).QuerySelector("tbody")?.TextContent);
    }

    [Fact]
    public async Task RevokingAnotherOrganizationsKey_IsNotFound_AndTheKeyKeepsWorking()
    {
        var mine = await app.CreateOrganizationAsync("Chiave Mia S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Chiave Loro S.r.l.");
        var foreign = (await AuthenticateAsync(theirs.ApiKey))!;

        var client = await mine.SignInAsync();
        var response = await AdminTestKit.PostWithTokenAsync(client, "/amministrazione/chiavi-api", ApiKeyEndpoints.RevokePath,
            new() { ["id"] = foreign.KeyId.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(await AuthenticateAsync(theirs.ApiKey));
        Assert.DoesNotContain(foreign.KeyId.ToString(), await (await client.GetAsync("/amministrazione/chiavi-api")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RevokeWithoutAntiforgeryToken_IsRefused()
    {
        var org = await app.CreateOrganizationAsync("Senza Token S.r.l.");
        var key = (await AuthenticateAsync(org.ApiKey))!;
        var client = await org.SignInAsync();

        var response = await client.PostAsync(ApiKeyEndpoints.RevokePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = key.KeyId.ToString() }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(await AuthenticateAsync(org.ApiKey));
    }
}

public sealed class ApiKeyAdminTestsOnSqlite(SqliteApp app) : ApiKeyAdminTests(app), IClassFixture<SqliteApp>;

public sealed class ApiKeyAdminTestsOnPostgres(PostgresApp app) : ApiKeyAdminTests(app), IClassFixture<PostgresApp>;
