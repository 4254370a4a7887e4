using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Journeys.Domain;
using Cerchio.Ui.Images;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Journeys.Features.Personas;

/// <summary>A form's or the API's persona. The photo travels beside it (a chosen file), never in it.</summary>
internal sealed class PersonaInput
{
    public const string Business = "b2b";
    public const string Consumer = "b2c";

    public string? Name { get; set; }

    /// <summary><see cref="Business"/> or <see cref="Consumer"/>.</summary>
    public string? Kind { get; set; } = Business;
    public string? Segment { get; set; }
    public string? MatchAttribute { get; set; }
    public string? MatchValue { get; set; }
    public string? Goals { get; set; }
    public string? Needs { get; set; }
    public string? Frustrations { get; set; }
    public string? Quote { get; set; }
    public bool Archived { get; set; }

    /// <summary>Takes the photo away (back to the initials); a photo chosen at the same time wins.</summary>
    public bool RemovePhoto { get; set; }

    public static string KindOf(PersonaKind kind) => kind == PersonaKind.Consumer ? Consumer : Business;

    public static PersonaInput From(Persona p) => new()
    {
        Name = p.Name, Kind = KindOf(p.Kind), Segment = p.Segment, MatchAttribute = p.MatchAttribute, MatchValue = p.MatchValue,
        Goals = p.Goals, Needs = p.Needs, Frustrations = p.Frustrations, Quote = p.Quote, Archived = p.IsArchived,
    };
}

/// <summary>
/// The organization's personas: who its kinds of customers are, what they want and what frustrates them, each tied
/// to its real customers by one attribute (segmento = A), so the numbers can be cut by persona. Archived rather than
/// deleted: journeys point at them.
/// </summary>
internal sealed class Personas(CerchioDb db, ICustomerDirectory customers, TimeProvider clock)
{
    public const string ListPath = "/viaggi/personas";
    public const string NewPath = ListPath + "/nuova";

    /// <summary>The largest form the persona page reads: the photo at its limit and the texts, with room to spare.</summary>
    public const long MaxRequestBytes = 2L * 1024 * 1024;

    public static string EditPathOf(Guid id) => $"{ListPath}/{id}/modifica";

    /// <summary>The photo's address for the pages; the version changes with every save, so browsers may keep it.</summary>
    public static string PhotoPathOf(Persona p) => $"{ListPath}/{p.Id}/foto?v={p.UpdatedAt.ToUnixTimeMilliseconds()}";

    public static string ApiPhotoPathOf(Guid id) => $"/api/v1/personas/{id}/photo";

    /// <summary>Every persona without its photo's bytes (<see cref="Persona.PhotoContentType"/> says whether it has one).</summary>
    private IQueryable<Persona> WithoutPhoto => db.Set<Persona>().AsNoTracking().Select(p => new Persona
    {
        Id = p.Id, OrganizationId = p.OrganizationId, Name = p.Name, Kind = p.Kind, Segment = p.Segment, MatchAttribute = p.MatchAttribute,
        MatchValue = p.MatchValue, Goals = p.Goals, Needs = p.Needs, Frustrations = p.Frustrations, Quote = p.Quote,
        PhotoContentType = p.PhotoContentType, IsArchived = p.IsArchived, UpdatedAt = p.UpdatedAt,
    });

    /// <summary>The active personas by name, then the archived ones by name.</summary>
    public Task<List<Persona>> ListAsync(CancellationToken ct = default) =>
        WithoutPhoto.OrderBy(p => p.IsArchived).ThenBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(ct);

    public Task<Persona?> GetAsync(Guid id, CancellationToken ct = default) =>
        WithoutPhoto.FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>The persona's photo with its type; null when it has none (or is not this organization's).</summary>
    public async Task<(byte[] Content, string ContentType)?> PhotoAsync(Guid id, CancellationToken ct = default) =>
        await db.Set<Persona>().AsNoTracking().Where(p => p.Id == id && p.Photo != null && p.PhotoContentType != null)
            .Select(p => new { p.Photo, p.PhotoContentType }).FirstOrDefaultAsync(ct) is { } found
            ? (found.Photo!, found.PhotoContentType!)
            : null;

    /// <summary>
    /// How many customers each persona matches by its attribute; personas without one are left out. One question to
    /// the customers per attribute name, however many personas share it.
    /// </summary>
    public async Task<Dictionary<Guid, int>> CustomerCountsAsync(IEnumerable<Persona> personas, CancellationToken ct = default)
    {
        var counts = new Dictionary<Guid, int>();
        foreach (var byAttribute in personas.Where(p => p.MatchAttribute is not null && p.MatchValue is not null)
            .GroupBy(p => p.MatchAttribute!, StringComparer.OrdinalIgnoreCase))
        {
            var values = await customers.AttributeValuesAsync(byAttribute.Key, ct);
            foreach (var persona in byAttribute)
            {
                counts[persona.Id] = values.FirstOrDefault(v => string.Equals(v.Value, persona.MatchValue, StringComparison.OrdinalIgnoreCase))?.Customers ?? 0;
            }
        }

        return counts;
    }

    /// <summary>How many customers the persona matches; null when no attribute ties it to them.</summary>
    public async Task<int?> CustomerCountAsync(Persona persona, CancellationToken ct = default) =>
        (await CustomerCountsAsync([persona], ct)).TryGetValue(persona.Id, out var count) ? count : null;

    /// <summary>The names of the active journeys drawn for each persona.</summary>
    public async Task<Dictionary<Guid, List<string>>> JourneysAsync(CancellationToken ct = default) =>
        (await db.Set<Journey>().AsNoTracking().Where(j => j.PersonaId != null && !j.IsArchived)
            .OrderBy(j => j.Name).Select(j => new { PersonaId = j.PersonaId!.Value, j.Name }).ToListAsync(ct))
        .GroupBy(j => j.PersonaId).ToDictionary(g => g.Key, g => g.Select(j => Maps.DefaultJourney.Shown(j.Name)).ToList());

    /// <summary>
    /// Adds a persona (<paramref name="id"/> null) or changes one, with the photo chosen (null: none chosen). Checked
    /// whole before anything is stored. Field keys: Name, Kind, Segment, MatchAttribute, MatchValue, Goals, Needs,
    /// Frustrations, Quote, Photo.
    /// </summary>
    public async Task<(Persona? Saved, Errors Errors)> SaveAsync(Guid? id, PersonaInput input, byte[]? photo, CancellationToken ct = default)
    {
        var errors = new Errors();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > Persona.MaxName)
        {
            errors.Add("Name", "Il nome è obbligatorio (al massimo {0} caratteri).", Persona.MaxName);
        }

        PersonaKind? kind = input.Kind?.Trim().ToLowerInvariant() switch
        {
            null or "" or PersonaInput.Business => PersonaKind.Business,
            PersonaInput.Consumer => PersonaKind.Consumer,
            _ => null,
        };
        if (kind is null)
        {
            errors.Add("Kind", "Scegli B2B (aziende) o B2C (consumatori).");
        }

        var texts = new (string Field, string? Text, int Max)[]
        {
            ("Segment", input.Segment, Persona.MaxShort), ("MatchAttribute", input.MatchAttribute, Persona.MaxShort),
            ("MatchValue", input.MatchValue, Persona.MaxShort), ("Goals", input.Goals, Persona.MaxText), ("Needs", input.Needs, Persona.MaxText),
            ("Frustrations", input.Frustrations, Persona.MaxText), ("Quote", input.Quote, Persona.MaxText),
        };
        foreach (var (field, text, max) in texts)
        {
            if (text?.Trim().Length > max)
            {
                errors.Add(field, "Al massimo {0} caratteri.", max);
            }
        }

        var attribute = Clean(input.MatchAttribute);
        var value = Clean(input.MatchValue);
        if ((attribute is null) != (value is null))
        {
            errors.Add(attribute is null ? "MatchAttribute" : "MatchValue", "Indica sia l'attributo sia il valore, oppure nessuno dei due.");
        }

        string? photoType = null;
        if (photo is not null)
        {
            if (photo.Length > Persona.MaxPhotoBytes)
            {
                errors.Add("Photo", "La foto supera il limite di {0} KB.", Persona.MaxPhotoBytes / 1024);
            }
            else if ((photoType = UploadedImage.TypeOf(photo)) is null)
            {
                errors.Add("Photo", "La foto deve essere un'immagine PNG, JPEG o WebP.");
            }
            else if (errors.Any)
            {
                // A browser never refills a file field: say so, or the photo would silently be lost.
                errors.Add("Photo", "Il browser non conserva la foto scelta: sceglila di nuovo.");
            }
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var persona = id is { } existing
            ? await db.Set<Persona>().SingleAsync(p => p.Id == existing, ct)
            : db.Add(new Persona { Id = Ids.New() }).Entity;
        persona.Name = name;
        persona.Kind = kind!.Value;
        persona.Segment = input.Segment?.Trim() ?? "";
        persona.MatchAttribute = attribute;
        persona.MatchValue = value;
        persona.Goals = input.Goals?.Trim() ?? "";
        persona.Needs = input.Needs?.Trim() ?? "";
        persona.Frustrations = input.Frustrations?.Trim() ?? "";
        persona.Quote = input.Quote?.Trim() ?? "";
        persona.IsArchived = input.Archived;
        if (photoType is not null)
        {
            persona.Photo = photo;
            persona.PhotoContentType = photoType;
        }
        else if (input.RemovePhoto)
        {
            persona.Photo = null;
            persona.PhotoContentType = null;
        }

        persona.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (persona, errors);
    }

    /// <summary>The photo as a response; <paramref name="versioned"/>: asked for at an address that changes with it (the pages').</summary>
    public static IResult Serve(HttpContext context, (byte[] Content, string ContentType) photo, bool versioned) =>
        UploadedImage.Serve(context, photo.Content, photo.ContentType, versioned ? "private, max-age=86400" : "private, no-cache");

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
