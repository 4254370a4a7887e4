using Cerchio.Service.Domain;
using Cerchio.Tenancy;
using Cerchio.Touchpoints;

namespace Cerchio.Service.Features.Announcements;

/// <summary>The announcement form and the API's body: what the author writes, checked before anything is stored.</summary>
internal sealed class AnnouncementInput
{
    public string? Kind { get; set; }
    public string? Title { get; set; }
    public string? Body { get; set; }

    /// <summary>The launch day (yyyy-MM-dd), in Italian time.</summary>
    public string? EffectiveDate { get; set; }
    public bool RequiresAcknowledgement { get; set; }
    // A form posted with no box ticked binds these as null: they read as empty.
    public List<string> DepartmentIds { get => field ??= []; set; }
    public List<string> Roles { get => field ??= []; set; }
    public List<string> Touchpoints { get => field ??= []; set; }
    public string? Products { get; set; }

    public static AnnouncementInput From(Announcement a) => new()
    {
        Kind = AnnouncementNames.Slug(a.Kind),
        Title = a.Title,
        Body = a.Body,
        EffectiveDate = Cerchio.Text.Times.FormDate(Cerchio.Text.Times.DayInItaly(a.EffectiveAt)),
        RequiresAcknowledgement = a.RequiresAcknowledgement,
        DepartmentIds = a.DepartmentIds.Select(d => d.ToString()).ToList(),
        Roles = a.Roles.Select(AnnouncementNames.Slug).ToList(),
        Touchpoints = [.. a.TouchpointCodes],
        Products = a.Products,
    };

    /// <summary>Checks every field; an empty audience is refused (nobody would be told).</summary>
    public Errors Validate(IReadOnlyCollection<Guid> departments, IReadOnlyCollection<TouchpointInfo> touchpoints)
    {
        var errors = new Errors();
        if (AnnouncementNames.KindOf(Kind) is null)
        {
            errors.Add(nameof(Kind), "Scegli il tipo di annuncio.");
        }

        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > Announcement.MaxTitle)
        {
            errors.Add(nameof(Title), "Il titolo è obbligatorio, al massimo {0} caratteri.", Announcement.MaxTitle);
        }

        if (string.IsNullOrWhiteSpace(Body) || Body.Trim().Length > Announcement.MaxBody)
        {
            errors.Add(nameof(Body), "Il testo è obbligatorio, al massimo {0} caratteri.", Announcement.MaxBody);
        }

        if (Effective() is null)
        {
            errors.Add(nameof(EffectiveDate), "Indica la data di lancio (gg/mm/aaaa).");
        }

        if (DepartmentIds.Count == 0 && Roles.Count == 0)
        {
            errors.Add("Audience", "Scegli almeno un reparto o un ruolo: senza pubblico nessuno riceverebbe l'annuncio.");
        }

        if (DepartmentIds.Any(d => !Guid.TryParse(d, out var id) || !departments.Contains(id)))
        {
            errors.Add("Audience", "Scegli reparti della tua organizzazione.");
        }

        if (Roles.Any(r => AnnouncementNames.RoleOf(r) is null))
        {
            errors.Add("Audience", "Ruolo sconosciuto.");
        }

        var (_, unknown) = TouchpointList.Resolve(Touchpoints, touchpoints);
        if (unknown.Count > 0)
        {
            errors.Add(nameof(Touchpoints), "Touchpoint sconosciuti: {0}.", string.Join(", ", unknown));
        }

        if (Products?.Trim().Length > Announcement.MaxProducts)
        {
            errors.Add(nameof(Products), "Al massimo {0} caratteri.", Announcement.MaxProducts);
        }

        return errors;
    }

    public DateOnly? Effective() => Cerchio.Text.Times.ParseFormDate(EffectiveDate);

    public void ApplyTo(Announcement a, IReadOnlyCollection<TouchpointInfo> touchpoints)
    {
        a.Kind = AnnouncementNames.KindOf(Kind)!.Value;
        a.Title = Title!.Trim();
        a.Body = Body!.Trim();
        a.EffectiveAt = Cerchio.Text.Times.StartOfDay(Effective()!.Value);
        a.RequiresAcknowledgement = RequiresAcknowledgement;
        a.AudienceDepartments = CommaList.Join(DepartmentIds.Select(Guid.Parse).Distinct());
        a.AudienceRoles = CommaList.Join(Roles.Select(r => AnnouncementNames.RoleOf(r)!.Value).Distinct());
        a.Touchpoints = CommaList.Join(TouchpointList.Resolve(Touchpoints, touchpoints).Known);
        a.Products = Products?.Trim() ?? "";
    }
}

/// <summary>Names of kinds and roles: the slugs forms and the API use, and the Italian labels pages translate.</summary>
internal static class AnnouncementNames
{
    public static readonly IReadOnlyList<(AnnouncementKind Kind, string Slug, string Label)> Kinds =
    [
        (AnnouncementKind.NewProduct, "new_product", "Nuovo prodotto"),
        (AnnouncementKind.Promotion, "promotion", "Promozione"),
        (AnnouncementKind.PriceChange, "price_change", "Cambio di prezzo"),
        (AnnouncementKind.ProcessChange, "process_change", "Cambio di processo"),
        (AnnouncementKind.Incident, "incident", "Disservizio"),
    ];

    public static readonly IReadOnlyList<(Role Role, string Slug)> AudienceRoles =
    [
        (Role.Agent, "agent"), (Role.TeamMember, "team_member"), (Role.CxLead, "cx_lead"), (Role.Executive, "executive"), (Role.Administrator, "administrator"),
    ];

    public static string Slug(AnnouncementKind kind) => Kinds.First(k => k.Kind == kind).Slug;

    public static string Label(AnnouncementKind kind) => Kinds.First(k => k.Kind == kind).Label;

    public static AnnouncementKind? KindOf(string? slug) => Kinds.FirstOrDefault(k => k.Slug == slug?.Trim()).Kind is var kind && kind != 0 ? kind : null;

    public static string Slug(Role role) => AudienceRoles.First(r => r.Role == role).Slug;

    public static Role? RoleOf(string? slug) => AudienceRoles.FirstOrDefault(r => r.Slug == slug?.Trim()).Role is var role && role != 0 ? role : null;

    /// <summary>
    /// The front line a new announcement goes to unless the author changes it: customer service, sales and the
    /// switchboard (found by the departments' names, which the organization may have changed), and every agent.
    /// </summary>
    public static bool IsFrontLine(string departmentName) =>
        new[] { "customer service", "assistenza", "vendite", "commerciale", "centralino" }.Any(n => departmentName.Contains(n, StringComparison.OrdinalIgnoreCase));
}
