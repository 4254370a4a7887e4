using System.Security.Cryptography;
using System.Text;

namespace Cerchio.Organizations.Domain;

/// <summary>
/// One signed-in browser. The cookie carries only a random key; this row, found by the key's SHA-256, holds the
/// authentication ticket. Deleting the row ends the session at once on every app instance. A copy of the database
/// holds no key, so it cannot present a session. Not organization-scoped: one session spans the organizations a
/// person switches between (like Identity's own tables); the stamping and audit interceptor leaves it alone.
/// </summary>
internal sealed class SignInSession
{
    /// <summary>Lowercase hex SHA-256 of the key in the cookie.</summary>
    public string KeyHash { get; set; } = "";
    public Guid UserId { get; set; }

    /// <summary>The ticket as the framework's TicketSerializer writes it.</summary>
    public byte[] Ticket { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Moves forward with the cookie's sliding expiration; past it the row is dead and is deleted.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public static (SignInSession Session, string Key) Start(Guid userId, byte[] ticket, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var key = ApiKey.Base64Url(RandomNumberGenerator.GetBytes(32));
        var session = new SignInSession
        {
            KeyHash = Hash(key),
            UserId = userId,
            Ticket = ticket,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        return (session, key);
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
