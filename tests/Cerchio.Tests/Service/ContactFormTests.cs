using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Customers.Domain;
using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Organizations.Domain;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.ContactForm;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cerchio.Tests.Service;

/// <summary>The app with a real SMTP server (aiosmtpd) as the system server, and a quick outbox.</summary>
public abstract class ContactFormApp : AppFixture, IAsyncLifetime
{
    public SmtpSink Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Smtp:From", "cerchio@cerchio.test");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Outbox:RetryDelay", "00:00:00.100");
        builder.UseSetting("Outbox:MaxRetryDelay", "00:00:01");
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}

public sealed class ContactFormSqliteApp : ContactFormApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class ContactFormPostgresApp : ContactFormApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public abstract class ContactFormTests(ContactFormApp app)
{
    private Task<string> SlugOfAsync(TestOrganization org) => ContactForms.SlugAsync(app, org.Id);

    private Task<string> TokenAsync(Guid organizationId, TimeSpan ago) => ContactForms.TokenAsync(app, organizationId, ago);

    /// <summary>Opens the public form and sends it as a person would (fields filled, the token of a form shown a minute ago).</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpClient client, TestOrganization org, string slug, Dictionary<string, string> fields, string query = "", TimeSpan? shownAgo = null)
    {
        var page = await Html.GetAsync(client, $"/contatti/{slug}{query}");
        var form = page.QuerySelector<IHtmlFormElement>("#contact-form")!;
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await TokenAsync(org.Id, shownAgo ?? TimeSpan.FromMinutes(1)) };
        return await Html.PostFormAsync(client, form, values);
    }

    /// <summary>A post the form accepted: a redirect to the thank-you page (post, redirect, get).</summary>
    private static bool IsThanks(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther && response.Headers.Location?.OriginalString.Contains("inviata=") == true;

    /// <summary>Follows the accepted post to its thank-you page.</summary>
    private static async Task<IDocument> ThanksAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.True(IsThanks(response), $"{(int)response.StatusCode} {response.Headers.Location}");
        var page = await Html.GetAsync(client, response.Headers.Location!.OriginalString);
        Assert.NotNull(page.QuerySelector("#contact-thanks"));
        Assert.Null(page.QuerySelector("#contact-form"));
        return page;
    }

    private static Dictionary<string, string> Person(string email, string message = "Il divano consegnato ha una gamba rotta.", string name = "Giulia Bianchi") => new()
    {
        ["Input.Name"] = name,
        ["Input.Email"] = email,
        ["Input.Phone"] = "+39 02 1234567",
        ["Input.Subject"] = "Divano danneggiato",
        ["Input.Message"] = message,
    };

    private Task<List<Case>> CasesAsync(Guid organizationId) =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<Case>().AsNoTracking().OrderBy(c => c.Number).ToListAsync());

    private Task<int> OutgoingAsync(Guid organizationId) =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<OutgoingEmail>().CountAsync());

    private Task<int> CustomersAsync(Guid organizationId) =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<Customer>().CountAsync());

    [Fact]
    public async Task Submit_OpensAWebFormCase_ForTheKnownCustomer_TheConfirmationArrives_AndTheAnswerToItJoinsTheCase()
    {
        var org = await app.CreateOrganizationAsync("Modulo Rossi S.r.l.");
        var customer = await (await org.Api().PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi Costruzioni S.r.l.", email = "giulia@bianchi-costruzioni.test" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var slug = await SlugOfAsync(org);
        Assert.Equal("modulo-rossi-s-r-l", slug);

        var client = app.Browser();
        var response = await SendAsync(client, org, slug, Person("Giulia@Bianchi-Costruzioni.test"));
        var thanks = await ThanksAsync(client, response);

        var opened = Assert.Single(await CasesAsync(org.Id));
        Assert.Equal(CaseChannel.WebForm, opened.Channel);
        Assert.Equal(customer.GetProperty("id").GetGuid(), opened.CustomerId);
        Assert.Equal("giulia@bianchi-costruzioni.test", opened.RequesterEmail);
        Assert.Equal("Giulia Bianchi", opened.RequesterName);
        Assert.Equal("Divano danneggiato", opened.Subject);
        Assert.NotNull(opened.SubmittedFrom);
        Assert.Contains($"pratica n. {opened.Number}", thanks.QuerySelector("#contact-thanks")!.TextContent);
        Assert.Contains("giulia@bianchi-costruzioni.test", thanks.QuerySelector("#contact-thanks")!.TextContent);
        // Reloading the thank-you page thanks again and sends nothing again.
        var reloaded = await Html.GetAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains($"pratica n. {opened.Number}", reloaded.QuerySelector("#contact-thanks")!.TextContent);
        Assert.Single(await CasesAsync(org.Id));
        var entries = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<CaseEntry>().AsNoTracking()
            .Where(e => e.CaseId == opened.Id).OrderBy(e => e.At).ToListAsync());
        Assert.Contains(entries, e => e.Kind == CaseEntryKind.CustomerMessage && e.Channel == CaseChannel.WebForm && e.Text.Contains("gamba rotta") && e.Text.Contains("+39 02 1234567"));
        var confirmationEntry = Assert.Single(entries, e => e.Kind == CaseEntryKind.Reply);
        Assert.Null(opened.FirstResponseAt);   // an automatic confirmation is not the agents' first response

        await Wait.UntilAsync(() => app.Smtp.MessagesWithId(confirmationEntry.MessageId!).Count == 1, "the confirmation reaches the SMTP server");
        var confirmation = app.Smtp.MessagesWithId(confirmationEntry.MessageId!).Single();
        Assert.Contains($"[#{opened.Number}]", confirmation.Subject);
        Assert.Equal("giulia@bianchi-costruzioni.test", confirmation.To.Mailboxes.Single().Address);
        Assert.Equal("Modulo Rossi S.r.l.", confirmation.From.Mailboxes.Single().Name);
        Assert.Equal("auto-generated", confirmation.Headers["Auto-Submitted"]);
        Assert.Contains($"pratica n. {opened.Number}", confirmation.TextBody);
        Assert.Contains("> Il divano consegnato ha una gamba rotta.", confirmation.TextBody);

        // The customer answers the confirmation: by its threading headers the answer joins the same case.
        var answer = new MimeMessage();
        answer.From.Add(new MailboxAddress("Giulia Bianchi", "giulia@bianchi-costruzioni.test"));
        answer.To.Add(confirmation.From.Mailboxes.Single());
        answer.Subject = "Re: ciao";   // no reference in the subject: the headers alone must find the case
        answer.MessageId = $"{Guid.NewGuid():N}@bianchi-costruzioni.test";
        answer.InReplyTo = confirmation.MessageId;
        answer.References.Add(confirmation.MessageId!);
        answer.Body = new TextPart("plain") { Text = "Vi mando anche le foto." };
        using var raw = new MemoryStream();
        await answer.WriteToAsync(raw);
        var inbound = await org.Api().PostAsync("/api/v1/inbound/email", new ByteArrayContent(raw.ToArray()) { Headers = { ContentType = new("message/rfc822") } });
        Assert.Equal(opened.Number, (await inbound.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("case_number").GetInt32());
        Assert.Single(await CasesAsync(org.Id));
    }

    [Fact]
    public async Task Submit_FromAnUnknownSender_MakesANewCustomerFlaggedForReview_AsEmailDoes()
    {
        var org = await app.CreateOrganizationAsync("Modulo Nuovi S.r.l.");
        var response = await SendAsync(app.Browser(), org, await SlugOfAsync(org), Person("mario.verdi@posta.test", name: "Mario Verdi"));
        Assert.True(IsThanks(response));

        var opened = Assert.Single(await CasesAsync(org.Id));
        var customer = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<Customer>().AsNoTracking().SingleAsync(c => c.Id == opened.CustomerId));
        Assert.True(customer.NeedsReview);
        Assert.Equal("mario.verdi@posta.test", customer.Email);
        Assert.Equal("Verdi", customer.LastName);
    }

    [Fact]
    public async Task Honeypot_Filled_ThanksTheSame_ButCreatesNothing()
    {
        var org = await app.CreateOrganizationAsync("Modulo Miele S.r.l.");
        var fields = Person("bot@spam.test");
        fields["Input.Homepage"] = "https://spam.test";
        var client = app.Browser();
        var page = await ThanksAsync(client, await SendAsync(client, org, await SlugOfAsync(org), fields));
        Assert.DoesNotContain("pratica n.", page.QuerySelector("#contact-thanks")!.TextContent);
        Assert.Empty(await CasesAsync(org.Id));
        Assert.Equal(0, await CustomersAsync(org.Id));
        Assert.Equal(0, await OutgoingAsync(org.Id));
    }

    [Fact]
    public async Task Honeypot_IsHiddenFromPeopleAndScreenReaders()
    {
        var org = await app.CreateOrganizationAsync("Modulo Nascosto S.r.l.");
        var page = await Html.GetAsync(app.Browser(), $"/contatti/{await SlugOfAsync(org)}");
        var trap = page.QuerySelector<IHtmlInputElement>("input[name='Input.Homepage']")!;
        Assert.Equal("-1", trap.GetAttribute("tabindex"));
        Assert.Equal("off", trap.GetAttribute("autocomplete"));
        Assert.Equal("true", trap.ParentElement!.GetAttribute("aria-hidden"));
        Assert.NotNull(page.QuerySelector($"label[for='{trap.Id}']"));
    }

    [Fact]
    public async Task SentFasterThanAPersonTypes_ThanksTheSame_ButCreatesNothing()
    {
        var org = await app.CreateOrganizationAsync("Modulo Veloce S.r.l.");
        var client = app.Browser();
        var slug = await SlugOfAsync(org);
        // The token as the page gave it, posted at once.
        var page = await Html.GetAsync(client, $"/contatti/{slug}");
        var response = await Html.PostFormAsync(client, page.QuerySelector<IHtmlFormElement>("#contact-form")!, Person("rapido@spam.test"));

        await ThanksAsync(client, response);
        Assert.Empty(await CasesAsync(org.Id));
        Assert.Equal(0, await OutgoingAsync(org.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("other-organization")]
    public async Task WithoutAValidToken_Is400_KeepsTheText_AndCreatesNothing(string? token)
    {
        var org = await app.CreateOrganizationAsync("Modulo Gettone S.r.l.");
        var other = await app.CreateOrganizationAsync("Modulo Altro Gettone S.r.l.");
        var client = app.Browser();
        var page = await Html.GetAsync(client, $"/contatti/{await SlugOfAsync(org)}");
        var fields = Html.FormValues(page.QuerySelector<IHtmlFormElement>("#contact-form")!)
            .Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => f.Value);
        foreach (var (key, value) in Person("giulia@bianchi.test"))
        {
            fields[key] = value;
        }

        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token == "other-organization" ? await TokenAsync(other.Id, TimeSpan.FromMinutes(1)) : token;
        }

        var response = await client.PostAsync($"/contatti/{await SlugOfAsync(org)}", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var again = await Html.ParseAsync(response);
        Assert.Equal("Il divano consegnato ha una gamba rotta.", again.QuerySelector<IHtmlTextAreaElement>("#contact-message")!.Value);
        Assert.NotNull(again.QuerySelector("#contact-alert"));
        Assert.Empty(await CasesAsync(org.Id));
        Assert.Empty(await CasesAsync(other.Id));
    }

    [Fact]
    public async Task AFormOpenForDays_IsShownAgain_WithANewToken()
    {
        var org = await app.CreateOrganizationAsync("Modulo Vecchio S.r.l.");
        var response = await SendAsync(app.Browser(), org, await SlugOfAsync(org), Person("lenta@cliente.test"), shownAgo: TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("aperto a lungo", page.QuerySelector("#contact-alert")!.TextContent);
        Assert.Equal("lenta@cliente.test", page.QuerySelector<IHtmlInputElement>("#contact-email")!.Value);
        Assert.Empty(await CasesAsync(org.Id));
    }

    [Fact]
    public async Task RateLimit_PerAddress_FiveAnHour_ThenA429_KeepingTheText_AndNothingCreated()
    {
        var org = await app.CreateOrganizationAsync("Modulo Limite S.r.l.");
        var slug = await SlugOfAsync(org);
        for (var i = 1; i <= 5; i++)
        {
            var ok = await SendAsync(app.Browser(), org, slug, Person("insistente@cliente.test", $"Richiesta numero {i}"));
            Assert.True(IsThanks(ok));
        }

        var refused = await SendAsync(app.Browser(), org, slug, Person("Insistente@Cliente.test", "La sesta richiesta, scritta con cura."));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("ultima ora", page.QuerySelector("#contact-alert")!.TextContent);
        Assert.Equal("La sesta richiesta, scritta con cura.", page.QuerySelector<IHtmlTextAreaElement>("#contact-message")!.Value);
        Assert.Equal("Insistente@Cliente.test", page.QuerySelector<IHtmlInputElement>("#contact-email")!.Value);
        Assert.Equal(5, (await CasesAsync(org.Id)).Count);
        Assert.Equal(5, await OutgoingAsync(org.Id));

        // Another address is not held back by this one's limit.
        Assert.True(IsThanks(await SendAsync(app.Browser(), org, slug, Person("paziente@cliente.test"))));
    }

    [Fact]
    public async Task RateLimit_PerClient_TwentyAnHour_ThenA429_InEnglishWhenAsked()
    {
        var org = await app.CreateOrganizationAsync("Modulo Rete S.r.l.");
        var slug = await SlugOfAsync(org);
        for (var i = 1; i <= 20; i++)
        {
            Assert.True(IsThanks(await SendAsync(app.Browser(), org, slug, Person($"persona{i}@cliente.test"))));
        }

        var refused = await SendAsync(app.Browser(), org, slug, Person("persona21@cliente.test"), query: "?lang=en");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("in the last hour", (await Html.ParseAsync(refused)).QuerySelector("#contact-alert")!.TextContent);
        Assert.Equal(20, (await CasesAsync(org.Id)).Count);
    }

    [Theory]
    [InlineData("Input.Email", "non-è-un-indirizzo", "Email")]
    [InlineData("Input.Email", "giulia@bianchi", "Email")]
    [InlineData("Input.Email", "Giulia <giulia@bianchi.test>", "Email")]
    [InlineData("Input.Email", "", "Email")]
    [InlineData("Input.Message", "", "Message")]
    [InlineData("Input.Message", "oversized", "Message")]
    [InlineData("Input.Name", "", "Name")]
    [InlineData("Input.Phone", "chiamami", "Phone")]
    [InlineData("Input.Subject", "oversized", "Subject")]
    public async Task BadFields_Are400_WithTheErrorNextToTheField_AndNothingCreated(string field, string value, string errorField)
    {
        var org = await app.CreateOrganizationAsync("Modulo Errori S.r.l.");
        var fields = Person("giulia@bianchi.test");
        fields[field] = value == "oversized" ? new string('x', field == "Input.Message" ? WebContactForm.MaxMessage + 1 : 301) : value;
        var response = await SendAsync(app.Browser(), org, await SlugOfAsync(org), fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.NotNull(page.QuerySelector($"#{errorField}-error"));
        Assert.Equal(fields["Input.Name"], page.QuerySelector<IHtmlInputElement>("#contact-name")!.Value);
        Assert.Empty(await CasesAsync(org.Id));
        Assert.Equal(0, await CustomersAsync(org.Id));
        Assert.Equal(0, await OutgoingAsync(org.Id));
    }

    [Fact]
    public async Task ThanksPage_InTheFormsLanguageAndFrame_AndAThanksAddressOfAnotherOrganizationOrForged_ShowsTheForm()
    {
        var org = await app.CreateOrganizationAsync("Modulo Ritorno S.r.l.");
        var other = await app.CreateOrganizationAsync("Modulo Altro Ritorno S.r.l.");
        var client = app.Browser();
        var response = await SendAsync(client, org, await SlugOfAsync(org), Person("ritorno@cliente.test"), query: "?embed=1&lang=en");
        var thanks = await ThanksAsync(client, response);
        var location = response.Headers.Location!.OriginalString;
        Assert.Contains("embed=1", location);
        Assert.Equal("en", thanks.DocumentElement.GetAttribute("lang"));
        Assert.Null(thanks.QuerySelector("nav.navbar"));

        // The same token on another organization's address, or a made-up one: the plain form, nothing claimed.
        var token = location[(location.IndexOf("inviata=", StringComparison.Ordinal) + "inviata=".Length)..];
        foreach (var url in new[] { $"/contatti/{await SlugOfAsync(other)}?inviata={token}", $"/contatti/{await SlugOfAsync(org)}?inviata=falso" })
        {
            var page = await Html.GetAsync(client, url);
            Assert.Null(page.QuerySelector("#contact-thanks"));
            Assert.NotNull(page.QuerySelector("#contact-form"));
        }
    }

    [Theory]
    [InlineData("/contatti/nessuna-azienda-cosi")]
    [InlineData("/contatti/%C3%A0%C3%A0%C3%A0")]
    [InlineData("/contatti/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task UnknownSlug_IsAFriendly404(string url)
    {
        var response = await app.Browser().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Non trovato", page.QuerySelector("h1")?.TextContent);
        Assert.Null(page.QuerySelector("form#contact-form"));
    }

    [Fact]
    public async Task AnotherOrganizationsSlug_OpensTheCaseThereOnly_EvenForSomeoneSignedInHere()
    {
        var a = await app.CreateOrganizationAsync("Modulo Alfa S.r.l.");
        var b = await app.CreateOrganizationAsync("Modulo Beta S.r.l.");
        var signedInToA = await a.SignInAsync();

        var response = await SendAsync(signedInToA, b, await SlugOfAsync(b), Person("cliente@comune.test"));
        Assert.True(IsThanks(response));
        Assert.Single(await CasesAsync(b.Id));
        Assert.Empty(await CasesAsync(a.Id));
        Assert.Equal(0, await CustomersAsync(a.Id));
        Assert.Equal(1, await CustomersAsync(b.Id));

        // A's token does not open a case at B.
        var page = await Html.GetAsync(signedInToA, $"/contatti/{await SlugOfAsync(b)}");
        var values = Person("cliente2@comune.test");
        values["__RequestVerificationToken"] = await TokenAsync(a.Id, TimeSpan.FromMinutes(1));
        var forged = await Html.PostFormAsync(signedInToA, page.QuerySelector<IHtmlFormElement>("#contact-form")!, values);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Single(await CasesAsync(b.Id));
    }

    [Fact]
    public async Task Language_ItalianByDefault_TheOrganizationsLanguage_OrTheLinks()
    {
        var org = await app.CreateOrganizationAsync("Modulo Lingua S.r.l.");
        var slug = await SlugOfAsync(org);
        var client = app.Browser();
        Assert.Equal(("it", "Scrivici"), Heading(await Html.GetAsync(client, $"/contatti/{slug}")));
        Assert.Equal(("en", "Write to us"), Heading(await Html.GetAsync(client, $"/contatti/{slug}?lang=en")));

        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            (await db.Set<Organization>().SingleAsync()).Language = "en";
            return await db.SaveChangesAsync();
        });
        Assert.Equal(("en", "Write to us"), Heading(await Html.GetAsync(client, $"/contatti/{slug}")));
        Assert.Equal(("it", "Scrivici"), Heading(await Html.GetAsync(client, $"/contatti/{slug}?lang=it")));

        static (string?, string?) Heading(IDocument page) => (page.DocumentElement.GetAttribute("lang"), page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task ThePublicForm_MayBeFramed_EmbeddedWithoutTheAppsChrome_OtherPagesMayNot()
    {
        var org = await app.CreateOrganizationAsync("Modulo Cornice S.r.l.");
        var client = await org.SignInAsync();
        var form = await client.GetAsync($"/contatti/{await SlugOfAsync(org)}?embed=1");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.False(form.Headers.Contains("X-Frame-Options"));
        Assert.Equal("frame-ancestors *", string.Join(",", form.Headers.GetValues("Content-Security-Policy")));
        var embedded = await Html.ParseAsync(form);
        Assert.Null(embedded.QuerySelector("nav.navbar"));
        Assert.NotNull(embedded.QuerySelector("#contact-form"));

        var inbox = await client.GetAsync("/assistenza");
        Assert.Equal("DENY", string.Join(",", inbox.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("frame-ancestors 'none'", string.Join(",", inbox.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task EmbedPage_ShowsTheAddressAndTheSnippets_ToWhoManagesTheDeskOnly()
    {
        var org = await app.CreateOrganizationAsync("Caffè D'Angelo & Figli", ("agente.modulo@example.test", Role.Agent), ("cx.modulo@example.test", Role.CxLead));
        var slug = await SlugOfAsync(org);
        Assert.Equal("caffe-d-angelo-figli", slug);

        var page = await Html.GetAsync(await org.SignInAsync(), "/assistenza/modulo-contatti");
        Assert.EndsWith($"/contatti/{slug}", page.QuerySelector("#contact-url")!.TextContent);
        var iframe = page.QuerySelector<IHtmlTextAreaElement>("#iframe-snippet")!.Value;
        Assert.Contains($"/contatti/{slug}?embed=1\"", iframe);
        Assert.Contains("D&#39;Angelo &amp; Figli\"", iframe);
        var script = page.QuerySelector<IHtmlTextAreaElement>("#script-snippet")!.Value;
        Assert.Contains("document.createElement('iframe')", script);
        Assert.DoesNotContain("D'Angelo", script);   // the quote would end the script's string

        Assert.Equal(HttpStatusCode.OK, (await (await org.SignInAsync(Role.CxLead)).GetAsync("/assistenza/modulo-contatti")).StatusCode);
        Assert.StartsWith("/accesso-negato", Html.LocationPath(await (await org.SignInAsync(Role.Agent)).GetAsync("/assistenza/modulo-contatti")));
        Assert.StartsWith("/accedi", Html.LocationPath(await app.Browser().GetAsync("/assistenza/modulo-contatti")));
    }
}

public sealed class ContactFormTestsOnSqlite(ContactFormSqliteApp app) : ContactFormTests(app), IClassFixture<ContactFormSqliteApp>;

public sealed class ContactFormTestsOnPostgres(ContactFormPostgresApp app) : ContactFormTests(app), IClassFixture<ContactFormPostgresApp>;
