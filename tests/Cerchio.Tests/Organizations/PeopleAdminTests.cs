using AngleSharp.Dom;
using System.Net;
using Cerchio.Organizations.Domain;
using Cerchio.Organizations.Features.People;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Tests.Organizations;

public abstract class PeopleAdminTests(AppFixture app)
{
    [Fact]
    public async Task PeopleList_ShowsMembersWithRoleAndDepartment()
    {
        var org = await app.CreateOrganizationAsync("Elenco S.r.l.", ("operatore@elenco.test", Role.Agent));
        var page = await Html.GetAsync(await org.SignInAsync(), "/amministrazione/persone");

        var row = page.QuerySelectorAll("tbody tr").Single(tr => tr.TextContent.Contains("operatore@elenco.test"));
        Assert.Contains("Operatore customer service", row.TextContent);
        Assert.Contains("IT", row.TextContent);
        Assert.Contains(page.QuerySelectorAll("tbody tr"), tr => tr.TextContent.Contains(org.AdminEmail) && tr.TextContent.Contains("Amministratore"));
        Assert.Equal("Persone", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task ChangeRoleAndDepartment_IsSaved_AndAnUnknownDepartmentIsRefused()
    {
        var org = await app.CreateOrganizationAsync("Cambi S.r.l.", ("agente@cambi.test", Role.Agent));
        var client = await org.SignInAsync();
        var member = await org.MembershipAsync("agente@cambi.test");
        var sales = await org.DepartmentAsync("Vendite");
        var url = $"/amministrazione/persone/{member.Id}";

        var foreign = await (await app.CreateOrganizationAsync("Estranea S.r.l.")).DepartmentAsync("Vendite");
        var refused = await Html.SubmitFormAsync(client, url, "member", new() { ["Input.Role"] = "TeamMember", ["Input.DepartmentId"] = foreign.Id.ToString() });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Il reparto non è valido.", (await Html.ParseAsync(refused)).QuerySelector("#DepartmentId-error")?.TextContent);
        Assert.Equal(Role.Agent, (await org.MembershipAsync("agente@cambi.test")).Role);

        var saved = await Html.SubmitFormAsync(client, url, "member", new() { ["Input.Role"] = "TeamMember", ["Input.DepartmentId"] = sales.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await org.MembershipAsync("agente@cambi.test");
        Assert.Equal(Role.TeamMember, after.Role);
        Assert.Equal(sales.Id, after.DepartmentId);
    }

    [Fact]
    public async Task Administrator_CannotDemoteOrDeactivateThemself()
    {
        var org = await app.CreateOrganizationAsync("Se Stesso S.r.l.");
        var client = await org.SignInAsync();
        var self = await org.MembershipAsync(org.AdminEmail);
        var url = $"/amministrazione/persone/{self.Id}";

        var demote = await Html.SubmitFormAsync(client, url, "member", new() { ["Input.Role"] = "Agent", ["Input.DepartmentId"] = "" });
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        var page = await Html.ParseAsync(demote);
        Assert.Contains("Non puoi togliere a te stesso il ruolo di amministratore.", page.QuerySelector("#Role-error")?.TextContent);
        Assert.Equal("Agent", page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#member-role")?.Value);   // what was chosen is kept

        var deactivate = await Html.SubmitFormAsync(client, url, "member-active", []);
        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        Assert.Contains("Non puoi disattivare te stesso.", (await Html.ParseAsync(deactivate)).QuerySelector("#IsActive-error")?.TextContent);

        var after = await org.MembershipAsync(org.AdminEmail);
        Assert.Equal(Role.Administrator, after.Role);
        Assert.True(after.IsActive);
    }

    [Fact]
    public async Task AnotherAdministrator_CanBeDemotedAndDeactivated_WhileOneAdministratorStays()
    {
        var org = await app.CreateOrganizationAsync("Due Admin S.r.l.", ("seconda@dueadmin.test", Role.Administrator));
        var client = await org.SignInAsync(Role.Administrator);   // the second administrator (People keeps the last per role)
        var first = await org.MembershipAsync(org.AdminEmail);

        var deactivated = await Html.SubmitFormAsync(client, $"/amministrazione/persone/{first.Id}", "member-active", []);
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.False((await org.MembershipAsync(org.AdminEmail)).IsActive);

        // The first administrator has lost access at once.
        var firstClient = org.App.Browser();
        var signIn = await Html.SubmitFormAsync(firstClient, "/accedi", "sign-in", new() { ["Input.Email"] = org.AdminEmail, ["Input.Password"] = TestOrganization.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await firstClient.GetAsync("/amministrazione")).StatusCode);

        // Now the signed-in one is the last active administrator and cannot step down.
        var self = await org.MembershipAsync("seconda@dueadmin.test");
        var refused = await Html.SubmitFormAsync(client, $"/amministrazione/persone/{self.Id}", "member", new() { ["Input.Role"] = "CxLead" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(1, await org.DbAsync(db => db.Set<Membership>().CountAsync(m => m.IsActive && m.Role == Role.Administrator)));

        var reactivated = await Html.SubmitFormAsync(client, $"/amministrazione/persone/{first.Id}", "member-active", []);
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        Assert.True((await org.MembershipAsync(org.AdminEmail)).IsActive);
    }

    [Fact]
    public async Task AnotherOrganizationsMember_IsNotFound_AndNotChanged()
    {
        var mine = await app.CreateOrganizationAsync("Nostra S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Loro S.r.l.", ("agente@loro.test", Role.Agent));
        var foreign = await theirs.MembershipAsync("agente@loro.test");
        var client = await mine.SignInAsync();

        var page = await client.GetAsync($"/amministrazione/persone/{foreign.Id}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("agente@loro.test", await page.Content.ReadAsStringAsync());

        var forged = await AdminTestKit.PostWithTokenAsync(client, "/amministrazione/persone", $"/amministrazione/persone/{foreign.Id}",
            new() { ["_handler"] = "member-active" });
        Assert.False(forged.IsSuccessStatusCode);
        Assert.True((await theirs.MembershipAsync("agente@loro.test")).IsActive);

        var list = await Html.GetAsync(client, "/amministrazione/persone");
        Assert.DoesNotContain("agente@loro.test", list.Body!.TextContent);
    }

    [Fact]
    public async Task Invite_ShowsTheLinkOnce_StoresOnlyTheHash_AndCanBeRevoked()
    {
        var org = await app.CreateOrganizationAsync("Inviti S.r.l.", ("gia@inviti.test", Role.Agent));
        var client = await org.SignInAsync();
        var sales = await org.DepartmentAsync("Vendite");

        var bad = await Html.ParseAsync(await Html.SubmitFormAsync(client, "/amministrazione/persone", "invite",
            new() { ["Input.Email"] = "non-una-email", ["Input.Role"] = "CxLead" }));
        Assert.Contains("L'indirizzo email non è valido.", bad.QuerySelector("#Email-error")?.TextContent);
        Assert.Equal("non-una-email", bad.Value("#invite-email"));
        Assert.Equal("CxLead", bad.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#invite-role")?.Value);

        var member = await Html.ParseAsync(await Html.SubmitFormAsync(client, "/amministrazione/persone", "invite",
            new() { ["Input.Email"] = "gia@inviti.test", ["Input.Role"] = "Agent" }));
        Assert.Contains("fa già parte", member.QuerySelector("#Email-error")?.TextContent);

        var created = await Html.SubmitFormAsync(client, "/amministrazione/persone", "invite",
            new() { ["Input.Email"] = "nuova@inviti.test", ["Input.Role"] = "TeamMember", ["Input.DepartmentId"] = sales.Id.ToString() });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var page = await Html.ParseAsync(created);
        var link = page.Value("#invitation-link")!;
        var token = link[(link.IndexOf("/invito/", StringComparison.Ordinal) + "/invito/".Length)..];
        Assert.True(token.Length >= 40, link);
        Assert.Contains(page.QuerySelectorAll("tbody tr"), tr => tr.TextContent.Contains("nuova@inviti.test"));

        var stored = await org.DbAsync(db => db.Set<Invitation>().AsNoTracking().SingleAsync(i => i.Email == "nuova@inviti.test"));
        Assert.Equal(Invitation.HashToken(token), stored.TokenHash);
        Assert.NotEqual(token, stored.TokenHash);
        Assert.Equal((Role.TeamMember, sales.Id), (stored.Role, stored.DepartmentId));

        // Shown once: the list page afterwards does not carry it.
        var again = await client.GetAsync("/amministrazione/persone");
        Assert.DoesNotContain(token, await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync($"/invito/{token}")).StatusCode);

        var revoked = await AdminTestKit.PostRowAsync(client, "/amministrazione/persone", InvitationEndpoints.RevokePath, stored.Id);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.NotNull((await org.DbAsync(db => db.Set<Invitation>().AsNoTracking().SingleAsync(i => i.Id == stored.Id))).RevokedAt);
        Assert.Equal(HttpStatusCode.Gone, (await app.Browser().GetAsync($"/invito/{token}")).StatusCode);
        Assert.DoesNotContain("nuova@inviti.test", (await Html.GetAsync(client, "/amministrazione/persone")).Body!.TextContent);
    }

    [Fact]
    public async Task RevokingAnotherOrganizationsInvitation_IsNotFound()
    {
        var mine = await app.CreateOrganizationAsync("Revoca Mia S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Revoca Loro S.r.l.");
        await Html.SubmitFormAsync(await theirs.SignInAsync(), "/amministrazione/persone", "invite",
            new() { ["Input.Email"] = "ospite@loro.test", ["Input.Role"] = "Agent" });
        var foreign = await theirs.DbAsync(db => db.Set<Invitation>().AsNoTracking().SingleAsync());

        var response = await AdminTestKit.PostWithTokenAsync(await mine.SignInAsync(), "/amministrazione/persone", InvitationEndpoints.RevokePath,
            new() { ["id"] = foreign.Id.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null((await theirs.DbAsync(db => db.Set<Invitation>().AsNoTracking().SingleAsync())).RevokedAt);
    }
}

public sealed class PeopleAdminTestsOnSqlite(SqliteApp app) : PeopleAdminTests(app), IClassFixture<SqliteApp>;

public sealed class PeopleAdminTestsOnPostgres(PostgresApp app) : PeopleAdminTests(app), IClassFixture<PostgresApp>;
