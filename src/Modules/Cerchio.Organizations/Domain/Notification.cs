using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;

namespace Cerchio.Organizations.Domain;

/// <summary>News for one person in one organization: the bell counts the unread ones.</summary>
[NotAudited]   // a message to a person, not a change of the organization's data
internal sealed class Notification : IOrganizationScoped
{
    public const int MaxTitle = 300;
    public const int MaxLink = 500;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid RecipientId { get; set; }
    public NotificationKind Kind { get; set; }

    /// <summary>Already in the recipient's language: written once, read many times.</summary>
    public string Title { get; set; } = "";

    /// <summary>A path inside the app; never an address elsewhere (see <see cref="Cerchio.LocalUrls"/>).</summary>
    public string Link { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    public bool IsRead => ReadAt is not null;

    /// <summary>Opened: read from now on (the first time counts).</summary>
    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
