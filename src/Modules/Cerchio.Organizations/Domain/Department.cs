using Cerchio.Tenancy;

namespace Cerchio.Organizations.Domain;

internal sealed class Department : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }

    /// <summary>The defaults of a new organization (the issue lists them).</summary>
    public static readonly string[] Defaults =
    [
        "Direzione", "Vendite", "Marketing e digitale", "Customer service e post-vendita", "IT",
        "Amministrazione", "Produzione", "Logistica e magazzino", "Risorse umane", "Comunicazione",
    ];

    public static Errors ValidateName(string? name, IEnumerable<string> existing)
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(name))
        {
            return errors.Add("Name", "Il nome è obbligatorio.");
        }

        if (name.Trim().Length > 100)
        {
            errors.Add("Name", "Il nome può avere al massimo 100 caratteri.");
        }
        else if (existing.Any(e => string.Equals(e, name.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("Name", "Esiste già un reparto con questo nome.");
        }

        return errors;
    }
}
