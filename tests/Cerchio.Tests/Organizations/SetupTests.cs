using AngleSharp.Dom;
using System.Net;
using Cerchio.Tests.Infrastructure;

namespace Cerchio.Tests.Organizations;

/// <summary>The first visit to an empty installation. Each class gets its own empty database.</summary>
public abstract class SetupTests(AppFixture app)
{
    [Fact]
    public async Task FirstVisit_ShowsSetup_ThenCreatesOrganizationAndSignsIn()
    {
        var client = app.Browser();
        var first = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/configurazione", Html.LocationPath(first));

        // Bad input: errors next to the fields, what was typed is kept, nothing created.
        var bad = await Html.SubmitFormAsync(client, "/configurazione", "setup", new()
        {
            ["Input.OrganizationName"] = "Mobili Verdi S.r.l.",
            ["Input.VatNumber"] = "12345",
            ["Input.DisplayName"] = "Carla Verdi",
            ["Input.Email"] = "carla@verdi.test",
            ["Input.Password"] = "short",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var page = await Html.ParseAsync(bad);
        Assert.Contains("partita IVA", page.QuerySelector("#VatNumber-error")?.TextContent);
        Assert.NotNull(page.QuerySelector("#Password-error"));
        Assert.Equal("Mobili Verdi S.r.l.", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#org-name")?.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);   // still no organization

        var good = await Html.SubmitFormAsync(client, "/configurazione", "setup", new()
        {
            ["Input.OrganizationName"] = "Mobili Verdi S.r.l.",
            ["Input.VatNumber"] = "01234567897",
            ["Input.DisplayName"] = "Carla Verdi",
            ["Input.Email"] = "carla@verdi.test",
            ["Input.Password"] = "Buongiorno2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);

        var home = await Html.GetAsync(client, "/");
        Assert.Equal("Mobili Verdi S.r.l.", home.QuerySelector("h1")?.TextContent);

        // Set-up happens once: afterwards it leads to sign-in.
        var again = await app.Browser().GetAsync("/configurazione");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith("/accedi", Html.LocationPath(again));
    }
}

public sealed class SetupTestsOnSqlite(SqliteApp app) : SetupTests(app), IClassFixture<SqliteApp>;

public sealed class SetupTestsOnPostgres(PostgresApp app) : SetupTests(app), IClassFixture<PostgresApp>;

/// <summary>The set-up page's other choice: the demo company, administered by the person who sets it up.</summary>
public abstract class SetupDemoTests(AppFixture app)
{
    [Fact]
    public async Task Setup_WithTheDemo_CreatesRossiArredamenti_AndShowsTheDemoSignIns()
    {
        var client = app.Browser();
        var response = await Html.SubmitFormAsync(client, "/configurazione", "setup", new()
        {
            ["Input.LoadDemo"] = "true",
            ["Input.DisplayName"] = "Chiara Demo",
            ["Input.Email"] = "chiara@demo.test",
            ["Input.Password"] = "Dimostrazione2026",
        });
        Assert.Equal("/?demo=1", Html.LocationPath(response));

        var home = await Html.GetAsync(client, "/?demo=1");
        Assert.Equal(Cerchio.Web.Features.Demo.DemoCompany.Name, home.QuerySelector("h1")!.TextContent);
        Assert.Contains("admin@rossiarredamenti.it", home.QuerySelector("#demo-logins")!.ParentElement!.TextContent);
        Assert.Equal("300", home.QuerySelector("#customer-count")!.TextContent);

        var people = await Html.GetAsync(client, "/amministrazione/persone");
        Assert.Contains("chiara@demo.test", people.Body!.TextContent);
        Assert.Contains("giulia.conti@rossiarredamenti.it", people.Body!.TextContent);
    }
}

public sealed class SetupDemoTestsOnSqlite(SqliteApp app) : SetupDemoTests(app), IClassFixture<SqliteApp>;

public sealed class SetupDemoTestsOnPostgres(PostgresApp app) : SetupDemoTests(app), IClassFixture<PostgresApp>;
