using Cerchio.Data;
using Cerchio.Journeys.Domain;
using Cerchio.Journeys.Features.Catalog;
using Cerchio.Organizations.Contracts;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Journeys.Features.Maps;

/// <summary>One measured number on a card, with the previous period's for the trend and where its rows are listed.</summary>
internal sealed record CardNumber(TouchpointMetric Metric, double Value, double? Previous, int Basis, string? RowsPath);

internal sealed record CardView(JourneyCard Card, Touchpoint? Touchpoint, string? Owner, IReadOnlyList<CardNumber> Numbers, CardNumber? HeatNumber, HeatLevel Heat)
{
    public string Name => Touchpoint?.Name ?? Card.TouchpointCode;

    /// <summary>The numbers a card shows: the heat metric first, then the others in their sources' order, three at most.</summary>
    public IEnumerable<CardNumber> Shown => (HeatNumber is null ? Numbers : Numbers.Where(n => n != HeatNumber).Prepend(HeatNumber)).Take(3);
}

/// <summary>A pain point the data confirms: the complaints logged on a touchpoint of the stage in the period.</summary>
internal sealed record ConfirmedPain(string Touchpoint, int Complaints, string? RowsPath);

internal sealed record StageView(JourneyStage Stage, string? Department, IReadOnlyList<CardView> Cards, IReadOnlyList<ConfirmedPain> Confirmed);

internal sealed record JourneyMapView(
    Journey Journey, string? Persona, IReadOnlyList<StageView> Stages, DateOnly From, DateOnly To,
    IReadOnlyList<TouchpointMetric> Metrics, TouchpointMetric? HeatMetric)
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
    CerchioDb db, JourneyBook book, TouchpointCatalog catalog, IOrganizationDirectory directory, IEnumerable<ITouchpointMetricSource> sources)
{
    public const string ComplaintsMetric = "complaints";

    public IReadOnlyList<TouchpointMetric> Metrics { get; } = sources.SelectMany(s => s.Metrics).ToList();

    public async Task<JourneyMapView?> ReadAsync(Guid journeyId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (await book.MapAsync(journeyId, ct) is not { } map)
        {
            return null;
        }

        var touchpoints = (await catalog.AllAsync(ct)).ToDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);
        var departments = (await directory.DepartmentsAsync(ct)).ToDictionary(d => d.Id, d => d.Name);
        var numbers = await MeasureAsync(from, to, ct);
        var heat = Metrics.FirstOrDefault(m => m.Key == map.Journey.HeatMetric);
        string? persona = map.Journey.PersonaId is { } personaId
            ? await db.Set<Persona>().Where(p => p.Id == personaId).Select(p => p.Name).FirstOrDefaultAsync(ct)
            : null;

        var stages = map.Stages.Select(stage =>
        {
            var cards = map.CardsOf(stage).Select(card =>
            {
                var touchpoint = touchpoints.GetValueOrDefault(card.TouchpointCode);
                var cardNumbers = numbers.GetValueOrDefault(card.TouchpointCode) ?? [];
                var heatNumber = heat is null ? null : cardNumbers.FirstOrDefault(n => n.Metric.Key == heat.Key);
                var owner = touchpoint?.OwnerDepartmentId is { } o ? departments.GetValueOrDefault(o) : null;
                return new CardView(card, touchpoint, owner, cardNumbers, heatNumber,
                    HeatInput.LevelOf(heatNumber?.Value, heat, map.Journey.HeatAmber, map.Journey.HeatRed));
            }).ToList();
            var confirmed = cards
                .Select(c => (c.Name, Number: c.Numbers.FirstOrDefault(n => n.Metric.Key == ComplaintsMetric)))
                .Where(c => c.Number is { Value: > 0 })
                .Select(c => new ConfirmedPain(c.Name, (int)c.Number!.Value, c.Number.RowsPath))
                .ToList();
            var department = stage.BackStageDepartmentId is { } d ? departments.GetValueOrDefault(d) : null;
            return new StageView(stage, department, cards, confirmed);
        }).ToList();

        return new JourneyMapView(map.Journey, persona, stages, from, to, Metrics, heat);
    }

    /// <summary>Every source's numbers for the period and the one of the same length just before it, by touchpoint code.</summary>
    private async Task<Dictionary<string, List<CardNumber>>> MeasureAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        var result = new Dictionary<string, List<CardNumber>>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources)
        {
            var metrics = source.Metrics.ToDictionary(m => m.Key);
            var previous = (await source.MeasureAsync(from.AddDays(-days), from.AddDays(-1), ct)).ToDictionary(m => (m.Touchpoint, m.Metric), m => m.Value);
            var current = await source.MeasureAsync(from, to, ct);
            // In the source's order of metrics, whatever order it measured them in.
            foreach (var m in current.OrderBy(m => source.Metrics.ToList().FindIndex(d => d.Key == m.Metric)))
            {
                if (!metrics.TryGetValue(m.Metric, out var metric))
                {
                    continue;
                }

                if (!result.TryGetValue(m.Touchpoint, out var list))
                {
                    result[m.Touchpoint] = list = [];
                }

                list.Add(new CardNumber(metric, m.Value, previous.TryGetValue((m.Touchpoint, m.Metric), out var p) ? p : null, m.Basis,
                    source.RowsPath(m.Touchpoint, m.Metric, from, to)));
            }
        }

        return result;
    }
}
