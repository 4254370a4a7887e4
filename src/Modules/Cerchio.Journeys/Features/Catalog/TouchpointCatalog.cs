using System.Text.RegularExpressions;
using Cerchio.Data;
using Cerchio.Journeys.Domain;
using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Journeys.Features.Catalog;

/// <summary>A form's or the API's touchpoint: everything but the code of one already saved, which never changes.</summary>
internal sealed class TouchpointInput
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public bool Online { get; set; }
    public Guid? OwnerDepartmentId { get; set; }
    public string? Promise { get; set; }
    public string? MomentsOfTruth { get; set; }
    public string? PainPoints { get; set; }
    public bool Archived { get; set; }

    public static TouchpointInput From(Touchpoint t) => new()
    {
        Code = t.Code, Name = t.Name, Online = t.Online, OwnerDepartmentId = t.OwnerDepartmentId, Promise = t.Promise,
        MomentsOfTruth = t.MomentsOfTruth, PainPoints = t.PainPoints, Archived = t.IsArchived,
    };
}

/// <summary>
/// The organization's touchpoint catalog. Until the CX lead first changes it, it is the seventeen defaults of
/// PRODUCT.md, each with the department that usually answers for it; the first change stores them all, so codes and
/// owners stay the organization's own from then on. Cases, events and answers ask it (<see cref="ITouchpointCatalog"/>)
/// whether a code exists: archived touchpoints are not offered any more.
/// </summary>
internal sealed partial class TouchpointCatalog(CerchioDb db, IOrganizationDirectory directory, TimeProvider clock) : ITouchpointCatalog
{
    public const string ListPath = "/viaggi/touchpoint";

    public static string EditPathOf(string code) => $"{ListPath}/{Uri.EscapeDataString(code)}/modifica";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodeShape();

    /// <summary>Codes the addresses use for something else: GET /api/v1/touchpoints/metrics is every touchpoint's numbers.</summary>
    private static readonly HashSet<string> Reserved = ["metrics"];

    private List<Touchpoint>? _all;

    /// <summary>Every touchpoint of the organization, archived ones included, in the catalog's order (once per request).</summary>
    public async Task<List<Touchpoint>> AllAsync(CancellationToken ct = default)
    {
        if (_all is not null)
        {
            return _all;
        }

        var stored = await db.Set<Touchpoint>().AsNoTracking().OrderBy(t => t.Position).ThenBy(t => t.Name).ToListAsync(ct);
        return _all = stored.Count > 0 ? stored : await DefaultsAsync(ct);
    }

    public async Task<IReadOnlyList<TouchpointInfo>> ListAsync(CancellationToken ct = default) =>
        (await AllAsync(ct)).Where(t => !t.IsArchived).Select(t => t.Info).ToList();

    public async Task<TouchpointInfo?> FindAsync(string code, CancellationToken ct = default) =>
        (await AllAsync(ct)).FirstOrDefault(t => !t.IsArchived && string.Equals(t.Code, code.Trim(), StringComparison.OrdinalIgnoreCase))?.Info;

    /// <summary>One touchpoint by its code, archived or not.</summary>
    public async Task<Touchpoint?> GetAsync(string code, CancellationToken ct = default) =>
        (await AllAsync(ct)).FirstOrDefault(t => string.Equals(t.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Adds a touchpoint (<paramref name="code"/> null) or changes one; the code of a saved one never changes. Field
    /// keys: Code, Name, OwnerDepartmentId, Promise, MomentsOfTruth, PainPoints.
    /// </summary>
    public async Task<(Touchpoint? Saved, Errors Errors)> SaveAsync(string? code, TouchpointInput input, CancellationToken ct = default)
    {
        var errors = new Errors();
        var all = await AllAsync(ct);
        var existing = code is null ? null : all.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase));
        var newCode = (input.Code ?? "").Trim().ToLowerInvariant();
        if (existing is null)
        {
            if (!CodeShape().IsMatch(newCode) || newCode.Length > Touchpoint.MaxCode)
            {
                errors.Add("Code", "Il codice è fatto di lettere minuscole, cifre e trattini (al massimo {0} caratteri), come «fattura» o «punto-vendita».", Touchpoint.MaxCode);
            }
            else if (all.Any(t => t.Code == newCode))
            {
                errors.Add("Code", "Esiste già un touchpoint con questo codice.");
            }
            else if (Reserved.Contains(newCode))
            {
                errors.Add("Code", "Questo codice è riservato: scegline un altro.");
            }
        }

        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > Touchpoint.MaxName)
        {
            errors.Add("Name", "Il nome è obbligatorio (al massimo {0} caratteri).", Touchpoint.MaxName);
        }

        if (input.OwnerDepartmentId is { } owner && (await directory.DepartmentsAsync(ct)).All(d => d.Id != owner))
        {
            errors.Add("OwnerDepartmentId", "Scegli un reparto dell'organizzazione.");
        }

        foreach (var (field, text) in new[] { ("Promise", input.Promise), ("MomentsOfTruth", input.MomentsOfTruth), ("PainPoints", input.PainPoints) })
        {
            if (text?.Trim().Length > Touchpoint.MaxText)
            {
                errors.Add(field, "Al massimo {0} caratteri.", Touchpoint.MaxText);
            }
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        await EnsureStoredAsync(all, ct);
        var touchpoint = existing is null
            ? db.Add(new Touchpoint { Id = Ids.New(), Code = newCode, Position = all.Count == 0 ? 0 : all.Max(t => t.Position) + 1 }).Entity
            : db.ChangeTracker.Entries<Touchpoint>().FirstOrDefault(e => e.Entity.Code == existing.Code)?.Entity   // a default just stored
              ?? await db.Set<Touchpoint>().SingleAsync(t => t.Code == existing.Code, ct);
        touchpoint.Name = name;
        touchpoint.Online = input.Online;
        touchpoint.OwnerDepartmentId = input.OwnerDepartmentId;
        touchpoint.Promise = input.Promise?.Trim() ?? "";
        touchpoint.MomentsOfTruth = input.MomentsOfTruth?.Trim() ?? "";
        touchpoint.PainPoints = input.PainPoints?.Trim() ?? "";
        touchpoint.IsArchived = input.Archived;
        touchpoint.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        _all = null;
        return (touchpoint, errors);
    }

    /// <summary>The defaults become the organization's rows at its first change (in the same save).</summary>
    private async Task EnsureStoredAsync(List<Touchpoint> all, CancellationToken ct)
    {
        if (!await db.Set<Touchpoint>().AnyAsync(ct))
        {
            db.AddRange(all);
        }
    }

    private async Task<List<Touchpoint>> DefaultsAsync(CancellationToken ct)
    {
        var departments = (await directory.DepartmentsAsync(ct)).ToDictionary(d => d.Name, d => d.Id, StringComparer.OrdinalIgnoreCase);
        var now = clock.GetUtcNow();
        return ProvisionalTouchpoints.Defaults.Select((t, i) => new Touchpoint
        {
            Id = Ids.New(), Code = t.Code, Name = t.Name, Online = t.Online, Position = i, UpdatedAt = now,
            OwnerDepartmentId = Touchpoint.DefaultOwners.TryGetValue(t.Code, out var owner) && departments.TryGetValue(owner, out var id) ? id : null,
        }).ToList();
    }
}
