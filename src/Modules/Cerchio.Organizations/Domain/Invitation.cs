using System.Net.Mail;
using System.Security.Cryptography;
using Cerchio.Tenancy;

namespace Cerchio.Organizations.Domain;

/// <summary>An invitation to join; the link carries a secret token whose hash alone is stored.</summary>
internal sealed class Invitation : IOrganizationScoped
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Email { get; set; } = "";
    public Role Role { get; set; }
    public Guid? DepartmentId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string InvitedBy { get; set; } = "";

    public bool IsOpen(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;

    /// <summary>
    /// A new invitation and its secret token (shown once, in the link). <paramref name="isMember"/> tells whether the
    /// email already belongs to a member of the organization.
    /// </summary>
    public static (Invitation? Invitation, string? Token, Errors Errors) Create(
        string? email, Role role, Guid? departmentId, bool isMember, string invitedBy, DateTimeOffset now)
    {
        var errors = new Errors();
        var address = email?.Trim() ?? "";
        if (address.Length == 0 || address.Length > 256 || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
        {
            errors.Add("Email", "L'indirizzo email non è valido.");
        }
        else if (isMember)
        {
            errors.Add("Email", "Questa persona fa già parte dell'organizzazione.");
        }

        if (!Enum.IsDefined(role))
        {
            errors.Add("Role", "Ruolo non valido.");
        }

        if (errors.Any)
        {
            return (null, null, errors);
        }

        var token = ApiKey.Base64Url(RandomNumberGenerator.GetBytes(32));
        var invitation = new Invitation
        {
            Id = Ids.New(),
            Email = address,
            Role = role,
            DepartmentId = departmentId,
            TokenHash = HashToken(token),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            InvitedBy = invitedBy,
        };
        return (invitation, token, errors);
    }

    public static string HashToken(string token) => ApiKey.Hash(token);

    public void Accept(DateTimeOffset now)
    {
        if (!IsOpen(now))
        {
            throw new InvalidOperationException("The invitation is no longer open.");
        }

        AcceptedAt = now;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (AcceptedAt is null && RevokedAt is null)
        {
            RevokedAt = now;
        }
    }
}
