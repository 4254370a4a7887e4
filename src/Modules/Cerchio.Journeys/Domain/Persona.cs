using Cerchio.Tenancy;

namespace Cerchio.Journeys.Domain;

internal enum PersonaKind
{
    Business = 1,
    Consumer = 2,
}

/// <summary>
/// A kind of customer the company serves, drawn from its real customers: who they are, what they want and what
/// frustrates them. Linked to the customers by one of their attributes (segmento = A), so numbers can be cut by it.
/// </summary>
internal sealed class Persona : IOrganizationScoped
{
    public const int MaxName = 100;
    public const int MaxShort = 100;
    public const int MaxText = 2_000;
    public const int MaxPhotoBytes = 512 * 1024;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public PersonaKind Kind { get; set; } = PersonaKind.Business;

    /// <summary>Who they are in a few words ("PMI dell'edilizia, 10–50 dipendenti").</summary>
    public string Segment { get; set; } = "";

    /// <summary>The customer attribute that tells a customer is this persona (with <see cref="MatchValue"/>); none when no attribute does.</summary>
    public string? MatchAttribute { get; set; }
    public string? MatchValue { get; set; }

    public string Goals { get; set; } = "";
    public string Needs { get; set; } = "";
    public string Frustrations { get; set; } = "";
    public string Quote { get; set; } = "";

    /// <summary>A photo (PNG, JPEG or WebP, checked by its first bytes); without one the page shows the initials.</summary>
    [NotAudited]   // the audit log notes that it changed, not its bytes
    public byte[]? Photo { get; set; }
    public string? PhotoContentType { get; set; }

    public bool IsArchived { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The avatar's letters: the first of the first two words.</summary>
    public string Initials => string.Concat(Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));
}
