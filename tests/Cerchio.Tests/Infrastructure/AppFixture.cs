using System.Net;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cerchio.Tests.Infrastructure;

/// <summary>
/// The real app over a real, fresh database: a SQLite file, or a new database on the PostgreSQL server that
/// ./test.sh starts (PG_CONN). Migrations run at start exactly as in production.
/// </summary>
public abstract class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string _connectionString = "";
    private readonly List<string> _sqliteFiles = [];
    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), $"cerchio-keys-{Guid.NewGuid():N}");

    /// <summary>
    /// One key-ring certificate made per test run: an RSA key takes about a second to generate here, so fixtures
    /// copy this one into their own directory instead of each making its own.
    /// </summary>
    private static readonly Lazy<byte[]> TestCertificate = new(() =>
    {
        var directory = Directory.CreateTempSubdirectory("cerchio-test-cert-").FullName;
        var path = Path.Combine(directory, "cerchio-keyring.pfx");
        Cerchio.Web.Composition.KeyRingProtection.Create(path, password: null, TimeProvider.System).Dispose();
        var bytes = File.ReadAllBytes(path);
        Directory.Delete(directory, recursive: true);
        return bytes;
    });

    public abstract DatabaseProvider Provider { get; }

    /// <summary>This fixture's own key-ring certificate (DataProtection:CertificatePath), in a temporary directory.</summary>
    public string CertificatePath => Path.Combine(_keyDirectory, "cerchio-keyring.pfx");

    /// <summary>False: the directory starts empty and the app's first start creates the certificate, as on a new install.</summary>
    protected virtual bool CopyTestCertificate => true;

    public async Task InitializeAsync()
    {
        _connectionString = await CreateDatabaseAsync();
        if (CopyTestCertificate)
        {
            Directory.CreateDirectory(_keyDirectory);
            File.WriteAllBytes(CertificatePath, TestCertificate.Value);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(CertificatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        await Cerchio.Web.Composition.CerchioApp.MigrateAsync(Services);
    }

    /// <summary>A new, empty database on this fixture's provider (not migrated); removed with the fixture.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var server = Environment.GetEnvironmentVariable("PG_CONN")
                ?? throw new InvalidOperationException("PG_CONN is not set: run the tests through ./test.sh, which starts PostgreSQL.");
            var name = "cerchio_" + Guid.NewGuid().ToString("N")[..16];
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        }

        var file = Path.Combine(Path.GetTempPath(), $"cerchio-test-{Guid.NewGuid():N}.db");
        _sqliteFiles.Add(file);
        return $"Data Source={file}";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Cerchio", _connectionString);
        builder.UseSetting("Database:MigrateOnStart", "false");
        builder.UseSetting("DataProtection:CertificatePath", CertificatePath);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // The sweep's passes (SLA alerts, auto-close, pruning) run on a timer in production; tests run them themselves, on their own clock.
        builder.UseSetting("Sweep:Interval", "00:00:00");
        // Every test signs in from the same address; the limit itself is tested with its own fixture.
        builder.UseSetting("Security:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    protected virtual int SignInAttemptsPerMinute => 100_000;

    /// <summary>The environment of the README's `dotnet run` (its launch profile): what the tests see is what a user sees.</summary>
    protected virtual string EnvironmentName => "Development";

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in _sqliteFiles.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }))
        {
            File.Delete(file);
        }

        if (Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each 302.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A new organization with an administrator (and optionally more people) and an API key.</summary>
    public async Task<TestOrganization> CreateOrganizationAsync(string name, params (string Email, Role Role)[] others)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CerchioUser>>();
        var admin = new CerchioUser { Id = Ids.New(), UserName = $"admin-{unique}@example.test", Email = $"admin-{unique}@example.test", DisplayName = $"Admin {name}", EmailConfirmed = true };
        var created = await users.CreateAsync(admin, TestOrganization.Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        var (organizationId, errors) = await scope.ServiceProvider.GetRequiredService<IOrganizationProvisioning>()
            .CreateAsync(new NewOrganization(name, null, "it"), admin.Id);
        Assert.False(errors.Any);

        await using var inside = Services.CreateAsyncScope();
        inside.ServiceProvider.GetRequiredService<OrganizationContext>().Set(organizationId!.Value, admin.Id, admin.DisplayName, Role.Administrator);
        var provisioning = inside.ServiceProvider.GetRequiredService<IOrganizationProvisioning>();
        var people = new Dictionary<Role, string> { [Role.Administrator] = admin.Email! };
        foreach (var (email, role) in others)
        {
            var (_, personErrors) = await provisioning.AddPersonAsync(new NewPerson(email, email, TestOrganization.Password, role, "IT"));
            Assert.False(personErrors.Any);
            people[role] = email;
        }

        var apiKey = await provisioning.IssueApiKeyAsync("test");
        return new TestOrganization(this, organizationId.Value, name, admin.Email!, people, apiKey);
    }

    /// <summary>Runs work inside one organization, as a job would.</summary>
    public async Task<T> InOrganizationAsync<T>(Guid organizationId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OrganizationContext>().Set(organizationId, null, "test", Role.Administrator);
        return await work(scope.ServiceProvider);
    }
}

public sealed class SqliteApp : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresApp : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
