using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Customers.Domain;
using Cerchio.Data;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Organizations;

/// <summary>A consultant in two organizations, two tabs: a form rendered for one is never saved into the other.</summary>
public abstract class StaleFormTests(AppFixture app)
{
    [Fact]
    public async Task FormRenderedForOneOrganization_IsRefused_AfterSwitchingToAnother()
    {
        var a = await app.CreateOrganizationAsync("Scheda A S.r.l.");
        var b = await app.CreateOrganizationAsync("Scheda B S.r.l.", (a.AdminEmail, Role.Administrator));
        var client = await a.SignInAsync();
        var home = await Html.GetAsync(client, "/");
        var current = home.QuerySelector("h1")!.TextContent == a.Name ? a : b;
        var other = current == a ? b : a;
        var staleTab = (await Html.GetAsync(client, "/clienti/nuovo")).QuerySelectorAll<IHtmlFormElement>("form")
            .Single(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == "create-customer");

        var switchForm = home.QuerySelectorAll<IHtmlFormElement>("form[action='/organizzazioni/cambia']")
            .Single(f => f.QuerySelector<IHtmlInputElement>("input[name=organizationId]")!.Value == other.Id.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await Html.PostFormAsync(client, switchForm, [])).StatusCode);
        Assert.Equal(other.Name, (await Html.GetAsync(client, "/")).QuerySelector("h1")!.TextContent);

        var posted = await Html.PostFormAsync(client, staleTab, new() { ["Input.Name"] = "Dati di " + current.Name });
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var refusal = await Html.ParseAsync(posted);
        Assert.Equal("Modulo non più valido", refusal.QuerySelector("h1")!.TextContent);
        Assert.Contains(other.Name, refusal.QuerySelector("main")!.TextContent);
        Assert.Equal("/clienti/nuovo", refusal.QuerySelector("main a")!.GetAttribute("href"));
        foreach (var org in new[] { a, b })
        {
            Assert.Equal(0, await app.InOrganizationAsync(org.Id, s => s.GetRequiredService<CerchioDb>().Set<Customer>().CountAsync()));
        }

        // The same form, loaded again in the organization now chosen, works.
        var fresh = await Html.SubmitFormAsync(client, "/clienti/nuovo", "create-customer", new() { ["Input.Name"] = "Cliente di " + other.Name });
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal(1, await app.InOrganizationAsync(other.Id, s => s.GetRequiredService<CerchioDb>().Set<Customer>().CountAsync()));
    }
}

public sealed class StaleFormTestsOnSqlite(SqliteApp app) : StaleFormTests(app), IClassFixture<SqliteApp>;

public sealed class StaleFormTestsOnPostgres(PostgresApp app) : StaleFormTests(app), IClassFixture<PostgresApp>;
