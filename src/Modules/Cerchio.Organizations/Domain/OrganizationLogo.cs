using Cerchio.Tenancy;

namespace Cerchio.Organizations.Domain;

/// <summary>
/// The organization's logo, shown to its customers on the survey pages. Kept apart from <see cref="Organization"/> so
/// reading the organization never loads the image.
/// </summary>
internal sealed class OrganizationLogo : IOrganizationScoped
{
    /// <summary>Small enough for a page that must stay within 30 KB on a phone's first visit with room for the page itself.</summary>
    public const int MaxBytes = 100 * 1024;

    public Guid OrganizationId { get; set; }
    public byte[] Content { get; set; } = [];
    public string ContentType { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Where pages ask for it: the address changes with every new logo, so browsers keep each one for good.</summary>
    public static string PathOf(Guid organizationId, DateTimeOffset updatedAt) => $"/logo/{organizationId}/{updatedAt.ToUnixTimeMilliseconds()}";
}
