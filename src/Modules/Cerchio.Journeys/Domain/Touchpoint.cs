using Cerchio.Tenancy;
using Cerchio.Touchpoints;

namespace Cerchio.Journeys.Domain;

/// <summary>
/// A moment where the customer meets the company (the invoice, the delivery, the switchboard), in the organization's
/// catalog: a stable code that cases, events and answers point at, the department that answers for it, and what it
/// must keep. Archived rather than deleted: what points at its code keeps meaning something.
/// </summary>
internal sealed class Touchpoint : IOrganizationScoped
{
    public const int MaxCode = 40;
    public const int MaxName = 100;
    public const int MaxText = 2_000;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public bool Online { get; set; }

    /// <summary>The department that answers for it; none is flagged — nessuno può alzare le mani.</summary>
    public Guid? OwnerDepartmentId { get; set; }

    /// <summary>The brand promise this moment must keep.</summary>
    public string Promise { get; set; } = "";
    public string MomentsOfTruth { get; set; } = "";
    public string PainPoints { get; set; } = "";
    public bool IsArchived { get; set; }

    /// <summary>Its place in the catalog's list.</summary>
    public int Position { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public TouchpointInfo Info => new(Code, Name, Online, OwnerDepartmentId, PainPoints);

    /// <summary>
    /// The seventeen defaults of PRODUCT.md with the department that usually answers for each, by the name the
    /// organization's departments start with (a renamed or missing one leaves the touchpoint without an owner, flagged).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultOwners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["commerciale"] = "Vendite", ["centralino"] = "Customer service e post-vendita", ["fiera"] = "Marketing e digitale",
        ["catalogo"] = "Marketing e digitale", ["facebook"] = "Marketing e digitale", ["newsletter"] = "Marketing e digitale",
        ["etichetta"] = "Produzione", ["email"] = "Customer service e post-vendita", ["youtube"] = "Marketing e digitale",
        ["preventivo"] = "Vendite", ["sito"] = "Marketing e digitale", ["fattura"] = "Amministrazione", ["linkedin"] = "Marketing e digitale",
        ["manuale"] = "Produzione", ["punto-vendita"] = "Vendite", ["assistenza"] = "Customer service e post-vendita",
        ["consegna"] = "Logistica e magazzino",
    };
}
