namespace Cerchio.Service.Domain;

/// <summary>Business time allowed for the first response and for the resolution of a case.</summary>
internal sealed record SlaTargets(TimeSpan FirstResponse, TimeSpan Resolution);

/// <summary>
/// Different targets for a case type: for all its priorities (<paramref name="Priority"/> null) or for one. A null
/// target keeps the one it overrides.
/// </summary>
internal sealed record SlaOverride(CaseType Type, CasePriority? Priority = null, TimeSpan? FirstResponse = null, TimeSpan? Resolution = null);

/// <summary>
/// An organization's service levels: targets per priority, optionally overridden per case type. Business time, so
/// "1 day" is the 8 open hours of the Italian default week, not 24 hours. Serialisable to be stored per organization.
/// </summary>
internal sealed record SlaPolicy
{
    public IReadOnlyDictionary<CasePriority, SlaTargets> Targets { get; init; } = new Dictionary<CasePriority, SlaTargets>();

    public IReadOnlyList<SlaOverride> Overrides { get; init; } = [];

    /// <summary>The share of a target after which a case is near breach (amber, and its people are told): above 0, at most 1.</summary>
    public double WarningThreshold { get; init; } = SlaClock.DefaultWarningThreshold;

    /// <summary>
    /// Sensible targets for an Italian PMI: urgent 1 h / 4 h, high 4 h / 1 business day (8 h), normal 8 h / 3 days
    /// (24 h), low 16 h / 5 days (40 h).
    /// </summary>
    public static SlaPolicy ItalianDefault => new()
    {
        Targets = new Dictionary<CasePriority, SlaTargets>
        {
            [CasePriority.Urgent] = new(TimeSpan.FromHours(1), TimeSpan.FromHours(4)),
            [CasePriority.High] = new(TimeSpan.FromHours(4), TimeSpan.FromHours(8)),
            [CasePriority.Normal] = new(TimeSpan.FromHours(8), TimeSpan.FromHours(24)),
            [CasePriority.Low] = new(TimeSpan.FromHours(16), TimeSpan.FromHours(40)),
        },
    };

    /// <summary>The targets for a case: the priority's, then its type's override, then the override for both (most specific wins).</summary>
    /// <exception cref="InvalidSettingsException">The policy does not validate (say, a priority without targets).</exception>
    public SlaTargets For(CasePriority priority, CaseType type)
    {
        if (!Enum.IsDefined(priority) || !Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(Enum.IsDefined(priority) ? nameof(type) : nameof(priority));
        }

        if (Targets is null || !Targets.TryGetValue(priority, out var targets) || targets is null)
        {
            throw new InvalidSettingsException("SLA policy", Validate());
        }

        var overrides = Overrides ?? [];
        foreach (var o in overrides.Where(o => o?.Type == type && o.Priority is null))
        {
            targets = Apply(targets, o);
        }

        foreach (var o in overrides.Where(o => o?.Type == type && o.Priority == priority))
        {
            targets = Apply(targets, o);
        }

        return targets;
    }

    /// <summary>Field keys: <c>Targets.{Priority}</c> (e.g. <c>Targets.Urgent</c>), <c>Overrides[i]</c> and <c>WarningThreshold</c>.</summary>
    public Errors Validate()
    {
        var errors = new Errors();
        if (double.IsNaN(WarningThreshold) || WarningThreshold <= 0 || WarningThreshold > 1)
        {
            errors.Add(nameof(WarningThreshold), "L'avviso deve scattare tra l'1 % e il 100 % del tempo.");
        }

        foreach (var priority in Enum.GetValues<CasePriority>())
        {
            var field = $"{nameof(Targets)}.{priority}";
            if (Targets is null || !Targets.TryGetValue(priority, out var targets) || targets is null)
            {
                errors.Add(field, "Indicare i tempi di prima risposta e di risoluzione.");
            }
            else
            {
                CheckTargets(errors, field, targets.FirstResponse, targets.Resolution);
            }
        }

        if (Targets?.Keys.Any(p => !Enum.IsDefined(p)) == true)
        {
            errors.Add(nameof(Targets), "Priorità non valida.");
        }

        var overrides = Overrides ?? [];
        var seen = new HashSet<(CaseType, CasePriority?)>();
        for (var i = 0; i < overrides.Count; i++)
        {
            var o = overrides[i];
            var field = $"{nameof(Overrides)}[{i}]";
            if (o is null)
            {
                errors.Add(field, "Indicare l'eccezione.");
            }
            else if (!Enum.IsDefined(o.Type))
            {
                errors.Add(field, "Tipo di pratica non valido.");
            }
            else if (o.Priority is { } p && !Enum.IsDefined(p))
            {
                errors.Add(field, "Priorità non valida.");
            }
            else if (!seen.Add((o.Type, o.Priority)))
            {
                errors.Add(field, "Eccezione ripetuta per lo stesso tipo e la stessa priorità.");
            }
            else if (o.FirstResponse < TimeSpan.Zero || o.Resolution < TimeSpan.Zero)
            {
                errors.Add(field, "I tempi non possono essere negativi.");
            }
        }

        if (!errors.Any)
        {
            // An override may change one target only: check what each combination it touches ends up with.
            for (var i = 0; i < overrides.Count; i++)
            {
                var o = overrides[i];
                var priorities = o.Priority is { } only ? new[] { only } : Enum.GetValues<CasePriority>();
                if (priorities.Select(p => For(p, o.Type)).Any(t => t.FirstResponse > t.Resolution))
                {
                    errors.Add($"{nameof(Overrides)}[{i}]", "La prima risposta non può richiedere più tempo della risoluzione.");
                }
            }
        }

        return errors;
    }

    private static void CheckTargets(Errors errors, string field, TimeSpan firstResponse, TimeSpan resolution)
    {
        if (firstResponse < TimeSpan.Zero || resolution < TimeSpan.Zero)
        {
            errors.Add(field, "I tempi non possono essere negativi.");
        }
        else if (firstResponse == TimeSpan.Zero || resolution == TimeSpan.Zero)
        {
            // A zero target is due the moment the case opens: every case would start breached.
            errors.Add(field, "I tempi devono essere maggiori di zero.");
        }
        else if (firstResponse > resolution)
        {
            errors.Add(field, "La prima risposta non può richiedere più tempo della risoluzione.");
        }
    }

    private static SlaTargets Apply(SlaTargets targets, SlaOverride o) =>
        new(o.FirstResponse ?? targets.FirstResponse, o.Resolution ?? targets.Resolution);
}
