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

    public void Accept(DateTimeOffset now)
    {
        if (!IsOpen(now))
        {
            throw new InvalidOperationException("The invitation is no longer open.");
        }

        AcceptedAt = now;
    }
}
