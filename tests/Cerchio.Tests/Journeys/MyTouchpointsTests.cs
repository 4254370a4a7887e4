using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Journeys;

/// <summary>
/// The owner's view (/viaggi/i-miei-touchpoint) through HTTP on both databases: a department's referente sees exactly
/// the touchpoints their department answers for, with the numbers of the cases opened through the API, each number
/// linking to those cases and the open ones to the inbox; people without a department are told what to do; only the
/// CX lead, the administrators and the executives choose another department (?reparto is ignored for the others), and a
/// department of another organization is a 404.
/// </summary>
public abstract class MyTouchpointsTests(AppFixture app)
{
    private const string PagePath = "/viaggi/i-miei-touchpoint";

    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private Task<int> AddPersonAsync(TestOrganization org, string email, Role role, string? department) =>
        app.InOrganizationAsync(org.Id, async services =>
        {
            var (_, errors) = await services.GetRequiredService<IOrganizationProvisioning>()
                .AddPersonAsync(new NewPerson(email.Split('.')[0], email, TestOrganization.Password, role, department));
            Assert.False(errors.Any);
            return 0;
        });

    private static async Task<Guid> OwnerOfAsync(HttpClient api, string code) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/touchpoints/{code}")).GetProperty("owner_department_id").GetGuid();

    private static List<int> Listed(IDocument page) =>
        page.QuerySelectorAll("#cases tbody tr[data-number]").Select(tr => int.Parse(tr.GetAttribute("data-number")!)).Order().ToList();

    private static string? Number(IElement section, string metric) =>
        section.QuerySelector($"tr[data-metric={metric}] [data-value]")?.GetAttribute("data-value");

    [Fact]
    public async Task Referente_SeesTheirDepartmentsTouchpoints_WithTheNumbersOfTheirCases_AndTheLinksListThem()
    {
        var org = await app.CreateOrganizationAsync("Reparto Logistica S.r.l.");
        var api = org.Api();
        var marco = Email("marco");
        await AddPersonAsync(org, marco, Role.TeamMember, "Logistica e magazzino");
        var logistics = await OwnerOfAsync(api, "consegna");

        // A touchpoint of its own for the warehouse, with a pain point written in the catalog.
        (await api.PostAsJsonAsync("/api/v1/touchpoints", new
        {
            code = "reso", name = "Ritiro del reso", online = false, owner_department_id = logistics,
            promise = "Ritiro entro due giorni lavorativi.", pain_points = "Il corriere non avvisa del ritiro.",
        })).EnsureSuccessStatusCode();

        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1" })).EnsureSuccessStatusCode();
        async Task<int> OpenAsync(string touchpoint, string type = "information") =>
            (await (await api.PostAsJsonAsync("/api/v1/cases", new { subject = $"Pratica su {touchpoint}", customer = new { external_id = "CLI-1" }, channel = "email", type, touchpoint, text = "Buongiorno" }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
        var late = await OpenAsync("consegna", "complaint");
        var damaged = await OpenAsync("consegna");
        var resolved = await OpenAsync("consegna");
        var pickup = await OpenAsync("reso");
        await OpenAsync("fattura");   // the accounts department's, not the warehouse's
        (await api.PostAsJsonAsync($"/api/v1/cases/{resolved}/status", new { status = "resolved" })).EnsureSuccessStatusCode();

        var referente = await org.SignInAsync(marco);
        await Html.GetAsync(referente, "/viaggi/mappe");   // the first look at the maps makes the default journey
        var page = await Html.GetAsync(referente, PagePath);
        Assert.Contains("Logistica e magazzino", page.QuerySelector("#department-name")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#department-form"));   // a referente does not choose
        Assert.Equal(["consegna", "reso"], page.QuerySelectorAll("section[data-touchpoint]").Select(s => s.GetAttribute("data-touchpoint")).Order());
        Assert.NotNull(page.QuerySelector("[data-nav=my-touchpoints]"));

        var delivery = page.QuerySelector("section[data-touchpoint=consegna]")!;
        Assert.Equal("3", Number(delivery, "cases"));
        Assert.Equal("1", Number(delivery, "complaints"));
        Assert.Equal("2", delivery.QuerySelector("[data-open=open-cases] [data-count]")!.TextContent.Trim());
        // The stage of the default journey where the delivery sits brings its pain points, with the journey and stage named.
        var stagePain = delivery.QuerySelector("[data-pain=stage]")!.TextContent;
        Assert.Contains("Consegna", stagePain, StringComparison.Ordinal);
        Assert.Contains("Ritardi non avvisati", stagePain, StringComparison.Ordinal);

        var returns = page.QuerySelector("section[data-touchpoint=reso]")!;
        Assert.Equal("Ritiro entro due giorni lavorativi.", returns.QuerySelector("[data-promise]")!.TextContent.Trim());
        Assert.Contains("Il corriere non avvisa del ritiro.", returns.QuerySelector("[data-pain=catalog]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", Number(returns, "cases"));
        Assert.Equal("1", returns.QuerySelector("[data-open=open-cases] [data-count]")!.TextContent.Trim());

        // Every number leads to the cases behind it; the open count to the inbox's open cases on the touchpoint.
        var casesLink = delivery.QuerySelector("tr[data-metric=cases] a")!.GetAttribute("href")!;
        Assert.Equal(new[] { late, damaged, resolved }.Order(), Listed(await Html.GetAsync(referente, casesLink)));
        Assert.Equal([late], Listed(await Html.GetAsync(referente, delivery.QuerySelector("tr[data-metric=complaints] a")!.GetAttribute("href")!)));
        var openLink = delivery.QuerySelector("[data-open=open-cases] a")!.GetAttribute("href")!;
        Assert.Contains("touchpoint=consegna", openLink, StringComparison.Ordinal);
        Assert.Equal(new[] { late, damaged }.Order(), Listed(await Html.GetAsync(referente, openLink)));
        Assert.Equal([pickup], Listed(await Html.GetAsync(referente, returns.QuerySelector("[data-open=open-cases] a")!.GetAttribute("href")!)));

        // A period with nothing in it, nor before it: the touchpoints stay, without numbers; a bad period is said next to the form.
        var past = await Html.GetAsync(referente, $"{PagePath}?dal=2020-01-01&al=2020-01-31");
        Assert.Null(Number(past.QuerySelector("section[data-touchpoint=consegna]")!, "cases"));
        Assert.NotNull(past.QuerySelector("section[data-touchpoint=consegna]"));
        Assert.NotNull((await Html.GetAsync(referente, $"{PagePath}?dal=nonsense&al=2020-01-31")).QuerySelector("#period-error"));
    }

    [Fact]
    public async Task PersonWithoutADepartment_IsToldWhatToDo_AndADepartmentWithoutTouchpoints_PointsToTheCatalog()
    {
        var org = await app.CreateOrganizationAsync("Senza Reparto S.r.l.", (Email("it"), Role.TeamMember));   // the fixture puts people in IT
        var nobody = Email("nessuno");
        await AddPersonAsync(org, nobody, Role.Agent, null);

        var agent = await org.SignInAsync(nobody);
        var page = await Html.GetAsync(agent, PagePath);
        Assert.NotNull(page.QuerySelector("#no-department a[href='/viaggi/touchpoint']"));
        Assert.Empty(page.QuerySelectorAll("section[data-touchpoint]"));
        Assert.Null(page.QuerySelector("[data-nav=my-touchpoints]"));
        Assert.NotNull(page.QuerySelector("[data-nav=touchpoints]"));

        // IT answers for none of the default touchpoints.
        var it = await Html.GetAsync(await org.SignInAsync(Role.TeamMember), PagePath);
        Assert.Contains("IT", it.QuerySelector("#department-name")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(it.QuerySelector("#no-touchpoints a[href='/viaggi/touchpoint']"));

        // The administrator has no department either, but may choose one.
        var admin = await Html.GetAsync(await org.SignInAsync(), PagePath);
        Assert.NotNull(admin.QuerySelector("#choose-department"));
        Assert.Null(admin.QuerySelector("#no-department"));
        Assert.Contains("Logistica e magazzino", admin.QuerySelectorAll("#department option").Select(o => o.TextContent));
        Assert.NotNull(admin.QuerySelector("[data-nav=my-touchpoints]"));
    }

    [Fact]
    public async Task OnlyThoseWhoRunTheWhole_LookAtAnotherDepartment_AndNeverAtAnotherOrganizations()
    {
        var other = await app.CreateOrganizationAsync("Altra Azienda S.r.l.");
        var foreign = await OwnerOfAsync(other.Api(), "consegna");

        var lead = Email("lead");
        var org = await app.CreateOrganizationAsync("Reparti Scelti S.r.l.", (lead, Role.CxLead));
        var logistics = await OwnerOfAsync(org.Api(), "consegna");
        var anna = Email("anna");
        await AddPersonAsync(org, anna, Role.Agent, "Customer service e post-vendita");

        // The CX lead looks at the warehouse's touchpoints.
        var cx = await org.SignInAsync(lead);
        var chosen = await Html.GetAsync(cx, $"{PagePath}?reparto={logistics}");
        Assert.Equal(["consegna"], chosen.QuerySelectorAll("section[data-touchpoint]").Select(s => s.GetAttribute("data-touchpoint")));
        Assert.Equal(logistics.ToString(), chosen.QuerySelector("#department option[selected]")!.GetAttribute("value"));
        Assert.Equal(logistics.ToString(), chosen.QuerySelector("#period-form input[name=reparto]")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.NotFound, (await cx.GetAsync($"{PagePath}?reparto={foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cx.GetAsync($"{PagePath}?reparto={Guid.NewGuid()}")).StatusCode);

        // An agent's ?reparto is ignored: they see their own department, whatever id they try, and nothing of the other organization.
        var agent = await org.SignInAsync(anna);
        var own = (await Html.GetAsync(agent, PagePath)).QuerySelectorAll("section[data-touchpoint]").Select(s => s.GetAttribute("data-touchpoint")).Order().ToList();
        Assert.Equal(["assistenza", "centralino", "email"], own);
        foreach (var tried in new[] { logistics, foreign })
        {
            var page = await Html.GetAsync(agent, $"{PagePath}?reparto={tried}");
            Assert.Contains("Customer service e post-vendita", page.QuerySelector("#department-name")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(own, page.QuerySelectorAll("section[data-touchpoint]").Select(s => s.GetAttribute("data-touchpoint")).Order());
            Assert.Null(page.QuerySelector("#department-form"));
            Assert.DoesNotContain("Altra Azienda", page.Body!.TextContent, StringComparison.Ordinal);
        }
    }
}

public sealed class MyTouchpointsTestsOnSqlite(SqliteApp app) : MyTouchpointsTests(app), IClassFixture<SqliteApp>;

public sealed class MyTouchpointsTestsOnPostgres(PostgresApp app) : MyTouchpointsTests(app), IClassFixture<PostgresApp>;
