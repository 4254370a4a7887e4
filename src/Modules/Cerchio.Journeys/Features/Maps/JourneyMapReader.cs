using Cerchio.Data;
using Cerchio.Journeys.Domain;
using Cerchio.Journeys.Features.Catalog;
using Cerchio.Journeys.Features.Metrics;
using Cerchio.Organizations.Contracts;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Journeys.Features.Maps;

internal sealed record CardView(
    JourneyCard Card, Touchpoint? Touchpoint, string? Owner, IReadOnlyList<TouchpointNumber> Numbers, TouchpointNumber? HeatNumber, HeatLevel Heat)
{
    public string Name => Touchpoint?.Name ?? Card.TouchpointCode;

    /// <summary>The numbers a card shows: the heat metric first, then the others by rank, three at most, each with a value this period.</summary>
    public IEnumerable<TouchpointNumber> Shown =>
        (HeatNumber is null ? Numbers : Numbers.Where(n => n != HeatNumber).Prepend(HeatNumber)).Where(n => n.Value is not null).Take(3);
}

/// <summary>A pain point the data confirms: the complaints logged on a touchpoint of the stage in the period.</summary>
internal sealed record ConfirmedPain(string Touchpoint, int Complaints, string? RowsPath);

internal sealed record StageView(JourneyStage Stage, string? Department, IReadOnlyList<CardView> Cards, IReadOnlyList<ConfirmedPain> Confirmed);

/// <summary>A journey in the list: its persona, its size, and its touchpoints red by its heat setting now.</summary>
internal sealed record JourneySummary(string? Persona, int Stages, int Touchpoints, IReadOnlyList<string> Red);

/// <param name="PersonaAudience">The customers the journey's persona stands for, when it names a match attribute; null otherwise (no cut to offer).</param>
/// <param name="PersonaOnly">The numbers count only <see cref="PersonaAudience"/>'s customers.</param>
internal sealed record JourneyMapView(
    Journey Journey, string? Persona, IReadOnlyList<StageView> Stages, DateOnly From, DateOnly To,
    IReadOnlyList<TouchpointMetric> Metrics, TouchpointMetric? HeatMetric, TouchpointAudience? PersonaAudience = null, bool PersonaOnly = false)
{
    /// <summary>The stages under each phase header, in map order (phases with no stage left out).</summary>
    public IEnumerable<(JourneyPhase Phase, int Count)> Phases =>
        Stages.GroupBy(s => s.Stage.Phase).Select(g => (g.Key, g.Count()));
}

/// <summary>
/// Builds what the map shows for a period: the journey's stages and cards, each card with the numbers every module
/// measures on its touchpoint (this period and the one before), coloured by the journey's heat metric. Shared by the
/// map page, the shared read-only link and the export.
/// </summary>
internal sealed class JourneyMapReader(
    CerchioDb db, JourneyBook book, TouchpointCatalog catalog, IOrganizationDirectory directory, TouchpointMetrics metrics)
{
    public const string ComplaintsMetric = "complaints";

    public IReadOnlyList<TouchpointMetric> Metrics => metrics.Definitions;

    /// <summary>Today in the organization's time zone: where the default period ends.</summary>
    public Task<DateOnly> TodayAsync(CancellationToken ct = default) => metrics.TodayAsync(ct);

    /// <summary>
    /// What the journeys' list says of each: its persona, how many stages and touchpoints it maps, and which of its
    /// touchpoints are red by its own heat setting over the last 30 days (the numbers measured once for all).
    /// </summary>
    public async Task<Dictionary<Guid, JourneySummary>> SummariesAsync(IReadOnlyList<Journey> journeys, CancellationToken ct = default)
    {
        var today = await TodayAsync(ct);
        var numbers = await metrics.MeasureAsync(today.AddDays(-29), today, ct);
        var stages = await book.StageCountsAsync(ct);
        var cards = await db.Set<JourneyCard>().AsNoTracking().Select(c => new { c.JourneyId, c.TouchpointCode }).ToListAsync(ct);
        var names = (await catalog.AllAsync(ct)).ToDictionary(t => t.Code, t => t.Name, StringComparer.OrdinalIgnoreCase);
        var personaIds = journeys.Where(j => j.PersonaId is not null).Select(j => j.PersonaId!.Value).Distinct().ToList();
        var personas = await db.Set<Persona>().AsNoTracking().Where(p => personaIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return journeys.ToDictionary(j => j.Id, j =>
        {
            var codes = cards.Where(c => c.JourneyId == j.Id).Select(c => c.TouchpointCode).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var heat = Metrics.FirstOrDefault(m => m.Key == j.HeatMetric);
            var red = codes.Where(code => HeatInput.LevelOf(numbers.Of(code).FirstOrDefault(n => n.Metric.Key == j.HeatMetric)?.Value, heat, j.HeatAmber, j.HeatRed) == HeatLevel.Red)
                .Select(code => names.GetValueOrDefault(code, code)).ToList();
            return new JourneySummary(j.PersonaId is { } p ? personas.GetValueOrDefault(p) : null, stages.GetValueOrDefault(j.Id), codes.Count, red);
        });
    }

    public Task<JourneyMapView?> ReadAsync(Guid journeyId, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        ReadAsync(journeyId, from, to, personaOnly: false, ct);

    /// <summary>
    /// The map for the period; with <paramref name="personaOnly"/>, its numbers count only the customers of the journey's
    /// persona (ignored when the persona names no match attribute: every customer counts).
    /// </summary>
    public async Task<JourneyMapView?> ReadAsync(Guid journeyId, DateOnly from, DateOnly to, bool personaOnly, CancellationToken ct = default)
    {
        if (await book.MapAsync(journeyId, ct) is not { } map)
        {
            return null;
        }

        var touchpoints = (await catalog.AllAsync(ct)).ToDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);
        var departments = (await directory.DepartmentsAsync(ct)).ToDictionary(d => d.Id, d => d.Name);
        var found = map.Journey.PersonaId is { } personaId
            ? await db.Set<Persona>().Where(p => p.Id == personaId).Select(p => new { p.Name, p.MatchAttribute, p.MatchValue }).FirstOrDefaultAsync(ct)
            : null;
        var persona = found?.Name;
        var audience = found is { MatchAttribute: { } attribute, MatchValue: { } value } ? AudienceOf(attribute, value) : null;
        var cut = personaOnly && audience is not null;
        var numbers = await metrics.MeasureAsync(from, to, cut ? audience : null, ct);
        var heat = Metrics.FirstOrDefault(m => m.Key == map.Journey.HeatMetric);

        var stages = map.Stages.Select(stage =>
        {
            var cards = map.CardsOf(stage).Select(card =>
            {
                var touchpoint = touchpoints.GetValueOrDefault(card.TouchpointCode);
                var cardNumbers = numbers.Of(card.TouchpointCode);
                var heatNumber = heat is null ? null : cardNumbers.FirstOrDefault(n => n.Metric.Key == heat.Key);
                var owner = touchpoint?.OwnerDepartmentId is { } o ? departments.GetValueOrDefault(o) : null;
                return new CardView(card, touchpoint, owner, cardNumbers, heatNumber,
                    HeatInput.LevelOf(heatNumber?.Value, heat, map.Journey.HeatAmber, map.Journey.HeatRed));
            }).ToList();
            var confirmed = cards
                .Select(c => (c.Name, Number: c.Numbers.FirstOrDefault(n => n.Metric.Key == ComplaintsMetric)))
                .Where(c => c.Number is { Value: > 0 })
                .Select(c => new ConfirmedPain(c.Name, (int)c.Number!.Value!.Value, c.Number.RowsPath))
                .ToList();
            var department = stage.BackStageDepartmentId is { } d ? departments.GetValueOrDefault(d) : null;
            return new StageView(stage, department, cards, confirmed);
        }).ToList();

        return new JourneyMapView(map.Journey, persona, stages, from, to, Metrics, heat, audience, cut);
    }

    /// <summary>A persona's match as an audience; none when either half is blank (nothing to match on).</summary>
    public static TouchpointAudience? AudienceOf(string? attribute, string? value) =>
        string.IsNullOrWhiteSpace(attribute) || string.IsNullOrWhiteSpace(value) ? null : new TouchpointAudience(attribute.Trim(), value.Trim());
}
