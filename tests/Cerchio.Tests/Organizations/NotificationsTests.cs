using System.Net;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Organizations;

/// <summary>The bell and /notifiche: a person sees, opens and marks only their own notifications.</summary>
public abstract class NotificationsTests(AppFixture app)
{
    /// <summary>Adds a notification for a person as a module would: through INotifications, saved with the caller's changes.</summary>
    private Task<Guid> NotifyAsync(Guid organizationId, Guid recipient, string title, string link = "/assistenza") =>
        app.InOrganizationAsync(organizationId, async services =>
        {
            await services.GetRequiredService<INotifications>().AddAsync(new NewNotification(NotificationKind.Mention, link, "{0}", title), [recipient]);
            var db = services.GetRequiredService<CerchioDb>();
            await db.SaveChangesAsync();
            return await db.Set<Notification>().Where(n => n.Title == title).Select(n => n.Id).SingleAsync();
        });

    private Task<Guid> UserIdAsync(string email) =>
        app.InOrganizationAsync(Guid.Empty, services => services.GetRequiredService<CerchioDb>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private Task<Notification> ReadAsync(Guid organizationId, Guid id) =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<Notification>().AsNoTracking().SingleAsync(n => n.Id == id));

    private static async Task<string?> BellAsync(HttpClient client, string url = "/profilo") =>
        (await Html.GetAsync(client, url)).QuerySelector("#notifications-bell")?.GetAttribute("aria-label");

    [Fact]
    public async Task Bell_CountsUnread_AndThePage_OpensMarksAndMarksAll_OnlyTheirOwn()
    {
        var agentEmail = $"agente.{Guid.NewGuid():N}@example.test";
        var org = await app.CreateOrganizationAsync("Campanella S.r.l.", (agentEmail, Role.Agent));
        var agent = await UserIdAsync(agentEmail);
        var admin = await UserIdAsync(org.AdminEmail);
        var first = await NotifyAsync(org.Id, agent, "Prima notizia", "/assistenza/pratiche/1");
        await NotifyAsync(org.Id, agent, "Seconda notizia");
        await NotifyAsync(org.Id, agent, "Terza notizia");
        var adminsOwn = await NotifyAsync(org.Id, admin, "Notizia per l'amministratore");
        var client = await org.SignInAsync(Role.Agent);

        Assert.Equal("3 notifiche non lette", await BellAsync(client));
        var fragment = await Html.GetAsync(client, "/notifiche/campanella");
        Assert.Equal("3", fragment.QuerySelector("#notifications-count")!.TextContent);
        Assert.Equal("/notifiche/campanella", fragment.QuerySelector("#notifications-bell")!.GetAttribute("hx-get"));
        Assert.Equal("{\"seen\": 3}", fragment.QuerySelector("#notifications-bell")!.GetAttribute("hx-vals"));
        // The page's polite region starts empty; a poll that finds more than the page showed fills it, the same count says nothing.
        var region = (await Html.GetAsync(client, "/profilo")).QuerySelector("#notifications-news")!;
        Assert.Equal(("status", ""), (region.GetAttribute("role"), region.TextContent));
        var news = (await Html.GetAsync(client, "/notifiche/campanella?seen=1")).QuerySelector("#notifications-news")!;
        Assert.Equal("innerHTML", news.GetAttribute("hx-swap-oob"));
        Assert.Equal("Nuove notifiche: 3 notifiche non lette", news.TextContent);
        Assert.Null((await Html.GetAsync(client, "/notifiche/campanella?seen=3")).QuerySelector("#notifications-news"));

        // Newest first, unread in bold; the administrator's is not there.
        var page = await Html.GetAsync(client, "/notifiche");
        var items = page.QuerySelectorAll("#notifications > li").ToList();
        Assert.Equal(["Terza notizia", "Seconda notizia", "Prima notizia"], items.Select(i => i.QuerySelector("button")!.TextContent).ToArray());
        Assert.All(items, i => Assert.Contains("fw-bold", i.QuerySelector("button")!.ClassName, StringComparison.Ordinal));

        // Opening one marks it read and leads to its page.
        var opened = await Html.SubmitFormAsync(client, "/notifiche", "open", new() { ["Open.Id"] = first.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/assistenza/pratiche/1", Html.LocationPath(opened));
        Assert.NotNull((await ReadAsync(org.Id, first)).ReadAt);
        Assert.Equal("2 notifiche non lette", await BellAsync(client));
        var read = (await Html.GetAsync(client, "/notifiche")).QuerySelectorAll("#notifications > li").Single(i => i.TextContent.Contains("Prima notizia", StringComparison.Ordinal));
        Assert.Equal("true", read.GetAttribute("data-read"));
        Assert.DoesNotContain("fw-bold", read.QuerySelector("button")!.ClassName, StringComparison.Ordinal);

        // Someone else's notification: 404, and it stays unread.
        var foreign = await Html.SubmitFormAsync(client, "/notifiche", "open", new() { ["Open.Id"] = adminsOwn.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var missing = await foreign.Content.ReadAsStringAsync();
        Assert.Contains("Non trovato", missing, StringComparison.Ordinal);
        Assert.DoesNotContain("Notizia per l&#x27;amministratore", missing, StringComparison.Ordinal);
        Assert.Null((await ReadAsync(org.Id, adminsOwn)).ReadAt);

        // Mark all: the agent's, not the administrator's.
        var all = await Html.SubmitFormAsync(client, "/notifiche", "mark-all", new());
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.Equal("Notifiche: nessuna non letta", await BellAsync(client));
        Assert.All((await Html.GetAsync(client, "/notifiche")).QuerySelectorAll("#notifications > li"), i => Assert.Equal("true", i.GetAttribute("data-read")));
        Assert.Null((await ReadAsync(org.Id, adminsOwn)).ReadAt);
        Assert.Equal("1 notifica non letta", await BellAsync(await org.SignInAsync()));
    }

    [Fact]
    public async Task AnotherOrganizationsNotifications_AreNeitherCountedNorMarked_NorCanTheyBeSentThere()
    {
        var mine = await app.CreateOrganizationAsync("Mie Notifiche S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Loro Notifiche S.r.l.");
        var theirAdmin = await UserIdAsync(theirs.AdminEmail);
        var theirNotification = await NotifyAsync(theirs.Id, theirAdmin, "Notizia riservata");
        await NotifyAsync(mine.Id, await UserIdAsync(mine.AdminEmail), "Notizia mia");
        // Nobody outside the organization is told: a recipient of another organization gets nothing.
        var told = await app.InOrganizationAsync(mine.Id, async services =>
        {
            var people = await services.GetRequiredService<INotifications>().AddAsync(new NewNotification(NotificationKind.Mention, "/", "Per un estraneo"), [theirAdmin]);
            await services.GetRequiredService<CerchioDb>().SaveChangesAsync();
            return people;
        });
        Assert.Empty(told);
        var client = await mine.SignInAsync();

        Assert.Equal("1 notifica non letta", await BellAsync(client));
        Assert.Equal(HttpStatusCode.NotFound, (await Html.SubmitFormAsync(client, "/notifiche", "open", new() { ["Open.Id"] = theirNotification.ToString() })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitFormAsync(client, "/notifiche", "mark-all", new())).StatusCode);
        Assert.Equal("Notifiche: nessuna non letta", await BellAsync(client));
        Assert.Null((await ReadAsync(theirs.Id, theirNotification)).ReadAt);
        Assert.Equal(1, await app.InOrganizationAsync(theirs.Id, services => services.GetRequiredService<CerchioDb>().Set<Notification>().CountAsync()));
        Assert.Equal(["Notizia mia"], await app.InOrganizationAsync(mine.Id, services => services.GetRequiredService<CerchioDb>().Set<Notification>().Select(n => n.Title).ToArrayAsync()));
    }

    [Fact]
    public async Task ALinkOutsideTheApp_IsStoredAsHome()
    {
        var org = await app.CreateOrganizationAsync("Collegamenti S.r.l.");
        var id = await NotifyAsync(org.Id, await UserIdAsync(org.AdminEmail), "Vai fuori", "https://altrove.example/x");
        Assert.Equal("/", (await ReadAsync(org.Id, id)).Link);
        var opened = await Html.SubmitFormAsync(await org.SignInAsync(), "/notifiche", "open", new() { ["Open.Id"] = id.ToString() });
        Assert.Equal("/", Html.LocationPath(opened));
    }
}

public sealed class NotificationsTestsOnSqlite(SqliteApp app) : NotificationsTests(app), IClassFixture<SqliteApp>;

public sealed class NotificationsTestsOnPostgres(PostgresApp app) : NotificationsTests(app), IClassFixture<PostgresApp>;
