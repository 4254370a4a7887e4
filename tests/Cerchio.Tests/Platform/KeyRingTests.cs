using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cerchio.Data;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Web.Composition;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Platform;

/// <summary>
/// The key ring is stored in the database encrypted with a certificate kept outside it (ADR 0007): the database alone
/// reads nothing, instances sharing the certificate read each other's values, a missing certificate stops the start.
/// </summary>
public abstract class KeyRingTests(AppFixture app)
{
    private const string Purpose = "Cerchio.Tests.KeyRing";
    private const string Secret = "password della casella";

    [Fact]
    public async Task StoredKeys_HoldNoPlaintextMasterKey()
    {
        Protect(app.Services, Secret);   // the first use makes the first key

        var keys = await StoredKeysAsync(ConnectionString());
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Contains("<encryptedSecret", key.Xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task ValueProtectedByOneInstance_IsReadByAnother_SharingDatabaseAndCertificate()
    {
        using var elsewhere = new TemporaryDirectory();
        var copy = Path.Combine(elsewhere.FullName, "cerchio-keyring.pfx");
        File.Copy(app.CertificatePath, copy);
        await using var other = Instance(copy);

        Assert.Equal(Secret, Unprotect(other.Services, Protect(app.Services, Secret)));
        Assert.Equal(Secret, Unprotect(app.Services, Protect(other.Services, Secret)));
    }

    [Fact]
    public async Task Start_WithEncryptedKeysButNoCertificate_FailsClearly_AndCreatesNone()
    {
        Protect(app.Services, Secret);
        using var empty = new TemporaryDirectory();
        var missing = Path.Combine(empty.FullName, "keys", "cerchio-keyring.pfx");
        await using var other = Instance(missing);

        var error = Assert.Throws<InvalidOperationException>(() => other.Services);
        Assert.Contains($"the certificate file {missing} does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("Restore the certificate file from its backup", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty.FullName));
    }

    [Fact]
    public async Task TheDatabaseAlone_CannotReadProtectedValues_WithTheCertificateItCan()
    {
        var protectedValue = Protect(app.Services, Secret);

        await using (var databaseOnly = DatabaseOnly(ConnectionString(), dp => dp.DisableAutomaticKeyGeneration()))
        {
            Assert.ThrowsAny<CryptographicException>(() => Unprotect(databaseOnly, protectedValue));
        }

        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(app.CertificatePath, null);
        await using var withCertificate = DatabaseOnly(ConnectionString(), dp => dp.DisableAutomaticKeyGeneration().UnprotectKeysWithAnyCertificate(certificate));
        Assert.Equal(Secret, Unprotect(withCertificate, protectedValue));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void FirstStart_CreatesTheCertificate_ReadableByItsOwnerOnly()
    {
        _ = app.Services;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(app.CertificatePath));
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(app.CertificatePath, null);
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(3072, certificate.GetRSAPublicKey()!.KeySize);
    }

    [Fact]
    public async Task KeysStoredBeforeProtection_StillWork_AndNewKeysAreEncrypted()
    {
        // A database from before ADR 0007: migrated, one unencrypted key, a value protected with it.
        var connectionString = await app.CreateDatabaseAsync();
        string protectedValue;
        await using (var before = DatabaseOnly(connectionString))
        {
            await CerchioApp.MigrateAsync(before);
            protectedValue = Protect(before, Secret);
        }

        Assert.All(await StoredKeysAsync(connectionString), key => Assert.Contains("<masterKey", key.Xml, StringComparison.Ordinal));

        using var keys = new TemporaryDirectory();
        var certificatePath = Path.Combine(keys.FullName, "cerchio-keyring.pfx");
        await using var upgraded = app.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Cerchio", connectionString)
            .UseSetting("DataProtection:CertificatePath", certificatePath));

        Assert.Equal(Secret, Unprotect(upgraded.Services, protectedValue));
        Assert.True(File.Exists(certificatePath));
        var now = DateTimeOffset.UtcNow;
        var key = upgraded.Services.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(90));
        var stored = Assert.Single(await StoredKeysAsync(connectionString), k => k.FriendlyName == $"key-{key.KeyId:D}");
        Assert.Contains("<encryptedSecret", stored.Xml, StringComparison.Ordinal);
    }

    private static string Protect(IServiceProvider services, string value) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect(value);

    private static string Unprotect(IServiceProvider services, string protectedValue) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(protectedValue);

    private string ConnectionString()
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<CerchioDb>().Database.GetConnectionString()!;
    }

    /// <summary>Another instance on the same database: nothing shared in memory, the certificate read from the given path.</summary>
    private WebApplicationFactory<Program> Instance(string certificatePath) =>
        app.WithWebHostBuilder(b => b.UseSetting("DataProtection:CertificatePath", certificatePath));

    /// <summary>Data Protection over a database and nothing else, as the app configured it before ADR 0007.</summary>
    private ServiceProvider DatabaseOnly(string connectionString, Action<IDataProtectionBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<OrganizationContext>();
        services.AddCerchioData(app.Provider, connectionString, CerchioApp.ModuleAssemblies);
        var dataProtection = services.AddDataProtection().SetApplicationName("Cerchio").PersistKeysToDbContext<CerchioDb>();
        configure?.Invoke(dataProtection);
        return services.BuildServiceProvider();
    }

    private async Task<List<(string? FriendlyName, string Xml)>> StoredKeysAsync(string connectionString)
    {
        await using var services = DatabaseOnly(connectionString);
        await using var scope = services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<CerchioDb>().DataProtectionKeys.ToListAsync();
        return rows.Select(k => (k.FriendlyName, k.Xml ?? "")).ToList();
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public string FullName { get; } = Directory.CreateTempSubdirectory("cerchio-keyring-test-").FullName;

        public void Dispose() => Directory.Delete(FullName, recursive: true);
    }
}

public sealed class KeyRingTestsOnSqlite(KeyRingTestsOnSqlite.NewInstall app) : KeyRingTests(app), IClassFixture<KeyRingTestsOnSqlite.NewInstall>
{
    /// <summary>No certificate until the app's first start makes one, as on a new install.</summary>
    public sealed class NewInstall : AppFixture
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        protected override bool CopyTestCertificate => false;
    }
}

public sealed class KeyRingTestsOnPostgres(KeyRingTestsOnPostgres.NewInstall app) : KeyRingTests(app), IClassFixture<KeyRingTestsOnPostgres.NewInstall>
{
    /// <summary>No certificate until the app's first start makes one, as on a new install.</summary>
    public sealed class NewInstall : AppFixture
    {
        public override DatabaseProvider Provider => DatabaseProvider.Postgres;

        protected override bool CopyTestCertificate => false;
    }
}
