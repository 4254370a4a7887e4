using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Service;

public abstract class HandOffTests(MailApp app)
{
    /// <summary>An organization with a warehouse person in Logistica, a customer and one open case.</summary>
    private async Task<(TestOrganization Org, Guid Logistics, string WarehouseEmail)> DeskAsync(string name)
    {
        var warehouse = $"magazzino.{Guid.NewGuid():N}@example.test";
        var org = await app.CreateOrganizationAsync(name, (warehouse, Role.TeamMember));
        var logistics = await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var department = await db.Set<Department>().SingleAsync(d => d.Name == "Logistica e magazzino");
            var member = await (from m in db.Set<Membership>() join u in db.Users on m.UserId equals u.Id where u.Email == warehouse select m).SingleAsync();
            member.DepartmentId = department.Id;
            await db.SaveChangesAsync();
            return department.Id;
        });
        var api = org.Api();
        (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi S.r.l.", external_id = "CLI-1", email = "info@bianchi.test" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Dov'è la consegna 26/4711?", customer = new { external_id = "CLI-1" }, channel = "phone" })).EnsureSuccessStatusCode();
        return (org, logistics, warehouse);
    }

    private static async Task<string?> StatusAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/v1/cases/1")).GetProperty("status").GetString();

    [Fact]
    public async Task HandOff_ToLogistica_WaitsOnIt_ReachesItsPeople_AndTheAnswerComesBack()
    {
        var (org, logistics, warehouse) = await DeskAsync("Passaggi S.r.l.");
        var api = org.Api();

        var asked = await api.PostAsJsonAsync("/api/v1/cases/1/hand-offs", new { department_id = logistics, text = "Dov'è la consegna 26/4711? Il cliente la aspettava ieri." });

        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var handOff = await asked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(handOff.GetProperty("due_at").GetDateTimeOffset() > handOff.GetProperty("requested_at").GetDateTimeOffset());
        Assert.Equal("waiting_on_department", await StatusAsync(api));
        await Wait.UntilAsync(() => app.Smtp.Messages().Any(m => m.To.Mailboxes.Any(a => a.Address == warehouse)), "the warehouse person gets the request by email");
        Assert.Contains("26/4711", app.Smtp.Messages().First(m => m.To.Mailboxes.Any(a => a.Address == warehouse)).TextBody);

        // The warehouse person answers from their task list.
        var person = await org.SignInAsync(Role.TeamMember);
        var tasks = await Html.GetAsync(person, "/assistenza/attivita");
        var card = Assert.Single(tasks.QuerySelectorAll("#tasks > li"));
        Assert.Contains("Il cliente la aspettava ieri", card.TextContent);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)card.QuerySelector("form")!;
        var posted = await Html.PostFormAsync(person, form, new() { ["Answer.Text"] = "Partita stamattina, arriva domani entro le 12." });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Risposta inviata alla pratica #1", (await Html.ParseAsync(posted)).Body!.TextContent);

        Assert.Equal("open", await StatusAsync(api));
        var entries = await api.GetFromJsonAsync<JsonElement>("/api/v1/cases/1/entries");
        var answer = entries.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "hand_off_answered");
        Assert.Contains("arriva domani", answer.GetProperty("text").GetString());
        var completed = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<ModuleEventRecord>()
            .CountAsync(e => e.OrganizationId == org.Id && e.Type.EndsWith(".HandOffCompleted")));
        Assert.Equal(1, completed);
        Assert.Empty((await Html.GetAsync(person, "/assistenza/attivita")).QuerySelectorAll("#tasks > li"));
    }

    [Fact]
    public async Task HandOff_ToAnotherOrganizationsDepartment_IsRefused_AndChangesNothing()
    {
        var (mine, _, _) = await DeskAsync("Mio Reparto S.r.l.");
        var (_, theirLogistics, _) = await DeskAsync("Loro Reparto S.r.l.");

        var asked = await mine.Api().PostAsJsonAsync("/api/v1/cases/1/hand-offs", new { department_id = theirLogistics, text = "Curioso" });

        Assert.Equal(HttpStatusCode.BadRequest, asked.StatusCode);
        Assert.Equal("new", await StatusAsync(mine.Api()));
        Assert.Empty((await mine.Api().GetFromJsonAsync<JsonElement[]>("/api/v1/hand-offs"))!);
    }

    [Fact]
    public async Task Answer_OfAnotherOrganization_IsNotFound_AndASecondAnswerIsRefused()
    {
        var (mine, _, _) = await DeskAsync("Mie Risposte S.r.l.");
        var (theirs, theirLogistics, _) = await DeskAsync("Loro Risposte S.r.l.");
        var handOff = await (await theirs.Api().PostAsJsonAsync("/api/v1/cases/1/hand-offs", new { department_id = theirLogistics, text = "Verificate" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = handOff.GetProperty("id").GetGuid();

        var intruder = await mine.Api().PostAsJsonAsync($"/api/v1/hand-offs/{id}/answer", new { text = "Fatto io" });
        Assert.Equal(HttpStatusCode.NotFound, intruder.StatusCode);
        Assert.Equal("waiting_on_department", await StatusAsync(theirs.Api()));

        Assert.Equal(HttpStatusCode.OK, (await theirs.Api().PostAsJsonAsync($"/api/v1/hand-offs/{id}/answer", new { text = "Verificato" })).StatusCode);
        var again = await theirs.Api().PostAsJsonAsync($"/api/v1/hand-offs/{id}/answer", new { text = "Di nuovo" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var answers = (await theirs.Api().GetFromJsonAsync<JsonElement[]>("/api/v1/hand-offs?status=answered"))!;
        Assert.Equal("Verificato", Assert.Single(answers).GetProperty("answer").GetString());
    }

    [Fact]
    public async Task ResolvingByHand_WhileADepartmentHoldsTheCase_IsRefused()
    {
        var (org, logistics, _) = await DeskAsync("Attesa Reparto S.r.l.");
        await org.Api().PostAsJsonAsync("/api/v1/cases/1/hand-offs", new { department_id = logistics, text = "Controllate" });

        var resolve = await org.Api().PostAsJsonAsync("/api/v1/cases/1/status", new { status = "resolved" });

        Assert.Equal(HttpStatusCode.BadRequest, resolve.StatusCode);
        Assert.Equal("waiting_on_department", await StatusAsync(org.Api()));
    }
}

public sealed class HandOffsOnSqlite(MailSqliteApp app) : HandOffTests(app), IClassFixture<MailSqliteApp>;

public sealed class HandOffsOnPostgres(MailPostgresApp app) : HandOffTests(app), IClassFixture<MailPostgresApp>;
