using System.Security.Cryptography;
using System.Text;
using Cerchio.Tenancy;

namespace Cerchio.Organizations.Domain;

/// <summary>
/// An organization-scoped API key "cer_{prefix}_{secret}". The prefix finds the row, the SHA-256 of the
/// whole key proves it; the key itself is shown once and never stored.
/// </summary>
internal sealed class ApiKey : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string SecretHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    public static (ApiKey Key, string Plain) Issue(string name, string createdBy, DateTimeOffset now)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(24));
        var plain = $"cer_{prefix}_{secret}";
        var key = new ApiKey
        {
            Id = Ids.New(),
            Name = name.Trim(),
            Prefix = prefix,
            SecretHash = Hash(plain),
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        return (key, plain);
    }

    public static Errors ValidateName(string? name)
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("Name", "Il nome è obbligatorio.");
        }
        else if (name.Trim().Length > 100)
        {
            errors.Add("Name", "Il nome può avere al massimo 100 caratteri.");
        }

        return errors;
    }

    /// <summary>A revoked key stops working at once and cannot be restored: issue a new one.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public static string? PrefixOf(string plain)
    {
        // At most three parts: the base64url secret may itself contain '_'.
        var parts = plain.Split('_', 3);
        return parts.Length == 3 && parts[0] == "cer" && parts[1].Length == 12 ? parts[1] : null;
    }

    public bool Matches(string plain) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(plain)), Encoding.ASCII.GetBytes(SecretHash));

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
