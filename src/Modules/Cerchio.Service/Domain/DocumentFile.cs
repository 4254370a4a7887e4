using Cerchio.Tenancy;

namespace Cerchio.Service.Domain;

internal enum DocumentOwner
{
    Announcement = 1,
    Article = 2,
}

/// <summary>
/// A file that goes with an announcement or a knowledge article (the new price list, the product sheet). The bytes
/// stay out of the audit log; that a file was added or removed, with its name and size, is in it.
/// </summary>
internal sealed class DocumentFile : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public DocumentOwner OwnerKind { get; set; }

    /// <summary>The announcement's or the article's id.</summary>
    public Guid OwnerId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }

    [NotAudited]
    public byte[] Content { get; set; } = [];
    public string AddedBy { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }
}
