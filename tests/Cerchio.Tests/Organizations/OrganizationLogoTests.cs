using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;

namespace Cerchio.Tests.Organizations;

/// <summary>
/// The organization's logo: chosen on the organization's page (PNG, JPEG or WebP within its limit; anything else refused
/// beside the field), shown to customers at the top of its surveys, served publicly with its checked type, removable.
/// </summary>
public abstract class OrganizationLogoTests(AppFixture app)
{
    private const string Page = "/amministrazione/organizzazione";

    // The first bytes decide the type: enough of a PNG for that, the rest any bytes.
    private static byte[] Png(int length = 600) => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, length - 8).Select(i => (byte)(i * 7))];

    private static Task<HttpResponseMessage> UploadAsync(HttpClient admin, string fileName, byte[] content, string action = "carica") =>
        Html.SubmitMultipartAsync(admin, Page, "logo", [], [(fileName, content)], ("azione", action));

    /// <summary>A published survey of the organization, and its public page's path.</summary>
    private static async Task<string> SurveyPathAsync(TestOrganization org)
    {
        var api = org.Api();
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Dopo la visita", kind = "csat", brand = "Mobili Logo" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var published = await (await api.PostAsync($"/api/v1/surveys/{id}/publish", null)).Content.ReadFromJsonAsync<JsonElement>();
        return new Uri(published.GetProperty("public_url").GetString()!).AbsolutePath;
    }

    [Fact]
    public async Task Logo_IsShownOnTheSurveyPage_ServedWithItsCheckedType_AndRemovable()
    {
        var org = await app.CreateOrganizationAsync("Mobili Logo S.r.l.");
        var admin = await org.SignInAsync();
        var survey = await SurveyPathAsync(org);
        Assert.Null((await Html.GetAsync(app.Browser(), survey)).QuerySelector("#brand-logo"));

        var logo = Png();
        var saved = await UploadAsync(admin, "logo.png", logo);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var settings = await Html.GetAsync(admin, Page);
        var shown = settings.QuerySelector<IHtmlImageElement>("#logo-current")!.GetAttribute("src")!;

        // The customer's page shows it; anyone may fetch it, as the type its bytes say, kept for good at this address.
        var respondent = app.Browser();
        var src = (await Html.GetAsync(respondent, survey)).QuerySelector("#brand-logo")!.GetAttribute("src")!;
        Assert.Equal(shown, src);
        var image = await respondent.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(logo, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("immutable", image.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        // A new logo gets a new address; the old one no longer promises to be kept.
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(admin, "nuovo.png", Png(900))).StatusCode);
        var newer = (await Html.GetAsync(respondent, survey)).QuerySelector("#brand-logo")!.GetAttribute("src")!;
        Assert.NotEqual(src, newer);
        Assert.Equal(900, (await respondent.GetByteArrayAsync(newer)).Length);
        Assert.DoesNotContain("immutable", (await respondent.GetAsync(src)).Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        // Removed: gone from the page and from its address.
        var removed = await Html.SubmitMultipartAsync(admin, Page, "logo", [], [], ("azione", "togli"));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null((await Html.GetAsync(respondent, survey)).QuerySelector("#brand-logo"));
        Assert.Equal(HttpStatusCode.NotFound, (await respondent.GetAsync(newer)).StatusCode);
    }

    [Theory]
    [InlineData("logo.svg", "svg", "PNG, JPEG o WebP")]
    [InlineData("logo.png", "text", "PNG, JPEG o WebP")]
    [InlineData("logo.png", "large", "100 KB")]
    [InlineData("", "none", "Scegli un'immagine")]
    public async Task BadLogo_IsRefusedBesideTheField_TheOtherFormKeepsItsValues_AndNothingIsStored(string fileName, string kind, string message)
    {
        var org = await app.CreateOrganizationAsync("Logo Errato S.r.l.");
        var admin = await org.SignInAsync();
        byte[] content = kind switch
        {
            "svg" => "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(),
            "text" => "non sono un'immagine"u8.ToArray(),
            "large" => Png(100 * 1024 + 1),
            _ => [],
        };
        var refused = kind == "none"
            ? await Html.SubmitMultipartAsync(admin, Page, "logo", [], [], ("azione", "carica"))
            : await UploadAsync(admin, fileName, content);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains(message, page.QuerySelector("#Logo-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Logo Errato S.r.l.", page.QuerySelector<IHtmlInputElement>("#org-name")!.Value);
        Assert.Null(page.QuerySelector("#logo-current"));
        Assert.Null((await Html.GetAsync(app.Browser(), await SurveyPathAsync(org))).QuerySelector("#brand-logo"));
    }

    [Fact]
    public async Task OnlyAnAdministrator_ChangesTheLogo_AndOnlyTheirOwnOrganizations()
    {
        var org = await app.CreateOrganizationAsync("Logo Riservato S.r.l.", ("agente@logo-riservato.test", Role.Agent));
        var agent = await org.SignInAsync(Role.Agent);
        Assert.StartsWith("/accesso-negato", Html.LocationPath(await agent.GetAsync(Page)));

        var other = await app.CreateOrganizationAsync("Logo Vicino S.r.l.");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(await other.SignInAsync(), "logo.png", Png())).StatusCode);
        Assert.Null((await Html.GetAsync(app.Browser(), await SurveyPathAsync(org))).QuerySelector("#brand-logo"));
        Assert.NotNull((await Html.GetAsync(app.Browser(), await SurveyPathAsync(other))).QuerySelector("#brand-logo"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/logo/{org.Id}/1")).StatusCode);
    }
}

public sealed class OrganizationLogoTestsOnSqlite(SqliteApp app) : OrganizationLogoTests(app), IClassFixture<SqliteApp>;

public sealed class OrganizationLogoTestsOnPostgres(PostgresApp app) : OrganizationLogoTests(app), IClassFixture<PostgresApp>;
