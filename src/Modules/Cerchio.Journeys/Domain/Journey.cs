using Cerchio.Tenancy;

namespace Cerchio.Journeys.Domain;

/// <summary>Where a stage sits against the purchase: the map groups its columns under these three headers.</summary>
internal enum JourneyPhase
{
    Before = 1,
    During = 2,
    After = 3,
}

/// <summary>
/// A persona's journey, mapped from the customer's side: stages as columns, the touchpoints met in each, and the
/// numbers the desk, the events and the surveys measure on them. The heat metric and its thresholds colour the cards.
/// </summary>
internal sealed class Journey : IOrganizationScoped
{
    public const int MaxName = 100;
    public const int MaxText = 2_000;
    public const int MaxCode = 40;
    public const int MaxStages = 15;
    public const string DefaultCode = "cliente-b2b";

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>Stable per organization; the default journey's is <see cref="DefaultCode"/>, so it is made once.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public Guid? PersonaId { get; set; }

    /// <summary>The metric that colours the cards (a key of a touchpoint metric source), and where it turns amber and red.</summary>
    public string? HeatMetric { get; set; }
    public double? HeatAmber { get; set; }
    public double? HeatRed { get; set; }

    public bool IsArchived { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A column of the map: what the customer does at this step, what they see of the company (front stage), what happens
/// behind it and which department owns it (back stage), what hurts, and how the workshop thinks they feel.
/// </summary>
internal sealed class JourneyStage : IOrganizationScoped
{
    public const int MaxName = 60;
    public const int MaxLane = 1_000;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid JourneyId { get; set; }
    public string Name { get; set; } = "";
    public JourneyPhase Phase { get; set; }
    public int Position { get; set; }
    public string CustomerActions { get; set; } = "";
    public string FrontStage { get; set; } = "";
    public string BackStage { get; set; } = "";
    public Guid? BackStageDepartmentId { get; set; }
    public string PainPoints { get; set; } = "";

    /// <summary>The workshop's estimate, from −2 (furious) to +2 (delighted); none when nobody said.</summary>
    public int? Emotion { get; set; }
}

/// <summary>A touchpoint met in a stage; the same touchpoint can sit in several stages and several journeys.</summary>
internal sealed class JourneyCard : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid JourneyId { get; set; }
    public Guid StageId { get; set; }
    public string TouchpointCode { get; set; } = "";
    public int Position { get; set; }
}

/// <summary>A read-only link to a journey for people without an account; only its hash is kept. Revocable, expiring.</summary>
internal sealed class JourneyShareLink : IOrganizationScoped
{
    public const int MaxLabel = 100;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid JourneyId { get; set; }
    public string TokenHash { get; set; } = "";
    public string Label { get; set; } = "";
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
