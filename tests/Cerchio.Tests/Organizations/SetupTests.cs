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
