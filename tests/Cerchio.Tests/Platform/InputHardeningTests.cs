using AngleSharp.Dom;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Text;
using Cerchio.Ui.Export;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Platform;

public abstract class InputHardeningTests(AppFixture app)
{
    [Fact]
    public async Task EmailWithAnApostrophe_CanHaveAnAccount()
    {
        var org = await app.CreateOrganizationAsync("Apostrofo S.r.l.");
        var (userId, errors) = await app.InOrganizationAsync(org.Id, services => services.GetRequiredService<IOrganizationProvisioning>()
            .AddPersonAsync(new NewPerson("Luca D'Angelo", "l.d'angelo@cliente.test", TestOrganization.Password, Role.Agent, null)));
        Assert.False(errors.Any, string.Join(", ", errors.All.Select(e => e.Message.Text)));
        Assert.NotNull(userId);
    }

    [Theory]
    [InlineData("/\t/evil.test")]
    [InlineData("/\n/evil.test")]
    [InlineData("//evil.test")]
    public async Task LanguageSwitch_WithAStrangeReturnUrl_GoesHome(string returnUrl)
    {
        await app.CreateOrganizationAsync("Lingua S.r.l.");   // past set-up: /accedi shows the sign-in form
        var client = app.Browser();
        var page = await Html.GetAsync(client, "/accedi");
        var response = await client.PostAsync("/lingua", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = "en",
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Html.LocationPath(response));
    }

    [Fact]
    public async Task LanguageSwitch_ReturnsToThePageItWasOn()
    {
        await app.CreateOrganizationAsync("Lingua Ritorno S.r.l.");
        var client = app.Browser();
        var page = await Html.GetAsync(client, "/accedi?ReturnUrl=%2Fclienti");
        var form = page.QuerySelector<IHtmlFormElement>("form[action='/lingua']")!;
        var response = await Html.PostFormAsync(client, form, new() { ["language"] = "en" });
        Assert.Equal("/accedi?ReturnUrl=%2Fclienti", Html.LocationPath(response));
    }
}

public sealed class InputHardeningTestsOnSqlite(SqliteApp app) : InputHardeningTests(app), IClassFixture<SqliteApp>;

public sealed class InputHardeningTestsOnPostgres(PostgresApp app) : InputHardeningTests(app), IClassFixture<PostgresApp>;

public sealed class TextSafetyTests
{
    [Fact]
    public void Loc_WithoutArguments_DoesNotFormatAgain() =>
        Assert.Equal("L'email a{0}b@x.test è già registrata.", new Loc([]).F("L'email a{0}b@x.test è già registrata."));

    [Fact]
    public async Task CsvHeaders_AreNeutralizedLikeCells()
    {
        using var output = new MemoryStream();
        await TabularExport.WriteCsvAsync(output, ["Nome", "=HYPERLINK(\"https://evil.test\")"], AsyncRows());
        var header = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n")[0];
        Assert.DoesNotContain(";\"=", header);
        Assert.Contains("'=HYPERLINK", header);
    }

    private static async IAsyncEnumerable<IReadOnlyList<string?>> AsyncRows()
    {
        await Task.CompletedTask;
        yield return ["Bianchi S.r.l.", "x"];
    }
}
