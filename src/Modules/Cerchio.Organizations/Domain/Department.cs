using Cerchio.Tenancy;

namespace Cerchio.Organizations.Domain;

internal sealed class Department : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }

    /// <summary>Who answers for the department: told when its cases near or pass their SLA. Null: nobody named.</summary>
    public Guid? HeadUserId { get; set; }

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

    /// <summary>A new department, last in the list; <paramref name="existing"/> are the organization's departments (active or not).</summary>
    public static (Department? Department, Errors Errors) Create(string? name, IReadOnlyCollection<Department> existing)
    {
        var errors = ValidateName(name, existing.Select(d => d.Name));
        if (errors.Any)
        {
            return (null, errors);
        }

        var department = new Department
        {
            Id = Ids.New(),
            Name = name!.Trim(),
            SortOrder = existing.Count == 0 ? 0 : existing.Max(d => d.SortOrder) + 1,
        };
        return (department, errors);
    }

    /// <summary>Renames, refusing a name another department of the organization already has (its own is fine).</summary>
    public Errors Rename(string? name, IEnumerable<Department> existing)
    {
        var errors = ValidateName(name, existing.Where(d => d.Id != Id).Select(d => d.Name));
        if (!errors.Any)
        {
            Name = name!.Trim();
        }

        return errors;
    }

    /// <summary>An inactive department keeps its people and history but is no longer offered for new assignments.</summary>
    public void Deactivate() => IsActive = false;

    public void Reactivate() => IsActive = true;
}
