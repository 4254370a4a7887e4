using Cerchio.Tenancy;

namespace Cerchio.Feedback.Domain;

/// <summary>
/// A person's correction of what the text analysis said about a comment: the labels the comment really has
/// (sentiment, emotions, topics). Kept per organization: the same comment analysed again in that organization reads
/// as corrected, and the organization's model is retrained with its corrections. Found again by
/// <see cref="TextHash"/>, the hash of the comment with case, accents, punctuation and spacing set aside.
/// </summary>
internal sealed class TextCorrection : IOrganizationScoped
{
    public const int MaxText = 10_000;
    public const int MaxActor = 300;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>SHA-256 (hex) of the comment's canonical form.</summary>
    public string TextHash { get; set; } = "";
    public string Text { get; set; } = "";

    /// <summary>"it" or "en".</summary>
    public string Language { get; set; } = "it";

    /// <summary>"negative", "neutral" or "positive".</summary>
    public string Sentiment { get; set; } = "neutral";

    /// <summary>Emotion codes, comma-separated, in the vocabulary's order.</summary>
    public string Emotions { get; set; } = "";

    /// <summary>Topic codes (defaults and the organization's own), comma-separated.</summary>
    public string Topics { get; set; } = "";

    /// <summary>Who corrected it last: a person, or an API key by its name.</summary>
    public string CorrectedBy { get; set; } = "";
    public Guid? CorrectedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> EmotionList => Split(Emotions);

    public IReadOnlyList<string> TopicList => Split(Topics);

    public static string Join(IEnumerable<string> codes) => string.Join(',', codes);

    private static string[] Split(string codes) => codes.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// A topic an organization adds to the default taxonomy, with its own trigger words (Italian or English alike).
/// No training data exists for it, so a comment has it when one of its words occurs.
/// </summary>
internal sealed class TextTopic : IOrganizationScoped
{
    public const int MaxCode = 40;
    public const int MaxName = 100;
    public const int MaxTerms = 50;
    public const int MaxTerm = 60;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>Lower-case letters, digits and underscores, like the defaults' codes ("parcheggio", "app_mobile").</summary>
    public string Code { get; set; } = "";
    public string NameIt { get; set; } = "";
    public string NameEn { get; set; } = "";

    /// <summary>The trigger words and phrases, one per line, lower case.</summary>
    public string Terms { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> TermList => Terms.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
