using Cerchio.Data;
using Cerchio.Journeys.Domain;
using Cerchio.Journeys.Features.Catalog;
using Cerchio.Journeys.Features.Metrics;
using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Journeys.Features.Owner;

/// <summary>A pain point written on a stage of a journey where the touchpoint appears.</summary>
internal sealed record StagePain(Guid JourneyId, string Journey, string Stage, string PainPoints);

/// <summary>One touchpoint a department answers for, with what hurts, its numbers for the period and what still waits on it.</summary>
internal sealed record OwnedTouchpoint(
    Touchpoint Touchpoint, IReadOnlyList<StagePain> StagePains, IReadOnlyList<TouchpointNumber> Numbers, IReadOnlyList<TouchpointOpenWork> Open);

/// <summary>A department's touchpoints (active ones, in the catalog's order) and the period their numbers cover.</summary>
internal sealed record DepartmentTouchpoints(DepartmentInfo Department, IReadOnlyList<OwnedTouchpoint> Touchpoints, TouchpointNumbers Numbers);

/// <summary>
/// The owner's view: the touchpoints a department answers for, each with its promise, its pain points (its own and
/// those of the journey stages where it sits), its live numbers beside the previous period's, and the work still open
/// on it as the modules that hold it count it (<see cref="ITouchpointOpenWork"/>).
/// </summary>
internal sealed class MyTouchpoints(
    CerchioDb db, TouchpointCatalog catalog, IOrganizationDirectory directory, OrganizationContext tenant,
    TouchpointMetrics metrics, IEnumerable<ITouchpointOpenWork> openWork)
{
    public const string Path = "/viaggi/i-miei-touchpoint";

    private Guid? _myDepartment;
    private bool _myDepartmentRead;

    /// <summary>The CX lead, the administrators and the executives look at any department; the others at their own only.</summary>
    public bool CanChoose => tenant.Can(Permissions.ViewEveryDepartment);

    /// <summary>The department of the person signed in, if they have one (read once per request: the sidebar asks too).</summary>
    public async Task<Guid?> MyDepartmentAsync(CancellationToken ct = default)
    {
        if (!_myDepartmentRead)
        {
            _myDepartment = tenant.UserId is { } me ? await directory.DepartmentOfAsync(me, ct) : null;
            _myDepartmentRead = true;
        }

        return _myDepartment;
    }

    public Task<IReadOnlyList<DepartmentInfo>> DepartmentsAsync(CancellationToken ct = default) => directory.DepartmentsAsync(ct);

    public async Task<DepartmentTouchpoints> ReadAsync(DepartmentInfo department, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var owned = (await catalog.AllAsync(ct)).Where(t => !t.IsArchived && t.OwnerDepartmentId == department.Id).ToList();
        var numbers = await metrics.MeasureAsync(from, to, ct);
        if (owned.Count == 0)
        {
            return new DepartmentTouchpoints(department, [], numbers);
        }

        var codes = owned.Select(t => t.Code).ToList();
        var pains = await StagePainsAsync(codes, ct);
        var open = new List<TouchpointOpenWork>();
        foreach (var source in openWork)
        {
            // One after the other: the sources share the request's DbContext.
            open.AddRange(await source.OpenAsync(codes, ct));
        }

        return new DepartmentTouchpoints(department, owned.Select(t => new OwnedTouchpoint(
            t, pains[t.Code].ToList(), numbers.Of(t.Code), open.Where(o => o.Touchpoint == t.Code).ToList())).ToList(), numbers);
    }

    /// <summary>The written pain points of the active journeys' stages that show each touchpoint, in the journeys' and stages' order.</summary>
    private async Task<ILookup<string, StagePain>> StagePainsAsync(List<string> codes, CancellationToken ct)
    {
        // Read only: the default journey is made where the maps are first looked at, not by this page.
        var journeys = await db.Set<Journey>().AsNoTracking().Where(j => !j.IsArchived).OrderBy(j => j.CreatedAt).ThenBy(j => j.Name).ToListAsync(ct);
        var journeyIds = journeys.Select(j => j.Id).ToList();
        var rows = await (from card in db.Set<JourneyCard>()
                          join stage in db.Set<JourneyStage>() on card.StageId equals stage.Id
                          where codes.Contains(card.TouchpointCode) && journeyIds.Contains(card.JourneyId) && stage.PainPoints != ""
                          select new { card.TouchpointCode, card.JourneyId, stage.Name, stage.Phase, stage.Position, stage.PainPoints })
            .AsNoTracking().ToListAsync(ct);
        var order = journeys.Select((j, i) => (j.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var names = journeys.ToDictionary(j => j.Id, j => Maps.DefaultJourney.Shown(j.Name));
        return rows
            .OrderBy(r => order[r.JourneyId]).ThenBy(r => r.Phase).ThenBy(r => r.Position)
            .DistinctBy(r => (r.TouchpointCode, r.JourneyId, r.Name))
            .ToLookup(r => r.TouchpointCode, r => new StagePain(r.JourneyId, names[r.JourneyId], Maps.DefaultJourney.Shown(r.Name), Maps.DefaultJourney.Shown(r.PainPoints)));
    }
}
