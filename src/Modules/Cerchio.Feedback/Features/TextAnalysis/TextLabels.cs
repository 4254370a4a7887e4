namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>A label of the analysis: its stable code (API, storage) and its names in Italian and English.</summary>
internal sealed record TextLabel(string Code, string Italian, string English);

/// <summary>
/// The vocabularies of the analysis, in the corpus's order (README.md of the corpus): three sentiments, six emotions
/// relevant to customer experience and the eleven default topics. The ML models are trained for exactly these; an
/// organization's own topics are matched by their trigger words (<see cref="TopicTaxonomy"/>).
/// </summary>
internal static class TextLabels
{
    public const string Negative = "negative";
    public const string Neutral = "neutral";
    public const string Positive = "positive";

    public static readonly IReadOnlyList<TextLabel> Sentiments =
    [
        new(Negative, "negativo", "negative"),
        new(Neutral, "neutro", "neutral"),
        new(Positive, "positivo", "positive"),
    ];

    public static readonly IReadOnlyList<TextLabel> Emotions =
    [
        new("anger", "rabbia", "anger"),
        new("frustration", "frustrazione", "frustration"),
        new("disappointment", "delusione", "disappointment"),
        new("worry", "preoccupazione", "worry"),
        new("satisfaction", "soddisfazione", "satisfaction"),
        new("gratitude", "gratitudine", "gratitude"),
    ];

    /// <summary>The emotions of a complaint: a negative comment carries at least one (corpus rule).</summary>
    public static readonly IReadOnlySet<string> NegativeEmotions = new HashSet<string>(StringComparer.Ordinal) { "anger", "frustration", "disappointment", "worry" };

    /// <summary>The emotions of a happy customer: a positive comment carries at least one (corpus rule).</summary>
    public static readonly IReadOnlySet<string> PositiveEmotions = new HashSet<string>(StringComparer.Ordinal) { "satisfaction", "gratitude" };

    public static readonly IReadOnlyList<TextLabel> Topics =
    [
        new("delivery_times", "tempi di consegna", "delivery times"),
        new("courtesy", "cortesia", "courtesy"),
        new("competence", "competenza", "competence"),
        new("price", "prezzo", "price"),
        new("product_quality", "qualità del prodotto", "product quality"),
        new("billing", "fatturazione", "billing"),
        new("communication", "comunicazione", "communication"),
        new("phone_wait", "attesa al telefono", "phone wait"),
        new("technical_support", "assistenza tecnica", "technical support"),
        new("quote", "preventivo", "quote"),
        new("website", "sito web", "website"),
    ];

    public static int SentimentIndex(string code) => code switch
    {
        Negative => 0,
        Neutral => 1,
        Positive => 2,
        _ => -1,
    };

    public static TextLabel? Sentiment(string code) => Sentiments.FirstOrDefault(s => s.Code == code);

    public static TextLabel? Emotion(string code) => Emotions.FirstOrDefault(e => e.Code == code);
}
