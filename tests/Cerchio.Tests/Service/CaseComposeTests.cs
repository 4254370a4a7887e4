using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cerchio.Tests.Infrastructure;
using Cerchio.Tests.Platform;

namespace Cerchio.Tests.Service;

/// <summary>The case page's composer: a reply goes out by email and shows how delivery went; a hand-off leaves for a department.</summary>
public abstract class CaseComposeTests(MailApp app)
{
    [Fact]
    public async Task ReplyFromTheCasePage_ReachesTheCustomer_AndThePageSaysItWasSent()
    {
        var org = await app.CreateOrganizationAsync("Risposte Pagina S.r.l.");
        var email = $"cliente.{Guid.NewGuid():N}@example.test";
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Verdi S.r.l.", external_id = "CLI-9", email })).EnsureSuccessStatusCode();
        (await org.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Tempi di consegna", customer = new { external_id = "CLI-9" }, channel = "email", text = "Quando arriva?" })).EnsureSuccessStatusCode();
        var agent = await org.SignInAsync();

        var posted = await Html.SubmitFormAsync(agent, "/assistenza/pratiche/1", "reply", new() { ["Reply.Text"] = "Arriva martedì mattina." });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        await Wait.UntilAsync(() => app.Smtp.Messages().Any(m => m.To.Mailboxes.Any(a => a.Address == email)), "the reply reaches the customer");
        Assert.Equal("Re: Tempi di consegna [#1]", app.Smtp.Messages().Single(m => m.To.Mailboxes.Any(a => a.Address == email)).Subject);
        await Wait.UntilAsync(async () => (await Html.GetAsync(agent, "/assistenza/pratiche/1")).QuerySelector("[data-delivery=Sent]") is not null, "the page shows the reply as sent");
        var status = await org.Api().GetFromJsonAsync<JsonElement>("/api/v1/cases/1");
        Assert.Equal("open", status.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, status.GetProperty("first_response_at").ValueKind);
    }

    [Fact]
    public async Task ReplyWithoutACustomerAddress_SaysWhy_AndSendsNothing()
    {
        var org = await app.CreateOrganizationAsync("Senza Indirizzo S.r.l.");
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Muto S.r.l.", external_id = "CLI-0" })).EnsureSuccessStatusCode();
        (await org.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Telefonata", customer = new { external_id = "CLI-0" }, channel = "phone" })).EnsureSuccessStatusCode();
        var agent = await org.SignInAsync();

        var posted = await Html.SubmitFormAsync(agent, "/assistenza/pratiche/1", "reply", new() { ["Reply.Text"] = "Risposta" });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("non ha un indirizzo email", (await Html.ParseAsync(posted)).QuerySelector("#Reply-error")!.TextContent);
        var entries = await org.Api().GetFromJsonAsync<JsonElement>("/api/v1/cases/1/entries");
        Assert.DoesNotContain(entries.EnumerateArray(), e => e.GetProperty("kind").GetString() == "reply");
    }

    [Fact]
    public async Task HandOffFromTheCasePage_PutsTheCaseOnTheDepartment()
    {
        var org = await app.CreateOrganizationAsync("Chiedi Pagina S.r.l.");
        (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Rossi S.r.l.", external_id = "CLI-5" })).EnsureSuccessStatusCode();
        (await org.Api().PostAsJsonAsync("/api/v1/cases", new { subject = "Fattura errata", customer = new { external_id = "CLI-5" }, channel = "phone" })).EnsureSuccessStatusCode();
        var agent = await org.SignInAsync();
        var page = await Html.GetAsync(agent, "/assistenza/pratiche/1");
        var administration = page.QuerySelectorAll("#handoff-department option").Single(o => o.TextContent == "Amministrazione").GetAttribute("value")!;

        var posted = await Html.SubmitFormAsync(agent, "/assistenza/pratiche/1", "hand-off", new() { ["Ask.DepartmentId"] = administration, ["Ask.Text"] = "Verificate la fattura 26/4711" });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("waiting_on_department", (await org.Api().GetFromJsonAsync<JsonElement>("/api/v1/cases/1")).GetProperty("status").GetString());
        Assert.Contains("Amministrazione: Verificate la fattura 26/4711", (await Html.GetAsync(agent, "/assistenza/pratiche/1")).QuerySelector("#conversation")!.TextContent);
    }
}

public sealed class CaseComposeOnSqlite(MailSqliteApp app) : CaseComposeTests(app), IClassFixture<MailSqliteApp>;

public sealed class CaseComposeOnPostgres(MailPostgresApp app) : CaseComposeTests(app), IClassFixture<MailPostgresApp>;
