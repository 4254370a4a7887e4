using Cerchio.Tenancy;

namespace Cerchio.Service.Domain;

/// <summary>
/// A reply the desk writes often ("risposta predefinita"), kept per organization and inserted into a case's reply with
/// its placeholders filled in (see <c>Features.CannedReplies.Placeholders</c>).
/// </summary>
internal sealed class CannedReply : IOrganizationScoped
{
    public const int MaxTitle = 120;
    public const int MaxBody = 10_000;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Title { get; set; } = "";

    /// <summary>The title folded to lower case: unique per organization, so two replies never read alike in the picker.</summary>
    public string TitleKey { get; set; } = "";
    public string Body { get; set; } = "";

    /// <summary>"it", "en" or none: which customers it is written for.</summary>
    public string? Language { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    public static string KeyOf(string title) => title.Trim().ToLowerInvariant();
}
