using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Organizations.Domain;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Organizations;

public sealed class OrganizationSlugRulesTests
{
    [Theory]
    [InlineData("Rossi Arredamenti S.r.l.", "rossi-arredamenti-s-r-l")]
    [InlineData("Caffè Città & Figli", "caffe-citta-figli")]
    [InlineData("  --L'Òasi--  ", "l-oasi")]
    [InlineData("Ö", "organizzazione")]
    [InlineData("日本", "organizzazione")]
    [InlineData("Assistenza", "organizzazione")]
    public void From_MakesAnAsciiSlug_OrAFallback(string name, string expected) => Assert.Equal(expected, OrganizationSlug.From(name));

    [Fact]
    public void From_ALongName_IsCutAtTheLimit_WithoutATrailingHyphen()
    {
        var slug = OrganizationSlug.From(string.Join(' ', Enumerable.Repeat("Ferramenta", 10)));
        Assert.True(slug.Length <= OrganizationSlug.MaxLength);
        Assert.Null(OrganizationSlug.Problem(slug));
        Assert.Null(OrganizationSlug.Problem(OrganizationSlug.Candidate(slug, 12)));
        Assert.EndsWith("-12", OrganizationSlug.Candidate(slug, 12));
    }

    [Theory]
    [InlineData("rossi", true)]
    [InlineData("rossi-2", true)]
    [InlineData("r2d2-srl", true)]
    [InlineData("", false)]
    [InlineData("ab", false)]
    [InlineData("Rossi", false)]
    [InlineData("rossi--2", false)]
    [InlineData("-rossi", false)]
    [InlineData("rossi-", false)]
    [InlineData("caffè", false)]
    [InlineData("rossi srl", false)]
    [InlineData("rossi/srl", false)]
    [InlineData("contatti", false)]
    [InlineData("api", false)]
    public void Problem_AcceptsOnlyTheShape(string slug, bool valid) => Assert.Equal(valid, OrganizationSlug.Problem(slug) is null);

    [Fact]
    public void Problem_TooLong_IsRefused() => Assert.NotNull(OrganizationSlug.Problem(new string('a', OrganizationSlug.MaxLength + 1)));
}

public abstract class OrganizationSlugTests(AppFixture app)
{
    private async Task<string> SlugOfAsync(Guid organizationId) =>
        await app.InOrganizationAsync(organizationId, services => services.GetRequiredService<IOrganizationDirectory>().SlugAsync());

    [Fact]
    public async Task SameName_GetsASuffix_AndEachSlugFindsItsOwnOrganization()
    {
        var first = await app.CreateOrganizationAsync("Gemelli Omonimi S.r.l.");
        var second = await app.CreateOrganizationAsync("Gemelli Omonimi S.r.l.");
        Assert.Equal("gemelli-omonimi-s-r-l", await SlugOfAsync(first.Id));
        Assert.Equal("gemelli-omonimi-s-r-l-2", await SlugOfAsync(second.Id));

        await using var scope = app.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IOrganizationDirectory>();
        Assert.Equal(first.Id, (await directory.FindBySlugAsync("gemelli-omonimi-s-r-l"))?.Id);
        Assert.Equal(second.Id, (await directory.FindBySlugAsync("Gemelli-Omonimi-S-R-L-2"))?.Id);
        Assert.Null(await directory.FindBySlugAsync("gemelli-omonimi"));
    }

    [Theory]
    [InlineData("Non Valido", "minuscole")]
    [InlineData("ab", "da 3 a 50")]
    [InlineData("assistenza", "riservato")]
    [InlineData("", "obbligatorio")]
    [InlineData("con--doppio", "minuscole")]
    [InlineData("caffè-rossi", "minuscole")]
    public async Task SettingsPage_RefusesABadSlug_NextToTheField_AndChangesNothing(string slug, string message)
    {
        var org = await app.CreateOrganizationAsync("Indirizzo Errato S.r.l.");
        var before = await SlugOfAsync(org.Id);
        var client = await org.SignInAsync();
        var response = await Html.SubmitFormAsync(client, "/amministrazione/organizzazione", "organization", new() { ["Input.Slug"] = slug, ["Input.Name"] = "Nome Cambiato S.r.l." });
        var page = await Html.ParseAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, page.QuerySelector("#Slug-error")?.TextContent);
        Assert.Equal(slug, page.QuerySelector<IHtmlInputElement>("#slug")!.Value);
        Assert.Equal(before, await SlugOfAsync(org.Id));
        Assert.Equal("Indirizzo Errato S.r.l.", await app.InOrganizationAsync(org.Id, s => s.GetRequiredService<CerchioDb>().Set<Organization>().Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task SettingsPage_RefusesAnotherOrganizationsSlug_AndSavesAFreeOne_WhichTheFormThenAnswersTo()
    {
        var taken = await app.CreateOrganizationAsync("Indirizzo Preso S.r.l.");
        var org = await app.CreateOrganizationAsync("Indirizzo Nuovo S.r.l.");
        var old = await SlugOfAsync(org.Id);
        var client = await org.SignInAsync();

        var refused = await Html.SubmitFormAsync(client, "/amministrazione/organizzazione", "organization", new() { ["Input.Slug"] = await SlugOfAsync(taken.Id) });
        Assert.Contains("già usato", (await Html.ParseAsync(refused)).QuerySelector("#Slug-error")?.TextContent);
        Assert.Equal(old, await SlugOfAsync(org.Id));

        var saved = await Html.SubmitFormAsync(client, "/amministrazione/organizzazione", "organization", new() { ["Input.Slug"] = "  Mobili-Nuovi  " });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("mobili-nuovi", await SlugOfAsync(org.Id));
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync("/contatti/mobili-nuovi")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/contatti/{old}")).StatusCode);

        // Saving the other details again keeps the slug as it is.
        var again = await Html.SubmitFormAsync(client, "/amministrazione/organizzazione", "organization", new() { ["Input.Name"] = "Indirizzo Nuovo 2 S.r.l." });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("mobili-nuovi", await SlugOfAsync(org.Id));
    }

    [Fact]
    public async Task Migration_GivesExistingOrganizationsUniqueValidSlugs()
    {
        // A database as it was before slugs, with organizations whose names make awkward slugs.
        var options = new DbContextOptionsBuilder<CerchioDb>();
        DataServices.Configure(options, app.Provider, await app.CreateDatabaseAsync());
        await using var db = new CerchioDb(options.Options, new Cerchio.Tenancy.OrganizationContext(), new CerchioModel(Cerchio.Web.Composition.CerchioApp.ModuleAssemblies));
        var migrator = db.GetService<IMigrator>();
        var all = db.Database.GetMigrations().ToList();
        var before = all[all.FindIndex(m => m.EndsWith("_ContactForm", StringComparison.Ordinal)) - 1];
        await migrator.MigrateAsync(before);

        var sqlite = app.Provider == DatabaseProvider.Sqlite;
        var names = new[] { "Caffè Città S.r.l.", "Caffè Città S.r.l.", "Assistenza", "Ø", "Rossi & Figli (Milano)", "CAFFÈ CITTÀ S.R.L." };
        var ids = names.Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            var id = "'" + (sqlite ? ids[i].ToString().ToUpperInvariant() : ids[i].ToString()) + "'";
            // Literals made here, nothing typed by anyone.
            var insert = $"""
                INSERT INTO "Organizations" ("Id", "OrganizationId", "Name", "Language", "CreatedAt", "IsDemo")
                VALUES ({id}, {id}, '{names[i]}', 'it', {(sqlite ? "0" : "now()")}, {(sqlite ? "0" : "false")})
                """;
            await db.Database.ExecuteSqlRawAsync(insert);
        }

        await migrator.MigrateAsync();
        var slugs = await db.Set<Organization>().IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Slug);
        Assert.All(slugs.Values, s => Assert.Null(OrganizationSlug.Problem(s)));
        Assert.Equal(slugs.Count, slugs.Values.Distinct().Count());
        var caffe = new[] { ids[0], ids[1], ids[5] }.Select(id => slugs[id]).ToList();
        Assert.Single(caffe, s => s == "caffe-citta-s-r-l");
        Assert.Equal(2, caffe.Count(s => s.StartsWith("caffe-citta-s-r-l-", StringComparison.Ordinal)));
        Assert.Equal("rossi-figli-milano", slugs[ids[4]]);
        Assert.StartsWith("organizzazione-", slugs[ids[2]]);
        Assert.StartsWith("organizzazione-", slugs[ids[3]]);
    }
}

public sealed class OrganizationSlugTestsOnSqlite(SqliteApp app) : OrganizationSlugTests(app), IClassFixture<SqliteApp>;

public sealed class OrganizationSlugTestsOnPostgres(PostgresApp app) : OrganizationSlugTests(app), IClassFixture<PostgresApp>;
