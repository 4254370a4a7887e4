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
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(body.Contains("Email o password non corretti.", StringComparison.Ordinal), $"attempt {i}: " + body[body.IndexOf("<main", StringComparison.Ordinal)..]);
        }

        // The fifth failure locks the account; then even the right password is refused for a while.
        foreach (var password in new[] { "Wrong-password-1", TestOrganization.Password })
        {
            var locked = await Html.SubmitFormAsync(app.Browser(), "/accedi", "sign-in", new()
            {
                ["Input.Email"] = org.AdminEmail,
                ["Input.Password"] = password,
            });
            Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
            Assert.Contains("bloccato", await locked.Content.ReadAsStringAsync());
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
