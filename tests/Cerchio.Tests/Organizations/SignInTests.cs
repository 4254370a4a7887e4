using Microsoft.Extensions.DependencyInjection;
using AngleSharp.Dom;
using System.Net;
using Cerchio.Tests.Infrastructure;

namespace Cerchio.Tests.Organizations;

public abstract class SignInTests(AppFixture app)
{
    [Fact]
    public async Task ProtectedPage_WithoutSession_RedirectsToSignInKeepingThePage()
    {
        var response = await app.Browser().GetAsync("/clienti?q=rossi");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Html.LocationPath(response)!;
        Assert.Contains("/accedi", location);
        Assert.Contains("ReturnUrl=%2Fclienti%3Fq%3Drossi", location);
    }

    [Fact]
    public async Task EveryFailure_HasTheSameAnswer_SoAccountsCannotBeDiscovered()
    {
        var org = await app.CreateOrganizationAsync("Enumerazione S.r.l.");
        async Task<string> AnswerAsync(string email) => (await Html.ParseAsync(await Html.SubmitFormAsync(app.Browser(), "/accedi", "sign-in",
            new() { ["Input.Email"] = email, ["Input.Password"] = "Wrong-password-1" }))).QuerySelector(".alert")!.TextContent;
        var unknown = await AnswerAsync("nessuno@nowhere.test");
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(unknown, await AnswerAsync(org.AdminEmail));   // wrong password, then locked: the same words
        }
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_ShowsErrorAndLocksOutAfterFiveAttempts()
    {
        var org = await app.CreateOrganizationAsync("Lock S.r.l.");
        for (var i = 0; i < 4; i++)
        {
            var response = await Html.SubmitFormAsync(app.Browser(), "/accedi", "sign-in", new()
            {
                ["Input.Email"] = org.AdminEmail,
                ["Input.Password"] = "Wrong-password-1",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Accesso non riuscito", (await Html.ParseAsync(response)).QuerySelector(".alert")!.TextContent);
        }

        // The fifth failure locks the account; then even the right password is refused for a while.
        foreach (var password in new[] { "Wrong-password-1", TestOrganization.Password })
        {
            var locked = await Html.SubmitFormAsync(app.Browser(), "/accedi", "sign-in", new()
            {
                ["Input.Email"] = org.AdminEmail,
                ["Input.Password"] = password,
            });
            Assert.Equal(HttpStatusCode.OK, locked.StatusCode);   // not signed in (a success redirects)
            Assert.Contains("Accesso non riuscito", (await Html.ParseAsync(locked)).QuerySelector(".alert")!.TextContent);
        }
    }

    [Fact]
    public async Task SignIn_ReturnsToTheRequestedPage_AndSignOutEndsTheSession()
    {
        var org = await app.CreateOrganizationAsync("Ritorno S.r.l.");
        var client = app.Browser();
        var response = await Html.SubmitFormAsync(client, "/accedi?ReturnUrl=%2Fprofilo", "sign-in", new()
        {
            ["Input.Email"] = org.AdminEmail,
            ["Input.Password"] = TestOrganization.Password,
        });
        Assert.Equal("/profilo", Html.LocationPath(response));

        var home = await Html.GetAsync(client, "/");
        var signOut = home.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form[action='/esci']")!;
        await Html.PostFormAsync(client, signOut, []);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/profilo")).StatusCode);
    }

    [Fact]
    public async Task SignIn_RejectsForeignReturnUrl()
    {
        var org = await app.CreateOrganizationAsync("Redirect S.r.l.");
        var response = await Html.SubmitFormAsync(app.Browser(), "/accedi?ReturnUrl=https%3A%2F%2Fevil.test%2F", "sign-in", new()
        {
            ["Input.Email"] = org.AdminEmail,
            ["Input.Password"] = TestOrganization.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Html.LocationPath(response));
    }

    [Fact]
    public async Task Api_WithoutOrWithBadKey_Is401ProblemDetails()
    {
        var client = app.CreateClient();
        var none = await client.GetAsync("/api/v1/customers");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);

        client.DefaultRequestHeaders.Authorization = new("Bearer", "cer_000000000000_nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/customers")).StatusCode);
    }
}

public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests(app), IClassFixture<SqliteApp>;

public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests(app), IClassFixture<PostgresApp>;

/// <summary>The per-address limit on password posts, with a limit small enough to reach.</summary>
public sealed class SignInRateLimitTests(SignInRateLimitTests.LimitedApp app) : IClassFixture<SignInRateLimitTests.LimitedApp>
{
    public sealed class LimitedApp : AppFixture
    {
        public override Cerchio.Data.DatabaseProvider Provider => Cerchio.Data.DatabaseProvider.Sqlite;

        protected override int SignInAttemptsPerMinute => 3;
    }

    [Fact]
    public async Task PasswordPosts_BeyondTheLimit_Get429_AndDoNotReachTheAccount()
    {
        var org = await app.CreateOrganizationAsync("Limite S.r.l.");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await Html.SubmitFormAsync(app.Browser(), "/accedi", "sign-in", new()
            {
                ["Input.Email"] = org.AdminEmail,
                ["Input.Password"] = "Wrong-password-1",
            });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429, (HttpStatusCode)429], statuses);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync("/accedi")).StatusCode);   // reading the page is not limited

        // Only three attempts reached the account: it is not locked, the right password still works (next minute).
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Cerchio.Data.CerchioUser>>();
        Assert.Equal(3, await users.GetAccessFailedCountAsync((await users.FindByEmailAsync(org.AdminEmail))!));
    }
}
