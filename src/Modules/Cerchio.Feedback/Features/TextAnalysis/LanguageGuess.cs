namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>
/// Italian or English, from the commonest function words of each (written here, not taken from any list). A comment
/// with no sign of either, or a tie, is taken as Italian: Cerchio's customers write in Italian first.
/// </summary>
internal static class LanguageGuess
{
    private static readonly HashSet<string> Italian = new(StringComparer.Ordinal)
    {
        "il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "un'", "l'", "di", "del", "della", "dei", "delle", "dell'", "da", "dal", "dalla",
        "in", "nel", "nella", "con", "su", "per", "tra", "fra", "che", "e", "è", "ed", "non", "ma", "però", "anche", "molto", "più", "sono",
        "ho", "ha", "hanno", "abbiamo", "siamo", "era", "stato", "stata", "mi", "ci", "si", "vi", "ne", "al", "alla", "ai", "sul", "sulla",
        "grazie", "tutto", "tutti", "sempre", "ancora", "dopo", "poi", "perché", "come", "quando", "questo", "questa", "voi", "vostro",
        "vostra", "nostro", "nostra", "mio", "mia", "fatto", "gentili", "ottimo", "consegna", "buongiorno", "salve", "cortesemente",
        "a", "ad", "agli", "alle", "allo", "all'", "dai", "dagli", "dalle", "degli", "nei", "negli", "sui", "o", "se", "io", "lui", "lei",
        "noi", "loro", "c'", "così", "già", "mai", "qui", "dove", "cosa", "chi", "quale", "quanto", "tanto", "troppo", "poco", "niente",
        "nulla", "nessuno", "nessun", "ogni", "bene", "mica", "sempre", "ancora", "appena", "subito", "oggi", "ieri", "domani", "sì",
    };

    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "is", "was", "were", "are", "be", "been", "to", "of", "in", "on", "at", "for", "with", "from", "by", "it",
        "it's", "this", "that", "these", "my", "our", "we", "you", "your", "they", "their", "i", "i'm", "i've", "me", "us", "have", "has",
        "had", "not", "but", "very", "so", "no", "would", "could", "will", "can", "did", "didn't", "don't", "wasn't", "thanks", "thank",
        "great", "good", "after", "again", "still", "just", "what", "when", "how", "why", "who", "there", "here", "which", "hello", "hi",
    };

    public static string Guess(string text)
    {
        int it = 0, en = 0;
        foreach (var token in TextTokens.Split(text, "en"))
        {
            if (!token.IsWord)
            {
                continue;
            }

            // Split the English way, so elisions stay whole: look at both halves.
            var word = token.Norm;
            var apostrophe = word.IndexOf('\'', StringComparison.Ordinal);
            var italianHead = apostrophe > 0 && apostrophe < word.Length - 1 ? word[..(apostrophe + 1)] : null;
            if (Italian.Contains(word) || (italianHead is not null && Italian.Contains(italianHead) && !English.Contains(word)))
            {
                it++;
            }

            if (English.Contains(word))
            {
                en++;
            }
        }

        return en > it ? "en" : "it";
    }
}
