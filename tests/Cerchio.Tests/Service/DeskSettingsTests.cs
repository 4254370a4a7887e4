using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Data.Audit;
using Cerchio.Service;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.OpenCase;
using Cerchio.Service.Features.Settings;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

/// <summary>The organization's own calendar and SLA policy: stored from the settings page, read by every desk feature.</summary>
public abstract class DeskSettingsTests(AppFixture app)
{
    private const string Page = "/assistenza/impostazioni";

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();

    /// <summary>Monday to Friday 09:00–13:00 only, closed on Sant'Ambrogio (7 December) every year.</summary>
    private static CalendarSettings MorningsAndSantAmbrogio() => new()
    {
        Week = [.. DeskSettingsInput.Week.Take(5).Select(d => new OpenInterval(d, new TimeOnly(9, 0), new TimeOnly(13, 0)))],
        Closures = [Closure.Yearly(12, 7, "Sant'Ambrogio")],
    };

    private Task<DeskSnapshot> StoredAsync(Guid organizationId) =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<ServiceSettings>().ForAsync(organizationId));

    private Task<bool> HasRowAsync(Guid organizationId) =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<DeskSettings>().AnyAsync());

    private static IElement? ErrorOf(IDocument page, string field) => page.QuerySelector($"[id='{field}-error']");

    [Fact]
    public async Task SettingsPage_StoresTheOrganizationsOwnCalendarAndPolicy_AndShowsThemBack()
    {
        var org = await app.CreateOrganizationAsync("Impostazioni S.r.l.");
        var admin = await org.SignInAsync();
        var complaint = Array.IndexOf(DeskSettingsInput.Types, CaseType.Complaint);
        var fields = new Dictionary<string, string>
        {
            ["Input.TimeZone"] = "Europe/Rome",
            ["Input.Closures[0].Name"] = "Sant'Ambrogio",
            ["Input.Closures[0].From"] = "2026-12-07",
            ["Input.Closures[0].EveryYear"] = "true",
            ["Input.Closures[1].Name"] = "Chiusura estiva",
            ["Input.Closures[1].From"] = "2026-08-10",
            ["Input.Closures[1].To"] = "2026-08-21",
            ["Input.Targets[0].FirstResponse"] = "2",
            ["Input.Targets[0].Resolution"] = "6",
            [$"Input.Overrides[{complaint}].FirstResponse"] = "1,5",
            ["Input.WarningPercent"] = "75",
            ["Input.AutoCloseDays"] = "10",
        };
        for (var d = 0; d < 5; d++)
        {
            fields[$"Input.Days[{d}].Start1"] = "09:00";
            fields[$"Input.Days[{d}].End1"] = "13:00";
            fields[$"Input.Days[{d}].Start2"] = "";
            fields[$"Input.Days[{d}].End2"] = "";
        }

        var response = await Html.SubmitFormAsync(admin, Page, "desk-settings", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Html.ParseAsync(response);
        Assert.NotNull(answer.QuerySelector("#settings-saved"));
        Assert.Null(answer.QuerySelector("#settings-errors"));

        var stored = await StoredAsync(org.Id);
        Assert.Equal(5, stored.Calendar.Settings.Week.Count);
        Assert.All(stored.Calendar.Settings.Week, i => Assert.Equal((new TimeOnly(9, 0), new TimeOnly(13, 0)), (i.Start, i.End)));
        Assert.Equal(
            [Closure.Yearly(12, 7, "Sant'Ambrogio"), Closure.Period(new(2026, 8, 10), new(2026, 8, 21), "Chiusura estiva")],
            stored.Calendar.Settings.Closures);
        Assert.False(stored.Calendar.IsWorkingDay(new DateOnly(2027, 12, 7)));
        Assert.Equal(new SlaTargets(TimeSpan.FromHours(2), TimeSpan.FromHours(6)), stored.Policy.For(CasePriority.Urgent, CaseType.Request));
        Assert.Equal(TimeSpan.FromMinutes(90), stored.Policy.For(CasePriority.Normal, CaseType.Complaint).FirstResponse);
        Assert.Equal(0.75, stored.Policy.WarningThreshold);
        Assert.Equal(10, stored.AutoCloseDays);

        // Shown back as stored, with empty rows to add closures.
        var page = await Html.GetAsync(admin, Page);
        Assert.Equal("09:00", page.QuerySelector<IHtmlInputElement>("#day-0-start1")!.Value);
        Assert.Equal("", page.QuerySelector<IHtmlInputElement>("#day-0-start2")!.Value);
        Assert.Equal("", page.QuerySelector<IHtmlInputElement>("#day-5-start1")!.Value);
        Assert.Equal("Sant'Ambrogio", page.QuerySelector<IHtmlInputElement>("#closure-0-name")!.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#closure-0-yearly")!.IsChecked);
        Assert.Equal("2026-08-21", page.QuerySelector<IHtmlInputElement>("#closure-1-to")!.Value);
        Assert.Equal("", page.QuerySelector<IHtmlInputElement>("#closure-2-name")!.Value);
        Assert.Equal("75", page.QuerySelector<IHtmlInputElement>("#warning-percent")!.Value);
        Assert.Equal("1,5", page.QuerySelector<IHtmlInputElement>($"#override-{complaint}-first")!.Value);

        // The change is in the organization's audit log, with who made it.
        var audit = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<AuditEntry>()
            .Where(a => a.EntityType == nameof(DeskSettings)).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(AuditAction.Created, entry.Action);
        Assert.Contains("Ambrogio", entry.Changes, StringComparison.Ordinal);
        Assert.Contains(org.AdminEmail, entry.ActorName);
    }

    [Fact]
    public async Task SettingsPage_WithMistakes_SavesNothing_AndSaysWhatIsWrongNextToEachField()
    {
        var org = await app.CreateOrganizationAsync("Errori S.r.l.");
        var admin = await org.SignInAsync();

        var response = await Html.SubmitFormAsync(admin, Page, "desk-settings", new()
        {
            ["Input.TimeZone"] = "Europe/Milano",
            ["Input.Days[0].Start1"] = "13:00",                 // closes before it opens
            ["Input.Days[0].End1"] = "09:00",
            ["Input.Days[1].Start1"] = "08:00",                 // the afternoon overlaps the morning
            ["Input.Days[1].End1"] = "13:00",
            ["Input.Days[1].Start2"] = "12:00",
            ["Input.Days[1].End2"] = "18:00",
            ["Input.Days[2].Start1"] = "25:00",                 // no such time
            ["Input.Closures[0].Name"] = "Ferie",
            ["Input.Closures[0].From"] = "2026-02-30",          // no such day
            ["Input.Closures[1].From"] = "2026-08-21",          // ends before it starts
            ["Input.Closures[1].To"] = "2026-08-10",
            ["Input.Targets[1].FirstResponse"] = "0",           // a target must be above zero
            ["Input.Targets[2].Resolution"] = "tre",
            ["Input.WarningPercent"] = "150",
            ["Input.AutoCloseDays"] = "-1",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("#settings-errors"));
        Assert.Null(page.QuerySelector("#settings-saved"));
        foreach (var field in new[] { "TimeZone", "Days[0].Slot1", "Days[1].Slot2", "Days[2].Slot1", "Closures[0]", "Closures[1]", "Targets[1]", "Targets[2]", "WarningPercent", "AutoCloseDays" })
        {
            Assert.True(ErrorOf(page, field) is not null, $"no error shown for {field}");
        }

        Assert.Null(ErrorOf(page, "Days[3].Slot1"));
        Assert.Contains("08:00–13:00", ErrorOf(page, "Days[1].Slot2")!.TextContent, StringComparison.Ordinal);
        // What was typed stays in the form.
        Assert.Equal("150", page.QuerySelector<IHtmlInputElement>("#warning-percent")!.Value);
        Assert.Equal("Ferie", page.QuerySelector<IHtmlInputElement>("#closure-0-name")!.Value);
        Assert.Equal("tre", page.QuerySelector<IHtmlInputElement>("#target-2-resolution")!.Value);

        Assert.False(await HasRowAsync(org.Id));
        Assert.Equal(DeskSettings.DefaultAutoCloseDays, (await StoredAsync(org.Id)).AutoCloseDays);
    }

    [Fact]
    public void EveryMessageOfTheSettingsForm_HasItsEnglishTranslation()
    {
        var input = new DeskSettingsInput
        {
            TimeZone = "Marte/Olympus",
            Days = [new() { Start1 = "9", End1 = "x" }, new() { Start1 = "14:00", End1 = "10:00" }],
            Closures = [new() { From = "ieri" }, new() { From = "2026-02-29", EveryYear = "true" }],
            Targets = [new() { FirstResponse = "-1" }],
            Overrides = [new() { FirstResponse = "mille" }],
            WarningPercent = "0",
            AutoCloseDays = "999",
        };

        var (calendar, policy, _, errors) = input.Read();

        Assert.Null(calendar);
        Assert.Null(policy);
        var loc = new Loc([new ServiceTranslations()]);
        Assert.True(errors.All.Count() >= 8, string.Join("; ", errors.All.Select(e => e.Field)));
        Assert.All(errors.All, e => Assert.True(loc.HasEnglish(e.Message.Text), $"no English for «{e.Message.Text}»"));
    }

    [Fact]
    public async Task TooManyClosures_AreRefused_AndNothingIsStored()
    {
        var org = await app.CreateOrganizationAsync("Troppe Chiusure S.r.l.");
        var calendar = CalendarSettings.ItalianDefault with
        {
            Closures = [.. Enumerable.Range(0, CalendarSettings.MaxClosures + 1).Select(i => Closure.Day(new DateOnly(2027, 1, 1).AddDays(i * 2)))],
        };

        var errors = await app.InOrganizationAsync(org.Id, services =>
            services.GetRequiredService<ServiceSettings>().SaveAsync(calendar, SlaPolicy.ItalianDefault, 7));

        Assert.NotEmpty(errors.For("Closures"));
        Assert.False(await HasRowAsync(org.Id));
    }

    [Fact]
    public async Task SettingsPage_IsForThoseWhoManageTheDesk()
    {
        var org = await app.CreateOrganizationAsync("Solo Gestori S.r.l.", ($"agente.{Guid.NewGuid():N}@example.test", Role.Agent));
        var agent = await org.SignInAsync(Role.Agent);

        var response = await agent.GetAsync(Page);

        Assert.False(response.IsSuccessStatusCode);
        Assert.DoesNotContain("/assistenza/impostazioni", (await Html.GetAsync(agent, "/assistenza")).Body!.InnerHtml, StringComparison.Ordinal);
        Assert.NotNull((await Html.GetAsync(await org.SignInAsync(), "/assistenza")).QuerySelector("a[href='/assistenza/impostazioni']"));
    }

    [Fact]
    public async Task DueTimes_FollowTheOrganizationsHoursAndClosedDays_ForOpenCasesOnly()
    {
        var org = await app.CreateOrganizationAsync("Calendario Proprio S.r.l.");
        // Thursday 3 December 2026, noon in Milan (UTC+1), on the Italian default week.
        var opened = At("2026-12-03T12:00:00+01:00");
        var normal = SlaPolicy.ItalianDefault.For(CasePriority.Normal, CaseType.Request);   // 8 h / 24 h
        var (openId, resolvedId) = await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var open = Case.Open(1, "Aperta", CaseType.Request, CasePriority.Normal, CaseChannel.Phone, opened, BusinessCalendar.ItalianDefault, normal);
            var resolved = Case.Open(2, "Risolta", CaseType.Request, CasePriority.Normal, CaseChannel.Phone, opened, BusinessCalendar.ItalianDefault, normal);
            resolved.AgentResponded(opened);
            resolved.MoveTo(CaseStatus.Resolved, opened, BusinessCalendar.ItalianDefault);
            db.AddRange(open, resolved);
            db.Add(new CaseCounter { OrganizationId = org.Id, LastNumber = 2 });
            await db.SaveChangesAsync();
            return (open.Id, resolved.Id);
        });
        var resolvedBefore = await CaseAsync(org.Id, resolvedId);
        // Default week (08:30–12:30, 14:00–18:00): Thursday 0.5 h + 4 h, Friday 3.5 h → Friday 12:00.
        Assert.Equal(At("2026-12-04T12:00:00+01:00"), (await CaseAsync(org.Id, openId)).FirstResponseDueAt);

        // At 15:00 the organization switches to mornings only (09:00–13:00) and closes on Sant'Ambrogio.
        var errors = await app.InOrganizationAsync(org.Id, services =>
            ActivatorUtilities.CreateInstance<ServiceSettings>(services, new ManualClock(At("2026-12-03T15:00:00+01:00")))
                .SaveAsync(MorningsAndSantAmbrogio(), SlaPolicy.ItalianDefault, 7));
        Assert.False(errors.Any);

        // First response: 6.5 h were left (Thursday 15–18, Friday 8:30–12:00). Friday 09–13 takes 4 h; Monday 7 is
        // Sant'Ambrogio, Tuesday 8 the Immacolata; Wednesday 9 from 09:00 the last 2.5 h → 11:30.
        var open = await CaseAsync(org.Id, openId);
        Assert.Equal(At("2026-12-09T11:30:00+01:00"), open.FirstResponseDueAt);
        Assert.Equal(open.FirstResponseDueAt, open.SlaDueAt);
        // Resolution: 22.5 h were left (due Wednesday 9 at 12:00 on the old week). Friday 4, Wednesday 9, Thursday 10,
        // Friday 11, Monday 14 take 20 h; Tuesday 15 from 09:00 the last 2.5 h → 11:30.
        Assert.Equal(At("2026-12-15T11:30:00+01:00"), open.ResolutionDueAt);
        // A resolved case keeps the times it was measured against.
        var resolvedAfter = await CaseAsync(org.Id, resolvedId);
        Assert.Equal((resolvedBefore.FirstResponseDueAt, resolvedBefore.ResolutionDueAt), (resolvedAfter.FirstResponseDueAt, resolvedAfter.ResolutionDueAt));

        // A case opened on Thursday at noon under the new calendar: Thursday 12–13 (1 h), Friday 4 h, then Wednesday 9
        // from 09:00 the last 3 h → 12:00. Resolution 24 h: 1 + 4 + 4 (Wed) + 4 (Thu) + 4 (Fri) + 4 (Mon 14) + 3 → Tuesday 15 at 12:00.
        var created = await app.InOrganizationAsync(org.Id, async services =>
            (await ActivatorUtilities.CreateInstance<CaseDesk>(services, new ManualClock(opened)).OpenAsync(new NewCase("Nuova", CaseChannel.Phone))).Case);
        Assert.Equal(At("2026-12-09T12:00:00+01:00"), created.FirstResponseDueAt);
        Assert.Equal(At("2026-12-15T12:00:00+01:00"), created.ResolutionDueAt);
    }

    [Fact]
    public async Task AnotherOrganizationsSettings_AreNeverReadNorChanged()
    {
        var mine = await app.CreateOrganizationAsync("Mie Impostazioni S.r.l.");
        var theirs = await app.CreateOrganizationAsync("Loro Impostazioni S.r.l.");
        var errors = await app.InOrganizationAsync(theirs.Id, services =>
            services.GetRequiredService<ServiceSettings>().SaveAsync(MorningsAndSantAmbrogio() with { Closures = [Closure.Yearly(6, 24, "San Giovanni Segreto")] }, SlaPolicy.ItalianDefault, 3));
        Assert.False(errors.Any);
        var admin = await mine.SignInAsync();

        var page = await Html.GetAsync(admin, Page);
        Assert.DoesNotContain("San Giovanni Segreto", page.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("14:00", page.QuerySelector<IHtmlInputElement>("#day-0-start2")!.Value);   // the Italian default, not theirs
        var saved = await Html.SubmitFormAsync(admin, Page, "desk-settings", new() { ["Input.AutoCloseDays"] = "20" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var theirsAfter = await StoredAsync(theirs.Id);
        Assert.Equal(3, theirsAfter.AutoCloseDays);
        Assert.Equal("San Giovanni Segreto", Assert.Single(theirsAfter.Calendar.Settings.Closures).Name);
        Assert.Equal(20, (await StoredAsync(mine.Id)).AutoCloseDays);
        Assert.Empty((await StoredAsync(mine.Id)).Calendar.Settings.Closures);
    }

    private Task<Case> CaseAsync(Guid organizationId, Guid id) =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<Case>().AsNoTracking().SingleAsync(c => c.Id == id));
}

public sealed class DeskSettingsTestsOnSqlite(SqliteApp app) : DeskSettingsTests(app), IClassFixture<SqliteApp>;

public sealed class DeskSettingsTestsOnPostgres(PostgresApp app) : DeskSettingsTests(app), IClassFixture<PostgresApp>;
