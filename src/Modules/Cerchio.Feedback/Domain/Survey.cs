using System.Text.Json;
using Cerchio.Feedback.Contracts;
using Cerchio.Tenancy;

namespace Cerchio.Feedback.Domain;

internal enum SurveyStatus
{
    /// <summary>Being written: its links answer "not open yet", nothing is counted.</summary>
    Draft = 1,

    /// <summary>Published: its links take answers for its current version.</summary>
    Live = 2,

    /// <summary>No more answers; what it has stays in the results.</summary>
    Closed = 3,
}

/// <summary>
/// A survey of the organization: the score it asks for, its texts in Italian and English, and where its answers
/// come from. What respondents see is a frozen <see cref="SurveyVersion"/>; editing a live survey writes the draft
/// texts, and publishing them makes a new version, so old and new answers are never mixed.
/// </summary>
internal sealed class Survey : IOrganizationScoped
{
    public const int MaxName = 120;
    public const int MaxBrand = 120;
    public const int PublicKeyLength = 22;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public SurveyKind Kind { get; set; }
    public SurveyStatus Status { get; set; } = SurveyStatus.Draft;

    /// <summary>The touchpoint its answers are about when the invitation names none (a QR code at the point of sale).</summary>
    public string? TouchpointCode { get; set; }

    /// <summary>The public link's key (/s/{key}): random, so nobody guesses another survey's link.</summary>
    public string PublicKey { get; set; } = "";

    /// <summary>The company name respondents see ("Rossi Arredamenti"), and its colour (#rrggbb) on the page.</summary>
    public string Brand { get; set; } = "";
    public string Color { get; set; } = DefaultColor;

    /// <summary>The texts being edited (<see cref="SurveyTexts"/> as JSON); respondents see the published version's.</summary>
    public string DraftTexts { get; set; } = "";

    /// <summary>The version answers go to now; none before the first publication.</summary>
    public Guid? CurrentVersionId { get; set; }
    public int Versions { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public const string DefaultColor = "#0b5cad";

    public (int Min, int Max) Scale => ScaleOf(Kind);

    public static (int Min, int Max) ScaleOf(SurveyKind kind) => kind switch
    {
        SurveyKind.Nps => (0, 10),
        SurveyKind.Csat => (1, 5),
        _ => (1, 7),
    };

    public SurveyTexts Draft => SurveyTexts.Read(DraftTexts);

    /// <summary>Makes the draft the new current version when it differs from the current one; returns the version made, or null.</summary>
    public SurveyVersion? Publish(SurveyVersion? current, DateTimeOffset now)
    {
        Status = SurveyStatus.Live;
        UpdatedAt = now;
        if (current is not null && current.Texts == DraftTexts)
        {
            return null;
        }

        var version = new SurveyVersion { Id = Ids.New(), OrganizationId = OrganizationId, SurveyId = Id, Number = ++Versions, Texts = DraftTexts, PublishedAt = now };
        CurrentVersionId = version.Id;
        return version;
    }
}

/// <summary>A survey's texts as respondents saw them from <see cref="PublishedAt"/>; answers point at it.</summary>
internal sealed class SurveyVersion : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SurveyId { get; set; }
    public int Number { get; set; }
    public string Texts { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
}

/// <summary>A text in Italian and in English; the English falls back to the Italian when left empty.</summary>
internal sealed record LocalText(string It, string En)
{
    public string In(string? language) => language == "en" && !string.IsNullOrWhiteSpace(En) ? En : It;

    /// <summary>Names the company where the text says {azienda} (or {company}).</summary>
    public string In(string? language, string brand) =>
        In(language).Replace("{azienda}", brand, StringComparison.Ordinal).Replace("{company}", brand, StringComparison.Ordinal);
}

/// <summary>
/// What a survey says: the score question with the labels of its two ends, the follow-up question for a low score
/// (up to <see cref="LowUpTo"/>) and for the others, the thank-you, and the further questions asked after the score.
/// </summary>
internal sealed record SurveyTexts(
    LocalText Question, LocalText LowLabel, LocalText HighLabel, int LowUpTo, LocalText AskLow, LocalText AskHigh, LocalText Thanks,
    IReadOnlyList<SurveyQuestion>? Questions = null)
{
    public const int MaxText = 500;

    // Nulls are left out, so texts written before there were further questions read and compare the same.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<SurveyQuestion> Extra => Questions ?? [];

    /// <summary>The further questions a respondent with this score is asked.</summary>
    public IEnumerable<SurveyQuestion> ExtraFor(int? score) => Extra.Where(q => q.AppliesTo(score));

    public string Write() => JsonSerializer.Serialize(this, Json);

    public static SurveyTexts Read(string json) => JsonSerializer.Deserialize<SurveyTexts>(json, Json)!;

    public LocalText FollowUp(int score) => score <= LowUpTo ? AskLow : AskHigh;

    /// <summary>The texts a new survey of this kind starts from (PRODUCT.md's questions, UX.md's follow-ups).</summary>
    public static SurveyTexts Default(SurveyKind kind) => kind switch
    {
        SurveyKind.Nps => new(
            new("Quanto è probabile che consiglieresti {azienda} a un amico o a un collega?", "How likely are you to recommend {company} to a friend or colleague?"),
            new("Per niente probabile", "Not at all likely"), new("Estremamente probabile", "Extremely likely"), 6,
            new("Cosa possiamo migliorare?", "What could we improve?"), new("Cosa ti è piaciuto di più?", "What did you like most?"),
            new("Grazie per la tua risposta: la leggiamo con attenzione.", "Thank you for your answer: we read it carefully.")),
        SurveyKind.Csat => new(
            new("Quanto sei soddisfatto di come abbiamo gestito la tua richiesta?", "How satisfied are you with how we handled your request?"),
            new("Per niente soddisfatto", "Not at all satisfied"), new("Molto soddisfatto", "Very satisfied"), 2,
            new("Cosa non è andato come speravi?", "What did not go as you hoped?"), new("Cosa ti è piaciuto di più?", "What did you like most?"),
            new("Grazie per la tua risposta: la leggiamo con attenzione.", "Thank you for your answer: we read it carefully.")),
        _ => new(
            new("Quanto sei d'accordo? «{azienda} mi ha reso facile gestire la mia richiesta.»", "How much do you agree? “{company} made it easy to handle my request.”"),
            new("Per niente d'accordo", "Strongly disagree"), new("Del tutto d'accordo", "Strongly agree"), 3,
            new("Cosa è stato difficile?", "What was difficult?"), new("Cosa ti ha reso le cose più facili?", "What made it easy for you?"),
            new("Grazie per la tua risposta: la leggiamo con attenzione.", "Thank you for your answer: we read it carefully.")),
    };
}
