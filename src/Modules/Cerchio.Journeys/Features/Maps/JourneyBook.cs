using Cerchio.Data;
using Cerchio.Journeys.Domain;
using Cerchio.Journeys.Features.Catalog;
using Cerchio.Organizations.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Journeys.Features.Maps;

/// <summary>A journey with its stages in map order (phase, then position) and the cards of each stage in order.</summary>
internal sealed record JourneyMap(Journey Journey, IReadOnlyList<JourneyStage> Stages, IReadOnlyList<JourneyCard> Cards)
{
    public IEnumerable<JourneyCard> CardsOf(JourneyStage stage) => Cards.Where(c => c.StageId == stage.Id);
}

/// <summary>A form's or the API's journey.</summary>
internal sealed class JourneyInput
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public Guid? PersonaId { get; set; }
    public bool Archived { get; set; }

    public static JourneyInput From(Journey j) => new() { Name = j.Name, Description = j.Description, PersonaId = j.PersonaId, Archived = j.IsArchived };
}

/// <summary>A form's or the API's stage, with the touchpoints met in it (codes, in order).</summary>
internal sealed class StageInput
{
    public string? Name { get; set; }
    public JourneyPhase Phase { get; set; } = JourneyPhase.Before;
    public string? CustomerActions { get; set; }
    public string? FrontStage { get; set; }
    public string? BackStage { get; set; }
    public Guid? BackStageDepartmentId { get; set; }
    public string? PainPoints { get; set; }
    public int? Emotion { get; set; }
    public List<string>? Touchpoints { get; set; } = [];

    public static StageInput From(JourneyStage s, IEnumerable<JourneyCard> cards) => new()
    {
        Name = s.Name, Phase = s.Phase, CustomerActions = s.CustomerActions, FrontStage = s.FrontStage, BackStage = s.BackStage,
        BackStageDepartmentId = s.BackStageDepartmentId, PainPoints = s.PainPoints, Emotion = s.Emotion,
        Touchpoints = cards.Select(c => c.TouchpointCode).ToList(),
    };
}

/// <summary>
/// The organization's journeys. The default one, <i>Cliente B2B</i> with its seven stages grouped before, during and
/// after the purchase and the default touchpoints placed in them, is made the first time anyone looks at the
/// journeys, so the map opens on first run; from then on it is the organization's own to change.
/// </summary>
internal sealed class JourneyBook(CerchioDb db, TouchpointCatalog catalog, IOrganizationDirectory directory, TimeProvider clock)
{
    public const string ListPath = "/viaggi/mappe";

    public static string MapPathOf(Guid id) => $"{ListPath}/{id}";

    public static string EditPathOf(Guid id) => $"{ListPath}/{id}/modifica";

    public static string StagePathOf(Guid journeyId, Guid stageId) => $"{ListPath}/{journeyId}/fasi/{stageId}";

    public static string NewStagePathOf(Guid journeyId) => $"{ListPath}/{journeyId}/fasi/nuova";

    /// <summary>Every journey, the default one made first if the organization has none yet; active ones first; texts as the reader reads them.</summary>
    public async Task<List<Journey>> ListAsync(CancellationToken ct = default)
    {
        await EnsureDefaultAsync(ct);
        var journeys = await db.Set<Journey>().AsNoTracking().OrderBy(j => j.IsArchived).ThenBy(j => j.CreatedAt).ThenBy(j => j.Name).ToListAsync(ct);
        journeys.ForEach(Shown);
        return journeys;
    }

    /// <summary>How many stages each journey has, by journey id (the journeys list, on the page and in the API).</summary>
    public async Task<Dictionary<Guid, int>> StageCountsAsync(CancellationToken ct = default) =>
        await db.Set<JourneyStage>().GroupBy(s => s.JourneyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>
    /// A journey with its stages and cards, read only (nothing tracked), its texts as the reader reads them: what
    /// Cerchio wrote in their language (<see cref="DefaultJourney.Shown"/>), what a person wrote as typed. Saving a
    /// text back unchanged keeps the stored one (<see cref="DefaultJourney.Kept"/>).
    /// </summary>
    public async Task<JourneyMap?> MapAsync(Guid id, CancellationToken ct = default)
    {
        var journey = await db.Set<Journey>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (journey is null)
        {
            return null;
        }

        var stages = await db.Set<JourneyStage>().AsNoTracking().Where(s => s.JourneyId == id).ToListAsync(ct);
        var cards = await db.Set<JourneyCard>().AsNoTracking().Where(c => c.JourneyId == id).ToListAsync(ct);
        var ordered = stages.OrderBy(s => s.Phase).ThenBy(s => s.Position).ToList();
        var index = ordered.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i);
        Shown(journey);
        ordered.ForEach(Shown);
        return new JourneyMap(journey, ordered, cards.OrderBy(c => index[c.StageId]).ThenBy(c => c.Position).ToList());
    }

    /// <summary>How many cards of how many journeys show the touchpoint: what archiving it takes off the maps' choices.</summary>
    public async Task<(int Cards, int Journeys)> UsesOfAsync(string code, CancellationToken ct = default)
    {
        var journeys = await db.Set<JourneyCard>().Where(c => c.TouchpointCode == code).Select(c => c.JourneyId).ToListAsync(ct);
        return (journeys.Count, journeys.Distinct().Count());
    }

    /// <summary>Adds a journey (<paramref name="id"/> null) with the default stages, or changes one. Field keys: Name, Description, PersonaId.</summary>
    public async Task<(Journey? Saved, Errors Errors)> SaveAsync(Guid? id, JourneyInput input, CancellationToken ct = default)
    {
        var errors = new Errors();
        var journey = id is { } existing ? await db.Set<Journey>().FirstOrDefaultAsync(j => j.Id == existing, ct) : null;
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > Journey.MaxName)
        {
            errors.Add("Name", "Il nome è obbligatorio (al massimo {0} caratteri).", Journey.MaxName);
        }

        if (input.Description?.Trim().Length > Journey.MaxText)
        {
            errors.Add("Description", "Al massimo {0} caratteri.", Journey.MaxText);
        }

        if (input.PersonaId is { } persona && !await db.Set<Persona>().AnyAsync(p => p.Id == persona, ct))
        {
            errors.Add("PersonaId", "Scegli una persona dell'organizzazione.");
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow();
        if (journey is null)
        {
            journey = db.Add(new Journey { Id = Ids.New(), Code = $"viaggio-{Ids.New():N}"[..Journey.MaxCode], CreatedAt = now }).Entity;
            await AddDefaultStagesAsync(journey, withCards: false, ct);
        }

        journey.Name = DefaultJourney.Kept(name, journey.Name);
        journey.Description = DefaultJourney.Kept(input.Description?.Trim() ?? "", journey.Description);
        journey.PersonaId = input.PersonaId;
        journey.IsArchived = input.Archived;
        journey.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return (journey, errors);
    }

    /// <summary>
    /// Adds a stage (<paramref name="stageId"/> null, at the end of its phase) or changes one, with the touchpoints met
    /// in it: new ones join at the end, those left out leave, the others keep their place. Field keys: Name, Phase,
    /// CustomerActions, FrontStage, BackStage, BackStageDepartmentId, PainPoints, Emotion, Touchpoints.
    /// </summary>
    public async Task<(JourneyStage? Saved, Errors Errors)> SaveStageAsync(Guid journeyId, Guid? stageId, StageInput input, CancellationToken ct = default)
    {
        var errors = new Errors();
        var stages = await db.Set<JourneyStage>().Where(s => s.JourneyId == journeyId).ToListAsync(ct);
        var stage = stageId is { } sid ? stages.FirstOrDefault(s => s.Id == sid) : null;
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > JourneyStage.MaxName)
        {
            errors.Add("Name", "Il nome è obbligatorio (al massimo {0} caratteri).", JourneyStage.MaxName);
        }

        if (!Enum.IsDefined(input.Phase))
        {
            errors.Add("Phase", "Scegli prima, durante o dopo l'acquisto.");
        }

        if (stage is null && stages.Count >= Journey.MaxStages)
        {
            errors.Add("Name", "Un viaggio ha al massimo {0} fasi.", Journey.MaxStages);
        }

        foreach (var (field, text) in new[] { ("CustomerActions", input.CustomerActions), ("FrontStage", input.FrontStage), ("BackStage", input.BackStage), ("PainPoints", input.PainPoints) })
        {
            if (text?.Trim().Length > JourneyStage.MaxLane)
            {
                errors.Add(field, "Al massimo {0} caratteri.", JourneyStage.MaxLane);
            }
        }

        if (input.BackStageDepartmentId is { } department && (await directory.DepartmentsAsync(ct)).All(d => d.Id != department))
        {
            errors.Add("BackStageDepartmentId", "Scegli un reparto dell'organizzazione.");
        }

        if (input.Emotion is < -2 or > 2)
        {
            errors.Add("Emotion", "Scegli un'emozione da −2 a +2.");
        }

        // A touchpoint already on the stage may stay even once archived; a new one must be offered by the catalog.
        var cards = stage is null ? [] : await db.Set<JourneyCard>().Where(c => c.StageId == stage.Id).OrderBy(c => c.Position).ToListAsync(ct);
        var offered = (await catalog.ListAsync(ct)).Select(t => t.Code).Concat(cards.Select(c => c.TouchpointCode)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var wanted = (input.Touchpoints ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.FirstOrDefault(c => !offered.Contains(c)) is { } unknown)
        {
            errors.Add("Touchpoints", "Il touchpoint «{0}» non è nel catalogo.", unknown);
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        if (stage is null)
        {
            var samePhase = stages.Where(s => s.Phase == input.Phase).ToList();
            stage = db.Add(new JourneyStage
            {
                Id = Ids.New(), JourneyId = journeyId, Phase = input.Phase, Position = samePhase.Count == 0 ? 0 : samePhase.Max(s => s.Position) + 1,
            }).Entity;
        }
        else if (stage.Phase != input.Phase)
        {
            // Moved to another phase: it joins that phase's end.
            var samePhase = stages.Where(s => s.Phase == input.Phase && s.Id != stage.Id).ToList();
            stage.Position = samePhase.Count == 0 ? 0 : samePhase.Max(s => s.Position) + 1;
            stage.Phase = input.Phase;
        }

        stage.Name = DefaultJourney.Kept(name, stage.Name);
        stage.CustomerActions = DefaultJourney.Kept(input.CustomerActions?.Trim() ?? "", stage.CustomerActions);
        stage.FrontStage = DefaultJourney.Kept(input.FrontStage?.Trim() ?? "", stage.FrontStage);
        stage.BackStage = DefaultJourney.Kept(input.BackStage?.Trim() ?? "", stage.BackStage);
        stage.BackStageDepartmentId = input.BackStageDepartmentId;
        stage.PainPoints = DefaultJourney.Kept(input.PainPoints?.Trim() ?? "", stage.PainPoints);
        stage.Emotion = input.Emotion;

        db.RemoveRange(cards.Where(c => !wanted.Contains(c.TouchpointCode, StringComparer.OrdinalIgnoreCase)));
        var next = cards.Count == 0 ? 0 : cards.Max(c => c.Position) + 1;
        var canonical = (await catalog.AllAsync(ct)).ToDictionary(t => t.Code, t => t.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var code in wanted.Where(c => !cards.Any(card => string.Equals(card.TouchpointCode, c, StringComparison.OrdinalIgnoreCase))))
        {
            db.Add(new JourneyCard { Id = Ids.New(), JourneyId = journeyId, StageId = stage.Id, TouchpointCode = canonical.GetValueOrDefault(code, code), Position = next++ });
        }

        await TouchAsync(journeyId, ct);
        await db.SaveChangesAsync(ct);
        return (stage, errors);
    }

    /// <summary>Removes a stage and its cards; the last one stays, since a journey without stages maps nothing.</summary>
    public async Task<Errors> RemoveStageAsync(Guid journeyId, Guid stageId, CancellationToken ct = default)
    {
        var errors = new Errors();
        var stages = await db.Set<JourneyStage>().Where(s => s.JourneyId == journeyId).ToListAsync(ct);
        if (stages.FirstOrDefault(s => s.Id == stageId) is not { } stage)
        {
            return errors.Add("Stage", "La fase non c'è più.");
        }

        if (stages.Count == 1)
        {
            return errors.Add("Stage", "Un viaggio ha almeno una fase: aggiungine un'altra prima di togliere questa.");
        }

        db.Remove(stage);
        await TouchAsync(journeyId, ct);
        await db.SaveChangesAsync(ct);
        return errors;
    }

    /// <summary>Moves a card to <paramref name="index"/> in <paramref name="stageId"/> (another stage of the same journey, or its own).</summary>
    public async Task<Errors> MoveCardAsync(Guid journeyId, Guid cardId, Guid stageId, int index, CancellationToken ct = default)
    {
        var errors = new Errors();
        var cards = await db.Set<JourneyCard>().Where(c => c.JourneyId == journeyId).ToListAsync(ct);
        var card = cards.FirstOrDefault(c => c.Id == cardId);
        if (card is null || !await db.Set<JourneyStage>().AnyAsync(s => s.Id == stageId && s.JourneyId == journeyId, ct))
        {
            return errors.Add("Card", "Il touchpoint o la fase non ci sono più: ricarica la mappa.");
        }

        var target = cards.Where(c => c.StageId == stageId && c.Id != card.Id).OrderBy(c => c.Position).ToList();
        if (card.StageId != stageId && target.Any(c => c.TouchpointCode == card.TouchpointCode))
        {
            return errors.Add("Card", "Questo touchpoint è già in quella fase.");
        }

        var source = card.StageId;
        target.Insert(Math.Clamp(index, 0, target.Count), card);
        card.StageId = stageId;
        Renumber(target);
        if (source != stageId)
        {
            Renumber(cards.Where(c => c.StageId == source).OrderBy(c => c.Position).ToList());
        }

        await TouchAsync(journeyId, ct);
        await db.SaveChangesAsync(ct);
        return errors;
    }

    /// <summary>Moves a stage to <paramref name="index"/> among the stages of its phase.</summary>
    public async Task<Errors> MoveStageAsync(Guid journeyId, Guid stageId, int index, CancellationToken ct = default)
    {
        var errors = new Errors();
        var stages = await db.Set<JourneyStage>().Where(s => s.JourneyId == journeyId).ToListAsync(ct);
        if (stages.FirstOrDefault(s => s.Id == stageId) is not { } stage)
        {
            return errors.Add("Stage", "La fase non c'è più: ricarica la mappa.");
        }

        var phase = stages.Where(s => s.Phase == stage.Phase && s.Id != stage.Id).OrderBy(s => s.Position).ToList();
        phase.Insert(Math.Clamp(index, 0, phase.Count), stage);
        Renumber(phase);
        await TouchAsync(journeyId, ct);
        await db.SaveChangesAsync(ct);
        return errors;
    }

    /// <summary>
    /// Puts every stage of the journey in the order given (the API's whole-list reorder). The list must be exactly the
    /// journey's stages, each once, with each phase's stages together in map order (before, during, after), since the
    /// map groups them so; a stage changes phase on its own form. Field key: StageIds. <c>Stale</c>: the list names a
    /// stage the journey no longer has or leaves one out, so it was made from an old view of the map (409, not 400).
    /// </summary>
    public async Task<(Errors Errors, bool Stale)> ReorderStagesAsync(Guid journeyId, IReadOnlyList<Guid>? order, CancellationToken ct = default)
    {
        var errors = new Errors();
        var stages = await db.Set<JourneyStage>().Where(s => s.JourneyId == journeyId).ToDictionaryAsync(s => s.Id, ct);
        if (order is null || order.Count == 0)
        {
            return (errors.Add("StageIds", "Elenca tutte le fasi del viaggio, nell'ordine voluto."), false);
        }

        if (order.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Add("StageIds", "La fase {0} compare più di una volta.", twice.Key);
        }

        var unknown = order.Where(id => !stages.ContainsKey(id)).Distinct().ToList();
        var missing = stages.Keys.Except(order).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("StageIds", "Il viaggio non ha la fase {0}: ricarica il viaggio.", unknown[0]);
        }

        if (missing.Count > 0)
        {
            errors.Add("StageIds", "Manca la fase «{0}»: elenca tutte le fasi del viaggio.", DefaultJourney.Shown(stages[missing[0]].Name));
        }

        if (errors.Any)
        {
            // A duplicate is the request's own mistake; a stage added or removed since the client read the map is a clash.
            return (errors, !order.GroupBy(id => id).Any(g => g.Count() > 1));
        }

        var ordered = order.Select(id => stages[id]).ToList();
        if (!ordered.Zip(ordered.Skip(1)).All(p => p.First.Phase <= p.Second.Phase))
        {
            return (errors.Add("StageIds", "Le fasi restano nel loro momento: prima, durante e poi dopo l'acquisto. Per cambiare il momento di una fase modificala."), false);
        }

        foreach (var phase in ordered.GroupBy(s => s.Phase))
        {
            Renumber(phase.ToList());
        }

        await TouchAsync(journeyId, ct);
        await db.SaveChangesAsync(ct);
        return (errors, false);
    }

    /// <summary>Sets the metric that colours the cards and its thresholds, or clears it (<paramref name="metric"/> null). Field keys: HeatMetric, HeatAmber, HeatRed.</summary>
    public async Task<Errors> SaveHeatAsync(Guid journeyId, HeatInput input, IReadOnlyList<Cerchio.Touchpoints.TouchpointMetric> metrics, CancellationToken ct = default)
    {
        var errors = input.Validate(metrics);
        if (errors.Any)
        {
            return errors;
        }

        var journey = await db.Set<Journey>().SingleAsync(j => j.Id == journeyId, ct);
        var cleared = string.IsNullOrWhiteSpace(input.Metric);
        journey.HeatMetric = cleared ? null : input.Metric!.Trim();
        journey.HeatAmber = cleared ? null : input.Amber;
        journey.HeatRed = cleared ? null : input.Red;
        journey.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return errors;
    }

    private static void Renumber(List<JourneyCard> cards)
    {
        for (var i = 0; i < cards.Count; i++)
        {
            cards[i].Position = i;
        }
    }

    // Only on copies read without tracking: what is stored stays Cerchio's Italian, so it follows each reader's language.
    private static void Shown(Journey journey)
    {
        journey.Name = DefaultJourney.Shown(journey.Name);
        journey.Description = DefaultJourney.Shown(journey.Description);
    }

    private static void Shown(JourneyStage stage)
    {
        stage.Name = DefaultJourney.Shown(stage.Name);
        stage.CustomerActions = DefaultJourney.Shown(stage.CustomerActions);
        stage.FrontStage = DefaultJourney.Shown(stage.FrontStage);
        stage.BackStage = DefaultJourney.Shown(stage.BackStage);
        stage.PainPoints = DefaultJourney.Shown(stage.PainPoints);
    }

    /// <summary>Positions from 0 in the order given: the stages of one phase.</summary>
    private static void Renumber(List<JourneyStage> phase)
    {
        for (var i = 0; i < phase.Count; i++)
        {
            phase[i].Position = i;
        }
    }

    private async Task TouchAsync(Guid journeyId, CancellationToken ct)
    {
        if (await db.Set<Journey>().FirstOrDefaultAsync(j => j.Id == journeyId, ct) is { } journey)
        {
            journey.UpdatedAt = clock.GetUtcNow();
        }
    }

    /// <summary>Makes the default journey once; a first visit racing another finds it made and moves on.</summary>
    private async Task EnsureDefaultAsync(CancellationToken ct)
    {
        if (await db.Set<Journey>().AnyAsync(j => j.Code == Journey.DefaultCode, ct))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var journey = db.Add(new Journey
        {
            Id = Ids.New(), Code = Journey.DefaultCode, Name = DefaultJourney.Name.Italian, CreatedAt = now, UpdatedAt = now,
            Description = DefaultJourney.Description.Italian,
            HeatMetric = "complaints", HeatAmber = 3, HeatRed = 5,
        }).Entity;
        await AddDefaultStagesAsync(journey, withCards: true, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request made it first (the unique code): theirs stands; anything else is a real failure.
            db.ChangeTracker.Clear();
            if (!await db.Set<Journey>().AnyAsync(j => j.Code == Journey.DefaultCode, ct))
            {
                throw;
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task AddDefaultStagesAsync(Journey journey, bool withCards, CancellationToken ct)
    {
        var departments = (await directory.DepartmentsAsync(ct)).ToDictionary(d => d.Name, d => d.Id, StringComparer.OrdinalIgnoreCase);
        var offered = (await catalog.ListAsync(ct)).Select(t => t.Code).ToHashSet();
        var positions = new Dictionary<JourneyPhase, int>();
        foreach (var template in DefaultJourney.Stages)
        {
            var position = positions[template.Phase] = positions.GetValueOrDefault(template.Phase, -1) + 1;
            var stage = db.Add(new JourneyStage
            {
                Id = Ids.New(), JourneyId = journey.Id, Name = template.Name.Italian, Phase = template.Phase, Position = position,
                CustomerActions = withCards ? template.CustomerActions.Italian : "", FrontStage = withCards ? template.FrontStage.Italian : "",
                BackStage = withCards ? template.BackStage.Italian : "", PainPoints = withCards ? template.PainPoints.Italian : "",
                BackStageDepartmentId = departments.TryGetValue(template.Department, out var id) ? id : null,
                Emotion = withCards ? template.Emotion : null,
            }).Entity;
            if (withCards)
            {
                foreach (var (code, i) in template.Touchpoints.Where(offered.Contains).Select((c, i) => (c, i)))
                {
                    db.Add(new JourneyCard { Id = Ids.New(), JourneyId = journey.Id, StageId = stage.Id, TouchpointCode = code, Position = i });
                }
            }
        }
    }
}
