using System.Net;
using AngleSharp.Dom;
using Cerchio.Data;
using Cerchio.Journeys.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Journeys;

/// <summary>
/// Read-only links to a journey map, on both databases: made by the CX lead and shown once, opening the map without
/// an account and without links into the desk; tampered, expired and revoked links open nothing; only the token's
/// hash is stored; another organization's journey cannot be shared from here.
/// </summary>
public abstract class JourneyShareTests(AppFixture app)
{
    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private static async Task<string> DefaultMapPathAsync(HttpClient client) =>
        (await Html.GetAsync(client, "/viaggi/mappe")).QuerySelector("[data-journey] a")!.GetAttribute("href")!;

    [Fact]
    public async Task ShareLink_OpensTheMapReadOnlyWithoutAnAccount_UntilRevokedOrExpired()
    {
        var org = await app.CreateOrganizationAsync("Viaggi Condivisi S.r.l.", (Email("lead"), Role.CxLead), (Email("agente"), Role.Agent));
        var lead = await org.SignInAsync(Role.CxLead);
        var mapPath = await DefaultMapPathAsync(lead);
        var sharesPath = $"{mapPath}/condivisioni";
        Assert.NotNull((await Html.GetAsync(lead, sharesPath)).QuerySelector("#no-shares"));

        // Bad input: refused next to the fields, nothing stored.
        var refused = await Html.ParseAsync(await Html.SubmitFormAsync(lead, sharesPath, "share", new() { ["Input.Label"] = new string('x', 101), ["Input.Days"] = "0" }));
        Assert.NotNull(refused.QuerySelector("#Label-error"));
        Assert.NotNull(refused.QuerySelector("#Days-error"));
        Assert.Equal(0, await app.InOrganizationAsync(org.Id, s => s.GetRequiredService<CerchioDb>().Set<JourneyShareLink>().CountAsync()));

        var created = await Html.ParseAsync(await Html.SubmitFormAsync(lead, sharesPath, "share", new() { ["Input.Label"] = "Consulente <b>CX</b>", ["Input.Days"] = "7" }));
        var url = new Uri(created.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#new-share-url")!.Value);
        var token = url.AbsolutePath.Split('/').Last();
        Assert.Equal(43, token.Length);
        // Only the hash is kept; the list shows the label as text, never the token again.
        var stored = await app.InOrganizationAsync(org.Id, s => s.GetRequiredService<CerchioDb>().Set<JourneyShareLink>().SingleAsync());
        Assert.NotEqual(token, stored.TokenHash);
        Assert.Equal(64, stored.TokenHash.Length);
        var list = await Html.GetAsync(lead, sharesPath);
        Assert.DoesNotContain(token, list.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("Consulente <b>CX</b>", list.QuerySelector($"[data-share='{stored.Id}'] td")!.TextContent);

        // Anyone with the link, no account: the map, its cards and numbers, no links into the desk, no controls.
        var anonymous = app.Browser();
        var shared = await anonymous.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        var page = await Html.ParseAsync(shared);
        Assert.Equal("Cliente B2B", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(7, page.QuerySelectorAll("[data-stages] th[data-stage]").Length);
        Assert.Empty(page.QuerySelectorAll("#journey-map a"));
        Assert.Empty(page.QuerySelectorAll(".map-controls, form[method=post]"));
        Assert.Null(page.QuerySelector(".sidebar"));

        // Tampered, cut short, or made up: not found, and nothing says whether it ever existed.
        var tampered = (token[0] == 'A' ? "B" : "A") + token[1..];
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/condivisa/viaggi/{tampered}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/condivisa/viaggi/{token[..20]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/condivisa/viaggi/{stored.TokenHash}")).StatusCode);

        // Revoked: gone at once.
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(lead, sharesPath, "revoke", new() { ["Revoke.Link"] = stored.Id.ToString() })).StatusCode);
        var revoked = await anonymous.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, revoked.StatusCode);
        Assert.Contains("revocato", (await Html.ParseAsync(revoked)).QuerySelector("#share-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("revoked", (await Html.GetAsync(lead, sharesPath)).QuerySelector($"[data-share='{stored.Id}']")!.GetAttribute("data-state"));

        // Expired: a second link whose date has passed.
        var second = await Html.ParseAsync(await Html.SubmitFormAsync(lead, sharesPath, "share", new() { ["Input.Days"] = "1" }));
        var secondUrl = new Uri(second.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#new-share-url")!.Value);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(secondUrl.PathAndQuery)).StatusCode);
        await app.InOrganizationAsync(org.Id, async s =>
        {
            var db = s.GetRequiredService<CerchioDb>();
            var link = await db.Set<JourneyShareLink>().SingleAsync(l => l.RevokedAt == null);
            link.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });
        var expired = await anonymous.GetAsync(secondUrl.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("scaduto", (await Html.ParseAsync(expired)).QuerySelector("#share-problem")!.TextContent, StringComparison.Ordinal);

        // Agents do not share maps; a revoke of a link that is not there changes nothing.
        var agent = await org.SignInAsync(Role.Agent);
        Assert.NotEqual(HttpStatusCode.OK, (await agent.GetAsync(sharesPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Html.SubmitFormAsync(lead, sharesPath, "revoke", new() { ["Revoke.Link"] = Guid.NewGuid().ToString() })).StatusCode);
    }

    [Fact]
    public async Task AnotherOrganizationsJourney_CannotBeSharedOrRevoked()
    {
        var mine = await app.CreateOrganizationAsync("Viaggi Condivisi Miei S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Viaggi Condivisi Altrui S.r.l.");
        var theirAdmin = await theirs.SignInAsync();
        var theirShares = $"{await DefaultMapPathAsync(theirAdmin)}/condivisioni";
        await Html.SubmitFormAsync(theirAdmin, theirShares, "share", new() { ["Input.Days"] = "30" });
        var theirLink = await app.InOrganizationAsync(theirs.Id, s => s.GetRequiredService<CerchioDb>().Set<JourneyShareLink>().SingleAsync());

        var admin = await mine.SignInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(theirShares)).StatusCode);
        // My own share page's revoke form, pointed at their link: not found, their link stays open.
        var mineShares = $"{await DefaultMapPathAsync(admin)}/condivisioni";
        Assert.Equal(HttpStatusCode.NotFound, (await Html.SubmitFormAsync(admin, mineShares, "revoke", new() { ["Revoke.Link"] = theirLink.Id.ToString() })).StatusCode);
        Assert.Null((await app.InOrganizationAsync(theirs.Id, s => s.GetRequiredService<CerchioDb>().Set<JourneyShareLink>().SingleAsync())).RevokedAt);
    }
}

public sealed class JourneyShareTestsOnSqlite(SqliteApp app) : JourneyShareTests(app), IClassFixture<SqliteApp>;

public sealed class JourneyShareTestsOnPostgres(PostgresApp app) : JourneyShareTests(app), IClassFixture<PostgresApp>;
