using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

/// <summary>
/// Complaints are not hidden: one that names a department or a person stays under that name on the complaints page,
/// whoever handles it, and only the CX lead may clear it or change whom it names.
/// </summary>
public abstract class ComplaintsTests(AppFixture app)
{
    private sealed record Desk(TestOrganization Org, int Number, Guid Sales, Guid It, Guid Salesperson);

    /// <summary>An organization with an agent, a salesperson in Vendite, a CX lead and an executive, and one open case.</summary>
    private async Task<Desk> DeskAsync(string name)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var org = await app.CreateOrganizationAsync(name,
            ($"operatore.{unique}@reclami.test", Role.Agent), ($"venditore.{unique}@reclami.test", Role.TeamMember),
            ($"cx.{unique}@reclami.test", Role.CxLead), ($"direzione.{unique}@reclami.test", Role.Executive));
        var (sales, it, salesperson) = await app.InOrganizationAsync(org.Id, async services =>
        {
            var directory = services.GetRequiredService<IOrganizationDirectory>();
            var departments = await directory.DepartmentsAsync();
            var member = (await directory.MembersAsync()).Single(m => m.Role == Role.TeamMember);
            return (departments.Single(d => d.Name == "Vendite").Id, departments.Single(d => d.Name == "IT").Id, member.UserId);
        });
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Rossi Mobili S.r.l.", external_id = "R-1" })).EnsureSuccessStatusCode();
        var created = await (await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Il venditore non richiama mai", customer = new { external_id = "R-1" }, channel = "phone", touchpoint = "commerciale" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return new Desk(org, created.GetProperty("number").GetInt32(), sales, it, salesperson);
    }

    private Task<Case> CaseAsync(Desk desk) =>
        app.InOrganizationAsync(desk.Org.Id, sp => sp.GetRequiredService<CerchioDb>().Set<Case>().AsNoTracking().SingleAsync(c => c.Number == desk.Number));

    private static Task<HttpResponseMessage> ComplainAsync(HttpClient client, Desk desk, bool flag, Guid? department, Guid? person) =>
        Html.SubmitFormAsync(client, $"/assistenza/pratiche/{desk.Number}", "complaint", Fields(flag, department, person));

    [Fact]
    public async Task AComplaintNamingSales_StaysUnderSales_AndOnlyTheCxLeadMayClearOrMoveIt()
    {
        var desk = await DeskAsync("Reclami Visibili S.r.l.");
        var agent = await desk.Org.SignInAsync(Role.Agent);

        var flagged = await ComplainAsync(agent, desk, true, desk.Sales, desk.Salesperson);

        Assert.Equal(HttpStatusCode.Redirect, flagged.StatusCode);
        var named = await CaseAsync(desk);
        Assert.Equal((true, (Guid?)desk.Sales, (Guid?)desk.Salesperson), (named.IsComplaint, named.ComplaintAboutDepartmentId, named.ComplaintAboutPersonId));

        // The named salesperson sees it locked, and a hand-made post to clear it or move it to IT changes nothing.
        var salesperson = await desk.Org.SignInAsync(Role.TeamMember);
        var page = await Html.GetAsync(salesperson, $"/assistenza/pratiche/{desk.Number}");
        Assert.NotNull(page.QuerySelector("#complaint-locked"));
        Assert.True(page.QuerySelector("#complaint-department")!.HasAttribute("disabled"));
        foreach (var (flag, department) in new[] { (false, (Guid?)null), (true, (Guid?)desk.It), (true, (Guid?)null) })
        {
            // The locked form still carries its token: post it with the fields a browser would not let them change.
            var refused = await Html.PostFormAsync(salesperson, Form(await Html.GetAsync(salesperson, $"/assistenza/pratiche/{desk.Number}")), Fields(flag, department, desk.Salesperson));
            Assert.Contains("solo il Responsabile CX", (await Html.ParseAsync(refused)).QuerySelector("#IsComplaint-error")?.TextContent);
            Assert.Equal(named.ComplaintAboutDepartmentId, (await CaseAsync(desk)).ComplaintAboutDepartmentId);
            Assert.True((await CaseAsync(desk)).IsComplaint);
        }

        // Handing the case to IT does not move the complaint: the complaints page still counts it under Vendite.
        var assigned = await Html.SubmitFormAsync(salesperson, $"/assistenza/pratiche/{desk.Number}", "assign", new() { ["Assign.DepartmentId"] = desk.It.ToString(), ["Assign.AssigneeId"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var executive = await desk.Org.SignInAsync(Role.Executive);
        var overview = await Html.GetAsync(executive, "/assistenza/reclami");
        var salesRow = overview.QuerySelectorAll("#by-department tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Vendite");
        Assert.Equal(["1", "1"], salesRow.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        var line = overview.QuerySelector($"#complaints tr[data-number='{desk.Number}']")!;
        Assert.Contains("Vendite", line.TextContent);
        Assert.Contains("IT", line.TextContent);
        Assert.Contains("Venditore", overview.QuerySelector("#by-touchpoint")!.TextContent);

        // The CX lead may move it, and clear it.
        var lead = await desk.Org.SignInAsync(Role.CxLead);
        Assert.Equal(HttpStatusCode.Redirect, (await ComplainAsync(lead, desk, true, desk.It, null)).StatusCode);
        Assert.Equal((true, (Guid?)desk.It, (Guid?)null), await Named());
        Assert.Equal(HttpStatusCode.Redirect, (await ComplainAsync(lead, desk, false, null, null)).StatusCode);
        Assert.Equal((false, (Guid?)null, (Guid?)null), await Named());

        async Task<(bool, Guid?, Guid?)> Named()
        {
            var c = await CaseAsync(desk);
            return (c.IsComplaint, c.ComplaintAboutDepartmentId, c.ComplaintAboutPersonId);
        }
    }

    [Fact]
    public async Task AnAgent_MayClearAComplaintThatNamesNobody()
    {
        var desk = await DeskAsync("Reclami Senza Nome S.r.l.");
        var agent = await desk.Org.SignInAsync(Role.Agent);
        Assert.Equal(HttpStatusCode.Redirect, (await ComplainAsync(agent, desk, true, null, null)).StatusCode);
        Assert.True((await CaseAsync(desk)).IsComplaint);

        Assert.Equal(HttpStatusCode.Redirect, (await ComplainAsync(agent, desk, false, null, null)).StatusCode);

        Assert.False((await CaseAsync(desk)).IsComplaint);
    }

    [Fact]
    public async Task NamingAnotherOrganizationsDepartmentOrPerson_IsRefused_AndChangesNothing()
    {
        var desk = await DeskAsync("Reclami Miei S.r.l.");
        var other = await DeskAsync("Reclami Altrui S.r.l.");
        var agent = await desk.Org.SignInAsync(Role.Agent);

        var department = await ComplainAsync(agent, desk, true, other.Sales, null);
        var person = await ComplainAsync(agent, desk, true, null, other.Salesperson);

        Assert.Contains("non esiste in questa organizzazione", (await Html.ParseAsync(department)).QuerySelector("#IsComplaint-error")?.TextContent);
        Assert.Contains("non fa parte di questa organizzazione", (await Html.ParseAsync(person)).QuerySelector("#IsComplaint-error")?.TextContent);
        var unchanged = await CaseAsync(desk);
        Assert.Equal((false, (Guid?)null, (Guid?)null), (unchanged.IsComplaint, unchanged.ComplaintAboutDepartmentId, unchanged.ComplaintAboutPersonId));
    }

    [Fact]
    public async Task ComplaintsPage_CountsOnlyThisOrganization_AndSaysSoWhenThereAreNone()
    {
        var desk = await DeskAsync("Reclami Conteggio S.r.l.");
        var quiet = await DeskAsync("Reclami Nessuno S.r.l.");
        Assert.Equal(HttpStatusCode.Redirect, (await ComplainAsync(await desk.Org.SignInAsync(Role.Agent), desk, true, desk.Sales, null)).StatusCode);

        var page = await Html.GetAsync(await quiet.Org.SignInAsync(Role.Executive), "/assistenza/reclami");

        Assert.NotNull(page.QuerySelector("#no-complaints"));
        Assert.Null(page.QuerySelector("#complaints"));
        var swapped = await Html.GetAsync(await desk.Org.SignInAsync(Role.Executive), "/assistenza/reclami?dal=2099-01-01&al=2020-01-01");
        Assert.NotNull(swapped.QuerySelector("#period-error"));
        Assert.Single(swapped.QuerySelectorAll("#complaints tbody tr"));
    }

    private static IHtmlFormElement Form(IDocument page) =>
        page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == "complaint");

    // An unticked box: the empty value stands in for the field a browser would leave out.
    private static Dictionary<string, string> Fields(bool flag, Guid? department, Guid? person) => new()
    {
        ["Complaint.AboutDepartmentId"] = department?.ToString() ?? "",
        ["Complaint.AboutPersonId"] = person?.ToString() ?? "",
        ["Complaint.IsComplaint"] = flag ? "true" : "",
    };
}

public sealed class ComplaintsOnSqlite(SqliteApp app) : ComplaintsTests(app), IClassFixture<SqliteApp>;

public sealed class ComplaintsOnPostgres(PostgresApp app) : ComplaintsTests(app), IClassFixture<PostgresApp>;
