using System.Net;
using System.Text;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Tests.Infrastructure;

namespace Cerchio.Tests.Platform;

/// <summary>The app as deployed (Production), beside the README's `dotnet run` (Development) that every other test uses.</summary>
public sealed class ProductionSqliteApp : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string EnvironmentName => "Production";
}

/// <summary>
/// A bad request gets the same answer — status, type and detail — in Development and in Production (issue 5, finding 4:
/// Development answered 500 where Production answered a bare 400).
/// </summary>
public sealed class SameAnswerEverywhereTests(SqliteApp development, ProductionSqliteApp production) : IClassFixture<SqliteApp>, IClassFixture<ProductionSqliteApp>
{
    public static TheoryData<string, string?> BadBodies => new()
    {
        { "{\"name\": \"x\",", "application/json" },
        { "", "application/json" },
        { "[1,2,3]", "application/json" },
        { "null", "application/json" },
        { "{\"name\":123}", "application/json" },
        { "{\"name\":\"a\\u0000b\"}", "application/json" },
        { "{\"a\":" + new string('[', 100) + new string(']', 100) + "}", "application/json" },
        { "{\"name\":\"Rossi S.r.l.\"}", null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task MalformedApiBody_GetsTheSameProblem_InDevelopmentAndProduction(string body, string? contentType)
    {
        var answers = new List<(HttpStatusCode Status, string? Type, string? Detail)>();
        foreach (var app in new AppFixture[] { development, production })
        {
            var org = await app.CreateOrganizationAsync("Ambienti S.r.l.");
            var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = contentType is null ? null : new(contentType);
            var response = await org.Api().PostAsync("/api/v1/customers", content);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            answers.Add((response.StatusCode, problem.GetProperty("type").GetString(), problem.GetProperty("detail").GetString()));
        }

        Assert.True((int)answers[0].Status is >= 400 and < 500, $"{answers[0]}");
        Assert.False(string.IsNullOrWhiteSpace(answers[0].Detail));
        Assert.Equal(answers[0], answers[1]);
    }

    [Fact]
    public async Task PageWithABadQueryValue_GetsTheSame400_InDevelopmentAndProduction()
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var app in new AppFixture[] { development, production })
        {
            var org = await app.CreateOrganizationAsync("Ambienti Pagine S.r.l.");
            statuses.Add((await (await org.SignInAsync()).GetAsync("/clienti?pagina=abc")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], statuses);
    }
}
