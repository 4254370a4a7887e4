using System.Net;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Organizations.Domain;
using Cerchio.Organizations.Features.Notifications;
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

    /// <summary>Adds notifications straight to the table, each at its own chosen time (and read or not).</summary>
    private Task SeedAsync(Guid organizationId, IEnumerable<(Guid Recipient, string Title, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)> rows) =>
        app.InOrganizationAsync(organizationId, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            db.AddRange(rows.Select(r => new Notification
            {
                Id = Ids.New(), RecipientId = r.Recipient, Kind = NotificationKind.Mention, Title = r.Title, Link = "/assistenza", CreatedAt = r.CreatedAt, ReadAt = r.ReadAt,
            }));
            return await db.SaveChangesAsync();
        });

    private static List<string> Titles(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("#notifications > li button").Select(b => b.TextContent).ToList();

    [Fact]
    public async Task ThePages_ShowEveryNotificationOnce_NewestFirst_AndOnlyTheirOwn()
    {
        var agentEmail = $"agente.{Guid.NewGuid():N}@example.test";
        var org = await app.CreateOrganizationAsync("Pagine di Notifiche S.r.l.", (agentEmail, Role.Agent));
        var other = await app.CreateOrganizationAsync("Altre Pagine S.r.l.");
        var admin = await UserIdAsync(org.AdminEmail);
        var now = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        // 120 across three pages of 50; half of them at one same instant, across a page's edge, so only the id orders them.
        var mine = Enumerable.Range(0, 120).Select(i => (admin, $"Mia {i:000}", i < 60 ? now.AddMinutes(-30) : now.AddMinutes(-i), (DateTimeOffset?)null)).ToList();
        await SeedAsync(org.Id, mine);
        var agent = await UserIdAsync(agentEmail);
        await SeedAsync(org.Id, Enumerable.Range(0, 10).Select(i => (agent, $"Del collega {i}", now.AddMinutes(-30), (DateTimeOffset?)null)));
        await SeedAsync(other.Id, Enumerable.Range(0, 10).Select(i => (admin, $"Di un'altra organizzazione {i}", now.AddMinutes(-30), (DateTimeOffset?)null)));
        var client = await org.SignInAsync();

        var seen = new List<string>();
        var pages = 0;
        string? url = "/notifiche";
        while (url is not null)
        {
            var page = await Html.GetAsync(client, url);
            pages++;
            Assert.Equal(pages > 1, page.QuerySelector("#newest-notifications") is not null);
            seen.AddRange(Titles(page));
            url = page.QuerySelector("#older-notifications")?.GetAttribute("href");
            Assert.True(pages <= 3, "the pages never end");
        }

        Assert.Equal(3, pages);
        Assert.Equal(120, seen.Count);
        Assert.Equal(mine.Select(m => m.Item2).Order(), seen.Order());
        // Newest first: the 60 at one instant (30 minutes ago) come after those of the last 30 minutes, before the older ones.
        Assert.Equal(mine.OrderByDescending(m => m.Item3).Select(m => m.Item3), seen.Select(t => mine.Single(m => m.Item2 == t).Item3));
        var first = await Html.GetAsync(client, "/notifiche");
        Assert.Equal(Notifications.PageSize, Titles(first).Count);
        Assert.Equal("Mostra le precedenti", first.QuerySelector("#older-notifications")!.TextContent);

        // A cursor this page did not write starts from the newest; one naming another person's notification still lists only mine.
        foreach (var bad in new[] { "x", "123", "-5_" + Guid.NewGuid().ToString("N"), "1_" + Guid.NewGuid(), $"{long.MaxValue}_{Guid.NewGuid():N}", new string('9', 500) })
        {
            Assert.Equal(Titles(first), Titles(await Html.GetAsync(client, $"/notifiche?dopo={Uri.EscapeDataString(bad)}")));
        }

        var colleagues = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<Notification>()
            .Where(n => n.RecipientId == agent).OrderBy(n => n.Id).ToListAsync());
        var afterTheirs = await Html.GetAsync(client, $"/notifiche?dopo={colleagues[5].CreatedAt.UtcTicks}_{colleagues[5].Id:N}");
        Assert.NotEmpty(Titles(afterTheirs));
        Assert.All(Titles(afterTheirs), t => Assert.StartsWith("Mia ", t, StringComparison.Ordinal));

        // Past the last one: says so, and leads back to the newest.
        var end = await Html.GetAsync(client, $"/notifiche?dopo={now.AddDays(-1).UtcTicks}_{Guid.Empty:N}");
        Assert.Empty(Titles(end));
        Assert.Equal("Non ci sono notifiche precedenti.", end.QuerySelector("#no-notifications")!.TextContent);
        Assert.NotNull(end.QuerySelector("#newest-notifications"));
        Assert.Null(end.QuerySelector("#older-notifications"));

        // The colleague's own pages: theirs only, one page, no links.
        var theirs = await Html.GetAsync(await org.SignInAsync(Role.Agent), "/notifiche");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"Del collega {i}").Order(), Titles(theirs).Order());
        Assert.Null(theirs.QuerySelector("#older-notifications"));
        Assert.Null(theirs.QuerySelector("#newest-notifications"));
    }

    [Fact]
    public async Task Pruning_DeletesReadOnesAfter90Days_AndEveryOneAfterAYear_InEveryOrganization_AndNothingElse()
    {
        var org = await app.CreateOrganizationAsync("Potatura S.r.l.");
        var other = await app.CreateOrganizationAsync("Altra Potatura S.r.l.");
        var now = DateTimeOffset.UtcNow;
        (Guid, string, DateTimeOffset, DateTimeOffset?)[] Rows(Guid recipient, string who) =>
        [
            (recipient, $"{who}: letta 91 giorni fa", now.AddDays(-91), now.AddDays(-91)),
            (recipient, $"{who}: di 100 giorni, letta ieri", now.AddDays(-100), now.AddDays(-1)),
            (recipient, $"{who}: non letta da 366 giorni", now.AddDays(-366), null),
            (recipient, $"{who}: letta, di 89 giorni", now.AddDays(-89), now.AddDays(-89)),
            (recipient, $"{who}: non letta da 200 giorni", now.AddDays(-200), null),
            (recipient, $"{who}: nuova", now, null),
        ];
        await SeedAsync(org.Id, Rows(await UserIdAsync(org.AdminEmail), "mia"));
        await SeedAsync(other.Id, Rows(await UserIdAsync(other.AdminEmail), "altra"));
        Task<string[]> LeftAsync(Guid organizationId) => app.InOrganizationAsync(organizationId, services =>
            services.GetRequiredService<CerchioDb>().Set<Notification>().OrderBy(n => n.Title).Select(n => n.Title).ToArrayAsync());

        // A batch of two: the pass goes on until a batch comes back short.
        var pruning = ActivatorUtilities.CreateInstance<NotificationPruning>(app.Services, new ManualClock(now), 2);
        Assert.Equal(6, await pruning.RunAsync(CancellationToken.None));   // other tests' notifications are all new: none of theirs go

        Assert.Equal(["mia: letta, di 89 giorni", "mia: non letta da 200 giorni", "mia: nuova"], await LeftAsync(org.Id));
        Assert.Equal(["altra: letta, di 89 giorni", "altra: non letta da 200 giorni", "altra: nuova"], await LeftAsync(other.Id));
        // Again, or from a second instance: nothing more goes.
        Assert.Equal(0, await pruning.RunAsync(CancellationToken.None));
        Assert.Equal(3, (await LeftAsync(org.Id)).Length);
    }
}

public sealed class NotificationsTestsOnSqlite(SqliteApp app) : NotificationsTests(app), IClassFixture<SqliteApp>;

public sealed class NotificationsTestsOnPostgres(PostgresApp app) : NotificationsTests(app), IClassFixture<PostgresApp>;
