using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cerchio.Data;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Web.Composition;

/// <summary>
/// The Data Protection key ring lives in the database; its keys are encrypted with a certificate kept in a file
/// outside it, so a copy of the database alone unprotects nothing (ADR 0007). The first start creates the
/// certificate. A start that finds encrypted keys but no certificate stops: a new certificate could never read them.
/// </summary>
internal static class KeyRingProtection
{
    public const string DefaultCertificatePath = "data/keys/cerchio-keyring.pfx";

    public static IDataProtectionBuilder ProtectKeysWithCertificateFile(
        this IDataProtectionBuilder builder, IConfiguration configuration, DatabaseProvider provider, string connectionString, TimeProvider clock)
    {
        // The app's container does not exist yet: log through a console logger configured like the app's.
        using var logging = LoggerFactory.Create(b => b.AddConfiguration(configuration.GetSection("Logging")).AddConsole());
        var logger = logging.CreateLogger(typeof(KeyRingProtection).FullName!);

        // A relative path resolves like the SQLite file's (data/cerchio.db): against the working directory.
        var path = Path.GetFullPath(configuration["DataProtection:CertificatePath"] is { Length: > 0 } configured ? configured : DefaultCertificatePath);
        var password = configuration["DataProtection:CertificatePassword"] is { Length: > 0 } secret ? secret : null;

        X509Certificate2 certificate;
        try
        {
            certificate = LoadOrCreate(path, password, StoredKeys(provider, connectionString), clock, logger);
        }
        catch (InvalidOperationException e)
        {
            // Said in the log too: the operator reads the JSON log, not the process's last words.
            logger.LogError("{Message}", e.Message);
            throw;
        }

        return builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }

    private static X509Certificate2 LoadOrCreate(string path, string? password, (int Encrypted, int Plain) stored, TimeProvider clock, ILogger logger)
    {
        X509Certificate2 certificate;
        if (File.Exists(path))
        {
            certificate = Load(path, password);
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
            {
                logger.LogWarning("The key-ring certificate {Path} is readable by other users of this machine; restrict it with chmod 600.", path);
            }
        }
        else if (stored.Encrypted > 0)
        {
            var message = $"The database holds {stored.Encrypted} Data Protection key(s) encrypted with a certificate, but the certificate file "
                + $"{path} does not exist. Without it nothing protected with those keys can be read (sign-in cookies, stored mailbox passwords), "
                + "so Cerchio does not create a new one. Restore the certificate file from its backup to that path, or set "
                + "DataProtection:CertificatePath (and DataProtection:CertificatePassword) to where it is, then start again. "
                + "Only if it is lost for good: delete the rows of the DataProtectionKeys table; a new certificate and new keys are then "
                + "created, everyone signs in again and every stored mailbox password must be entered again.";
            throw new InvalidOperationException(message);
        }
        else
        {
            certificate = Create(path, password, clock);
            logger.LogInformation(
                "Created the key-ring certificate {Path} (thumbprint {Thumbprint}). Back it up apart from the database, and give every "
                + "instance sharing the database the same file.", path, certificate.Thumbprint);
        }

        if (stored.Plain > 0)
        {
            logger.LogWarning(
                "{Count} Data Protection key(s) in the database date from before the key ring was protected with a certificate and are stored "
                + "unencrypted: a copy of the database can read what they protect. New keys are encrypted; these stay in use for new data "
                + "until they expire (90 days after their creation).",
                stored.Plain);
        }

        return certificate;
    }

    /// <summary>How many stored keys have their secret encrypted, and how many do not (written before ADR 0007).</summary>
    private static (int Encrypted, int Plain) StoredKeys(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<CerchioDb>();
        DataServices.Configure(options, provider, connectionString);
        using var db = new CerchioDb(options.Options, new OrganizationContext(), new CerchioModel(CerchioApp.ModuleAssemblies));

        // Before the first migration there is no table, so no key; asking does not create a SQLite file.
        if (!db.Database.GetAppliedMigrations().Any())
        {
            return (0, 0);
        }

        var encrypted = db.DataProtectionKeys.Select(k => k.Xml != null && k.Xml.Contains("encryptedSecret")).ToList();
        return (encrypted.Count(e => e), encrypted.Count(e => !e));
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        // The private key stays in this process's memory, never copied into a key store (macOS cannot do that).
        var flags = OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, flags);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"The key-ring certificate {path} has no private key: it cannot decrypt the key ring.");
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"The key-ring certificate {path} cannot be read ({e.Message}). Check DataProtection:CertificatePassword.", e);
        }
    }

    internal static X509Certificate2 Create(string path, string? password, TimeProvider clock)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Cerchio key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, critical: true));
        var now = clock.GetUtcNow();

        // Nothing checks its dates (it only wraps keys): a long life spares a renewal that would protect nothing more.
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var pfx = certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);

        var directory = Path.GetDirectoryName(path)!;
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        // Written aside and moved into place, so an instance starting alongside never reads half a file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(temporary, file))
        {
            stream.Write(pfx);
            stream.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance sharing the directory created it first: its certificate is the one.
            File.Delete(temporary);
        }

        return Load(path, password);
    }
}
