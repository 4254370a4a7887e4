using System.Net;
using System.Security.Claims;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Organizations;

/// <summary>Sessions live in the database: signing out ends them at once, everywhere; nothing else ends them by mistake.</summary>
public abstract class SessionTests(AppFixture app)
{
    private sealed record Device(HttpClient Client, string Cookie);

    /// <summary>Signs in through the page and keeps what the browser received: the client and its sign-in cookie.</summary>
    private async Task<Device> SignInAsync(string email)
    {
        var client = app.Browser();
        var response = await Html.SubmitFormAsync(client, "/accedi", "sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = TestOrganization.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new Device(client, AuthCookie(response));
    }

    /// <summary>The sign-in cookie (every chunk of it) as a Cookie request header.</summary>
    private static string AuthCookie(HttpResponseMessage response)
    {
        var cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';')[0])
            .Where(c => c.StartsWith(".Cerchio.Auth", StringComparison.Ordinal)));
        Assert.NotEmpty(cookie);
        return cookie;
    }

    /// <summary>Another browser presenting a copy of the cookie, on any app instance.</summary>
    private static HttpClient Copy(WebApplicationFactory<Program> instance, string cookie)
    {
        var client = instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task AssertSignedInAsync(HttpClient client) =>
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/profilo")).StatusCode);

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        var response = await client.GetAsync("/profilo");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/accedi", Html.LocationPath(response));
    }

    private static async Task<HttpResponseMessage> SignOutAsync(HttpClient client)
    {
        var signOut = (await Html.GetAsync(client, "/")).QuerySelector<IHtmlFormElement>("form[action='/esci']")!;
        return await Html.PostFormAsync(client, signOut, []);
    }

    private async Task<int> SessionsOfAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<CerchioUser>>().FindByEmailAsync(email);
        return await scope.ServiceProvider.GetRequiredService<CerchioDb>().Set<SignInSession>().CountAsync(s => s.UserId == user!.Id);
    }

    [Fact]
    public async Task CopiedCookie_StopsWorkingRightAfterSignOut_OnEveryInstance()
    {
        var org = await app.CreateOrganizationAsync("Copia S.r.l.");
        var device = await SignInAsync(org.AdminEmail);
        await using var otherInstance = app.WithWebHostBuilder(_ => { });
        var copyHere = Copy(app, device.Cookie);
        var copyThere = Copy(otherInstance, device.Cookie);
        await AssertSignedInAsync(copyHere);
        await AssertSignedInAsync(copyThere);

        var signedOut = await SignOutAsync(device.Client);
        Assert.Equal("/accedi", Html.LocationPath(signedOut));

        await AssertSignedOutAsync(device.Client);
        await AssertSignedOutAsync(copyHere);
        await AssertSignedOutAsync(copyThere);
        Assert.Equal(0, await SessionsOfAsync(org.AdminEmail));
    }

    [Fact]
    public async Task SignOut_OnOneDevice_KeepsThePersonsOtherSession()
    {
        var org = await app.CreateOrganizationAsync("Due Dispositivi S.r.l.");
        var laptop = await SignInAsync(org.AdminEmail);
        var phone = await SignInAsync(org.AdminEmail);
        Assert.Equal(2, await SessionsOfAsync(org.AdminEmail));

        await SignOutAsync(laptop.Client);

        await AssertSignedOutAsync(Copy(app, laptop.Cookie));
        await AssertSignedInAsync(phone.Client);
        Assert.Equal(1, await SessionsOfAsync(org.AdminEmail));
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefused_AndTheSessionGoesOn()
    {
        var org = await app.CreateOrganizationAsync("Falso Invio S.r.l.");
        var device = await SignInAsync(org.AdminEmail);

        // What another site could make a signed-in browser send.
        var forged = await device.Client.PostAsync("/esci", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("Modulo non più valido", (await Html.ParseAsync(forged)).QuerySelector("h1")?.TextContent);
        await AssertSignedInAsync(device.Client);
        await AssertSignedInAsync(Copy(app, device.Cookie));
        Assert.Equal(1, await SessionsOfAsync(org.AdminEmail));
    }

    [Fact]
    public async Task SignOut_FromATabRenderedBeforeSwitchingOrganization_StillSignsOut()
    {
        var a = await app.CreateOrganizationAsync("Uscita A S.r.l.");
        var b = await app.CreateOrganizationAsync("Uscita B S.r.l.", (a.AdminEmail, Role.Administrator));
        var device = await SignInAsync(a.AdminEmail);
        var staleTab = await Html.GetAsync(device.Client, "/");
        var switchForm = staleTab.QuerySelectorAll<IHtmlFormElement>("form[action='/organizzazioni/cambia']")
            .Single(f => !f.QuerySelector("button")!.ClassList.Contains("active"));
        Assert.Equal(HttpStatusCode.Redirect, (await Html.PostFormAsync(device.Client, switchForm, [])).StatusCode);

        var signedOut = await Html.PostFormAsync(device.Client, staleTab.QuerySelector<IHtmlFormElement>("form[action='/esci']")!, []);

        Assert.Equal("/accedi", Html.LocationPath(signedOut));
        await AssertSignedOutAsync(device.Client);
        Assert.Equal(0, await SessionsOfAsync(a.AdminEmail));
    }

    [Fact]
    public async Task SwitchingOrganizationOrLanguage_ReplacesTheTicketInTheSameSession_WithoutAddingRows()
    {
        var a = await app.CreateOrganizationAsync("Cambio A S.r.l.");
        var b = await app.CreateOrganizationAsync("Cambio B S.r.l.", (a.AdminEmail, Role.Administrator));
        var device = await SignInAsync(a.AdminEmail);
        var before = Copy(app, device.Cookie);
        var home = await Html.GetAsync(device.Client, "/");
        var other = home.QuerySelector("h1")!.TextContent == a.Name ? b : a;
        var switchForm = home.QuerySelectorAll<IHtmlFormElement>("form[action='/organizzazioni/cambia']")
            .Single(f => f.QuerySelector<IHtmlInputElement>("input[name=organizationId]")!.Value == other.Id.ToString());

        Assert.Equal(HttpStatusCode.Redirect, (await Html.PostFormAsync(device.Client, switchForm, [])).StatusCode);
        var saved = await Html.SubmitFormAsync(device.Client, "/profilo", "profile", new() { ["Input.DisplayName"] = "Consulente", ["Input.Language"] = "en" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // One session, its ticket replaced twice: the cookie from before the switches is that same session and sees both.
        Assert.Equal(1, await SessionsOfAsync(a.AdminEmail));
        foreach (var client in new[] { device.Client, before })
        {
            var page = await Html.GetAsync(client, "/");
            Assert.Equal(("en", other.Name), (page.DocumentElement.GetAttribute("lang"), page.QuerySelector("h1")!.TextContent));
        }

        await SignOutAsync(device.Client);
        await AssertSignedOutAsync(before);
        Assert.Equal(0, await SessionsOfAsync(a.AdminEmail));
    }

    [Fact]
    public async Task SigningInAsAnotherPerson_OverALiveSession_NeverHandsThemTheOldKey()
    {
        var org = await app.CreateOrganizationAsync("Cambio Persona S.r.l.", ("collega@cambio-persona.test", Role.Agent));
        var device = await SignInAsync(org.AdminEmail);
        var planted = Copy(app, device.Cookie);   // e.g. a cookie someone put in this browser and kept a copy of

        var colleague = await Html.SubmitFormAsync(device.Client, "/accedi", "sign-in",
            new() { ["Input.Email"] = "collega@cambio-persona.test", ["Input.Password"] = TestOrganization.Password });
        Assert.Equal(HttpStatusCode.Redirect, colleague.StatusCode);

        await AssertSignedOutAsync(planted);
        Assert.Equal(0, await SessionsOfAsync(org.AdminEmail));
        Assert.Equal(0, await SessionsOfAsync("collega@cambio-persona.test"));

        // Signing in again from the same browser starts a session of the colleague's own, under a new key.
        var again = await Html.SubmitFormAsync(device.Client, "/accedi", "sign-in",
            new() { ["Input.Email"] = "collega@cambio-persona.test", ["Input.Password"] = TestOrganization.Password });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("collega@cambio-persona.test", (await Html.GetAsync(device.Client, "/")).QuerySelector("#user-menu")?.TextContent);
        await AssertSignedOutAsync(planted);
        Assert.Equal(1, await SessionsOfAsync("collega@cambio-persona.test"));
    }

    [Fact]
    public async Task PasswordChange_EndsThePersonsOtherSessions()
    {
        var org = await app.CreateOrganizationAsync("Nuova Password S.r.l.");
        // A second instance that re-checks the security stamp on every request instead of every minute.
        await using var strict = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        var here = await SignInAsync(org.AdminEmail);
        var elsewhere = Copy(strict, (await SignInAsync(org.AdminEmail)).Cookie);
        await AssertSignedInAsync(elsewhere);
        Assert.Equal(2, await SessionsOfAsync(org.AdminEmail));

        var changed = await Html.SubmitFormAsync(here.Client, "/profilo", "password",
            new() { ["Password.Current"] = TestOrganization.Password, ["Password.New"] = "Nuovissima-2027" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        await AssertSignedOutAsync(elsewhere);
        await AssertSignedInAsync(here.Client);
        Assert.Equal(1, await SessionsOfAsync(org.AdminEmail));   // the rejected session's row went with it
    }

    [Fact]
    public async Task Store_KeepsOnlyTheKeysHash_SlidesExpiry_AndSweepsDeadSessions()
    {
        var org = await app.CreateOrganizationAsync("Archivio Sessioni S.r.l.");
        await using var scope = app.Services.CreateAsyncScope();
        var userId = (await scope.ServiceProvider.GetRequiredService<UserManager<CerchioUser>>().FindByEmailAsync(org.AdminEmail))!.Id;
        var store = app.Services.GetRequiredService<ITicketStore>();
        var now = DateTimeOffset.UtcNow;
        AuthenticationTicket Ticket(TimeSpan expiresIn) => new(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "test")),
            new AuthenticationProperties { ExpiresUtc = now + expiresIn }, IdentityConstants.ApplicationScheme);
        async Task<SignInSession?> RowAsync(string key)
        {
            await using var s = app.Services.CreateAsyncScope();
            return await s.ServiceProvider.GetRequiredService<CerchioDb>().Set<SignInSession>().AsNoTracking()
                .SingleOrDefaultAsync(r => r.KeyHash == SignInSession.Hash(key));
        }

        var dead = await store.StoreAsync(Ticket(TimeSpan.FromMinutes(-1)));
        Assert.Null(await store.RetrieveAsync(dead));   // expired: refused even before it is swept
        Assert.NotNull(await RowAsync(dead));

        var live = await store.StoreAsync(Ticket(TimeSpan.FromHours(1)));
        Assert.Null(await RowAsync(dead));   // swept by the next sign-in
        var row = (await RowAsync(live))!;
        Assert.NotEqual(live, row.KeyHash);
        Assert.Equal(64, row.KeyHash.Length);
        Assert.Equal(userId.ToString(), (await store.RetrieveAsync(live))!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));

        await store.RenewAsync(live, Ticket(TimeSpan.FromHours(5)));
        Assert.True((await RowAsync(live))!.ExpiresAt > now + TimeSpan.FromHours(4));

        // Another person's ticket does not take the row over: it is dropped.
        var stranger = await store.StoreAsync(Ticket(TimeSpan.FromHours(1)));
        var otherPerson = new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString())], "test")),
            new AuthenticationProperties { ExpiresUtc = now + TimeSpan.FromHours(1) }, IdentityConstants.ApplicationScheme);
        await store.RenewAsync(stranger, otherPerson);
        Assert.Null(await RowAsync(stranger));

        await store.RemoveAsync(live);
        Assert.Null(await store.RetrieveAsync(live));
        await store.RenewAsync(live, Ticket(TimeSpan.FromHours(5)));   // a late renewal does not bring it back
        Assert.Null(await RowAsync(live));
    }
}

public sealed class SessionTestsOnSqlite(SqliteApp app) : SessionTests(app), IClassFixture<SqliteApp>;

public sealed class SessionTestsOnPostgres(PostgresApp app) : SessionTests(app), IClassFixture<PostgresApp>;
