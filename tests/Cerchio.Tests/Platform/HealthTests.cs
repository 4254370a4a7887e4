using System.Net;
using Cerchio.Tests.Infrastructure;

namespace Cerchio.Tests.Platform;

public abstract class HealthTests(AppFixture app)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_IsAnonymousAndHealthy(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/accedi")]
    [InlineData("/lib/bootstrap/bootstrap.min.css")]
    public async Task Responses_CannotBeFramed_OrSniffed(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"Cerchio API\"", json);
        Assert.Contains("bearer", json);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/customers", paths);
        Assert.Contains("/api/v1/events", paths);
        Assert.Contains("/api/v1/customers/{customerId}/timeline", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p));
    }
}

public sealed class HealthTestsOnSqlite(SqliteApp app) : HealthTests(app), IClassFixture<SqliteApp>;

public sealed class HealthTestsOnPostgres(PostgresApp app) : HealthTests(app), IClassFixture<PostgresApp>;
