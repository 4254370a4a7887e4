using Microsoft.AspNetCore.Identity;

namespace Cerchio.Data;

/// <summary>A person who signs in. Global: the same person may belong to several organizations (Membership).</summary>
public sealed class CerchioUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>"it" or "en"; the UI language this person chose.</summary>
    public string Language { get; set; } = "it";

    public DateTimeOffset CreatedAt { get; set; }
}
