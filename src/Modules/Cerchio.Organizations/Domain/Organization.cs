using Cerchio.Tenancy;

namespace Cerchio.Organizations.Domain;

/// <summary>The tenant. Scoped to itself (OrganizationId == Id) so the same filter and audit apply to it.</summary>
internal sealed class Organization : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string? VatNumber { get; set; }
    public string Language { get; set; } = "it";

    /// <summary>The organization in public addresses (the contact form); unique, see <see cref="OrganizationSlug"/>.</summary>
    public string Slug { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The demo company (seed-demo finds it again instead of making a second one).</summary>
    public bool IsDemo { get; set; }

    public static Errors Validate(string? name, string? vatNumber, string? language)
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("Name", "Il nome è obbligatorio.");
        }
        else if (name.Trim().Length > 200)
        {
            errors.Add("Name", "Il nome può avere al massimo 200 caratteri.");
        }

        if (!string.IsNullOrWhiteSpace(vatNumber) && !Cerchio.VatNumbers.IsValid(vatNumber))
        {
            errors.Add("VatNumber", "La partita IVA non è valida (11 cifre).");
        }

        if (language is not null && !Cerchio.Text.Loc.Languages.Contains(language))
        {
            errors.Add("Language", "Lingua non supportata.");
        }

        return errors;
    }

    /// <summary>Changes the organization's details after <see cref="Validate"/>; nothing changes when there are errors.</summary>
    public Errors Update(string? name, string? vatNumber, string? language)
    {
        var errors = Validate(name, vatNumber, language ?? "");
        if (!errors.Any)
        {
            Name = name!.Trim();
            VatNumber = string.IsNullOrWhiteSpace(vatNumber) ? null : Cerchio.VatNumbers.Normalize(vatNumber);
            Language = language!;
        }

        return errors;
    }
}
