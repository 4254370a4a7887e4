using System.Net;
using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Organizations;

public abstract class InvitationAcceptTests(AppFixture app)
{
    private static async Task<string> InviteAsync(HttpClient admin, string email, string role, Guid? departmentId = null)
    {
        var response = await Html.SubmitFormAsync(admin, "/amministrazione/persone", "invite", new()
        {
            ["Input.Email"] = email,
            ["Input.Role"] = role,
            ["Input.DepartmentId"] = departmentId?.ToString() ?? "",
        });
        var link = (await Html.ParseAsync(response)).Value("#invitation-link") ?? throw new InvalidOperationException("No invitation link.");
        return new Uri(link).AbsolutePath;
    }

    [Fact]
    public async Task LeftoverInvitations_CannotBringBackARemovedMember()
    {
        var org = await app.CreateOrganizationAsync("Reinvito S.r.l.");
        var admin = await org.SignInAsync();
        var first = await InviteAsync(admin, "bob@reinvito.test", "Agent");
        var second = await InviteAsync(admin, "bob@reinvito.test", "CxLead");
        var joined = await Html.SubmitFormAsync(app.Browser(), first, "invitation-register",
            new() { ["Input.DisplayName"] = "Bob", ["Input.Password"] = "Bob-Password-2026" });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);

        // Accepting one link revoked the other: it is gone.
        Assert.Equal(HttpStatusCode.Gone, (await app.Browser().GetAsync(second)).StatusCode);

        // Deactivated, invited again, reactivated by hand, deactivated again: the pending link dies with the deactivation.
        var bob = await org.MembershipAsync("bob@reinvito.test");
        async Task ToggleAsync() =>
            Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(admin, $"/amministrazione/persone/{bob.Id}", "member-active", [])).StatusCode);
        await ToggleAsync();
        var third = await InviteAsync(admin, "bob@reinvito.test", "CxLead");
        await ToggleAsync();
        await ToggleAsync();
        Assert.False((await org.MembershipAsync("bob@reinvito.test")).IsActive);
        Assert.Equal(HttpStatusCode.Gone, (await app.Browser().GetAsync(third)).StatusCode);
        Assert.Equal((false, Role.Agent), ((await org.MembershipAsync("bob@reinvito.test")).IsActive, (await org.MembershipAsync("bob@reinvito.test")).Role));
    }

    [Fact]
    public async Task NewPerson_CreatesAccountAndJoins_ThenTheLinkIsUsedUp()
    {
        var org = await app.CreateOrganizationAsync("Benvenuti S.r.l.");
        var sales = await org.DepartmentAsync("Vendite");
        var path = await InviteAsync(await org.SignInAsync(), "luca@benvenuti.test", "TeamMember", sales.Id);

        var visitor = app.Browser();
        var page = await Html.GetAsync(visitor, path);
        Assert.Equal("Entra in Benvenuti S.r.l.", page.QuerySelector("h1")?.TextContent);

        var weak = await Html.SubmitFormAsync(visitor, path, "invitation-register", new() { ["Input.DisplayName"] = "Luca Neri", ["Input.Password"] = "corta" });
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        var errors = await Html.ParseAsync(weak);
        Assert.NotNull(errors.QuerySelector("#Password-error"));
        Assert.Equal("Luca Neri", errors.Value("#display-name"));

        var joined = await Html.SubmitFormAsync(visitor, path, "invitation-register", new() { ["Input.DisplayName"] = "Luca Neri", ["Input.Password"] = "Benvenuto-2026" });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal("/", Html.LocationPath(joined));
        var home = await Html.GetAsync(visitor, "/");
        Assert.Equal("Benvenuti S.r.l.", home.QuerySelector("h1")?.TextContent);
        Assert.Contains("Luca Neri", home.QuerySelector("main")?.TextContent);

        var membership = await org.MembershipAsync("luca@benvenuti.test");
        Assert.Equal((Role.TeamMember, sales.Id, true), (membership.Role, membership.DepartmentId, membership.IsActive));
        Assert.NotNull((await org.DbAsync(db => db.Set<Invitation>().AsNoTracking().SingleAsync())).AcceptedAt);

        // Used: the same link now answers 410 Gone with a clear message, and creates nothing more.
        var used = await app.Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.Gone, used.StatusCode);
        Assert.Contains("Invito non valido", await used.Content.ReadAsStringAsync());
        Assert.Equal(2, await org.DbAsync(db => db.Set<Membership>().CountAsync()));
    }

    [Fact]
    public async Task ExistingAccount_SignsInWithPasswordAndJoins()
    {
        var inviting = await app.CreateOrganizationAsync("Ospitante S.r.l.");
        var other = await app.CreateOrganizationAsync("Consulenza S.r.l.");
        var path = await InviteAsync(await inviting.SignInAsync(), other.AdminEmail, "CxLead");

        var visitor = app.Browser();
        var page = await Html.GetAsync(visitor, path);
        Assert.Null(page.QuerySelector("#display-name"));   // no new account: the password form

        var wrong = await Html.SubmitFormAsync(visitor, path, "invitation-sign-in", new() { ["SignInInput.Password"] = "Sbagliata-2026" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Password non corretta.", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(1, await inviting.DbAsync(db => db.Set<Membership>().CountAsync()));

        var joined = await Html.SubmitFormAsync(visitor, path, "invitation-sign-in", new() { ["SignInInput.Password"] = TestOrganization.Password });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal("Ospitante S.r.l.", (await Html.GetAsync(visitor, "/")).QuerySelector("h1")?.TextContent);
        Assert.Equal(Role.CxLead, (await inviting.MembershipAsync(other.AdminEmail)).Role);
        Assert.Equal(Role.Administrator, (await other.MembershipAsync(other.AdminEmail)).Role);   // the other membership is untouched
    }

    [Fact]
    public async Task ExpiredRevokedOrUnknownToken_IsRefusedWith404()
    {
        var org = await app.CreateOrganizationAsync("Scadenze S.r.l.");
        var admin = await org.SignInAsync();
        var expiredPath = await InviteAsync(admin, "tardi@scadenze.test", "Agent");
        await org.DbAsync(async db =>
        {
            var invitation = await db.Set<Invitation>().SingleAsync(i => i.Email == "tardi@scadenze.test");
            invitation.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });

        foreach (var path in new[] { expiredPath, "/invito/sconosciuto", "/invito/" + new string('x', 43) })
        {
            var response = await app.Browser().GetAsync(path);
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            Assert.Contains("Invito non valido", await response.Content.ReadAsStringAsync());
        }

        // A forged post to an expired invitation's form is refused and creates no account.
        var forged = await AdminTestKit.PostWithTokenAsync(app.Browser(), "/accedi", expiredPath, new()
        {
            ["_handler"] = "invitation-register",
            ["Input.DisplayName"] = "Tardi",
            ["Input.Password"] = "Benvenuto-2026",
        });
        Assert.False(forged.IsSuccessStatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<CerchioUser>>().FindByEmailAsync("tardi@scadenze.test"));
    }
}

public sealed class InvitationAcceptTestsOnSqlite(SqliteApp app) : InvitationAcceptTests(app), IClassFixture<SqliteApp>;

public sealed class InvitationAcceptTestsOnPostgres(PostgresApp app) : InvitationAcceptTests(app), IClassFixture<PostgresApp>;
