using AngleSharp.Dom;
using System.Net;
using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Organizations;

public abstract class ProfileAndOrganizationTests(AppFixture app)
{
    private async Task<CerchioUser> UserAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<CerchioUser>>().FindByEmailAsync(email))!;
    }

    [Fact]
    public async Task Profile_SwitchToEnglish_RendersPagesInEnglish_AndKeepsTheOrganization()
    {
        var org = await app.CreateOrganizationAsync("Lingue S.r.l.");
        var client = await org.SignInAsync();

        var empty = await Html.SubmitFormAsync(client, "/profilo", "profile", new() { ["Input.DisplayName"] = "", ["Input.Language"] = "en" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var errors = await Html.ParseAsync(empty);
        Assert.Contains("Il nome e cognome è obbligatorio.", errors.QuerySelector("#DisplayName-error")?.TextContent);
        Assert.Equal("en", errors.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#language")?.Value);

        var saved = await Html.SubmitFormAsync(client, "/profilo", "profile", new() { ["Input.DisplayName"] = "Anna Lingue", ["Input.Language"] = "en" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(("Anna Lingue", "en"), ((await UserAsync(org.AdminEmail)).DisplayName, (await UserAsync(org.AdminEmail)).Language));

        var profile = await Html.GetAsync(client, "/profilo?salvato=profilo");
        Assert.Equal("en", profile.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Profile", profile.QuerySelector("h1")?.TextContent);
        Assert.Contains("Profile saved.", profile.Body!.TextContent);
        var admin = await Html.GetAsync(client, "/amministrazione/reparti");
        Assert.Equal("Departments", admin.QuerySelector("h1")?.TextContent);
        Assert.Contains("Anna Lingue", (await Html.GetAsync(client, "/")).QuerySelector("#user-menu")?.TextContent);
    }

    [Fact]
    public async Task Profile_ChangePassword_ChecksTheCurrentOne_AndKeepsTheSession()
    {
        var org = await app.CreateOrganizationAsync("Password S.r.l.");
        var client = await org.SignInAsync();

        var wrong = await Html.ParseAsync(await Html.SubmitFormAsync(client, "/profilo", "password",
            new() { ["Password.Current"] = "Sbagliata-2026", ["Password.New"] = "Nuovissima-2027" }));
        Assert.Contains("La password attuale non è corretta.", wrong.QuerySelector("#CurrentPassword-error")?.TextContent);

        var weak = await Html.ParseAsync(await Html.SubmitFormAsync(client, "/profilo", "password",
            new() { ["Password.Current"] = TestOrganization.Password, ["Password.New"] = "corta" }));
        Assert.NotNull(weak.QuerySelector("#NewPassword-error"));

        var changed = await Html.SubmitFormAsync(client, "/profilo", "password",
            new() { ["Password.Current"] = TestOrganization.Password, ["Password.New"] = "Nuovissima-2027" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/amministrazione")).StatusCode);

        foreach (var (password, works) in new[] { (TestOrganization.Password, false), ("Nuovissima-2027", true) })
        {
            var signIn = await Html.SubmitFormAsync(app.Browser(), "/accedi", "sign-in", new() { ["Input.Email"] = org.AdminEmail, ["Input.Password"] = password });
            Assert.Equal(works ? HttpStatusCode.Redirect : HttpStatusCode.OK, signIn.StatusCode);
        }
    }

    [Fact]
    public async Task OrganizationSettings_ValidatesVat_KeepsValues_AndSaves()
    {
        var org = await app.CreateOrganizationAsync("Impostazioni S.r.l.");
        var client = await org.SignInAsync();

        var bad = await Html.SubmitFormAsync(client, "/amministrazione/organizzazione", "organization",
            new() { ["Input.Name"] = "Impostazioni Nuove S.r.l.", ["Input.VatNumber"] = "12345", ["Input.Language"] = "it" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await Html.ParseAsync(bad);
        Assert.Contains("partita IVA", page.QuerySelector("#VatNumber-error")?.TextContent);
        Assert.Equal("Impostazioni Nuove S.r.l.", page.Value("#org-name"));
        Assert.Equal("12345", page.Value("#vat"));
        Assert.Equal("Impostazioni S.r.l.", (await org.DbAsync(db => db.Set<Organization>().SingleAsync())).Name);

        var good = await Html.SubmitFormAsync(client, "/amministrazione/organizzazione", "organization",
            new() { ["Input.Name"] = "Impostazioni Nuove S.r.l.", ["Input.VatNumber"] = "IT 01234567897", ["Input.Language"] = "en" });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = await org.DbAsync(db => db.Set<Organization>().SingleAsync());
        Assert.Equal(("Impostazioni Nuove S.r.l.", "01234567897", "en"), (saved.Name, saved.VatNumber, saved.Language));
        Assert.Equal("Impostazioni Nuove S.r.l.", (await Html.GetAsync(client, "/")).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task NewOrganization_AnyoneCanCreateOne_BecomesItsAdministrator_AndSwitchesToIt()
    {
        var org = await app.CreateOrganizationAsync("Partenza S.r.l.", ("agente@partenza.test", Role.Agent));
        var client = await org.SignInAsync(Role.Agent);

        var bad = await Html.SubmitFormAsync(client, "/organizzazioni/nuova", "new-organization",
            new() { ["Input.Name"] = "Arrivo S.r.l.", ["Input.VatNumber"] = "999", ["Input.Language"] = "it" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var page = await Html.ParseAsync(bad);
        Assert.NotNull(page.QuerySelector("#VatNumber-error"));
        Assert.Equal("Arrivo S.r.l.", page.Value("#org-name"));

        var created = await Html.SubmitFormAsync(client, "/organizzazioni/nuova", "new-organization",
            new() { ["Input.Name"] = "Arrivo S.r.l.", ["Input.VatNumber"] = "", ["Input.Language"] = "it" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/", Html.LocationPath(created));
        Assert.Equal("Arrivo S.r.l.", (await Html.GetAsync(client, "/")).QuerySelector("h1")?.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/amministrazione/reparti")).StatusCode);   // administrator there

        // Still an agent in the first organization.
        Assert.Equal(Role.Agent, (await org.MembershipAsync("agente@partenza.test")).Role);
    }
}

public sealed class ProfileAndOrganizationTestsOnSqlite(SqliteApp app) : ProfileAndOrganizationTests(app), IClassFixture<SqliteApp>;

public sealed class ProfileAndOrganizationTestsOnPostgres(PostgresApp app) : ProfileAndOrganizationTests(app), IClassFixture<PostgresApp>;
