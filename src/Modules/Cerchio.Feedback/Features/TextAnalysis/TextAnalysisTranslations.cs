using Cerchio.Text;

namespace Cerchio.Feedback.Features.TextAnalysis;

/// <summary>The English of the text analysis's messages.</summary>
internal sealed class TextAnalysisTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["Scrivi il testo da analizzare."] = "Write the text to analyse.",
        ["Il testo supera i {0} caratteri."] = "The text is longer than {0} characters.",
        ["Manda \"text\" oppure \"texts\", non entrambi."] = "Send \"text\" or \"texts\", not both.",
        ["Manda da 1 a {0} testi."] = "Send from 1 to {0} texts.",
        ["La lingua è \"it\" o \"en\" (oppure lasciala indicare all'analisi)."] = "The language is \"it\" or \"en\" (or leave it out for the analysis to detect).",
        ["Il sentimento è negative, neutral o positive."] = "The sentiment is negative, neutral or positive.",
        ["Indica fino a 40 codici, nessuno vuoto."] = "Give up to 40 codes, none empty.",
        ["Indica almeno una correzione: il sentimento, oppure un tema o un'emozione da aggiungere o togliere."] =
            "Give at least one correction: the sentiment, or a topic or an emotion to add or remove.",
        ["Tema sconosciuto: {0}."] = "Unknown topic: {0}.",
        ["Emozione sconosciuta: {0}."] = "Unknown emotion: {0}.",
        ["Lo stesso tema non può essere aggiunto e tolto insieme."] = "The same topic cannot be added and removed at once.",
        ["La stessa emozione non può essere aggiunta e tolta insieme."] = "The same emotion cannot be added and removed at once.",
        ["Il codice è fatto di lettere minuscole, cifre e trattini bassi, da 2 a {0} caratteri."] =
            "The code is made of lower-case letters, digits and underscores, 2 to {0} characters.",
        ["Il codice {0} è già un tema predefinito."] = "The code {0} is already a default topic.",
        ["Scrivi il nome del tema in italiano."] = "Write the topic's name in Italian.",
        ["Il nome supera i {0} caratteri."] = "The name is longer than {0} characters.",
        ["Indica da 1 a {0} parole o frasi che fanno scattare il tema, ciascuna di al massimo {1} caratteri."] =
            "Give 1 to {0} words or phrases that trigger the topic, each at most {1} characters long.",
        ["Al massimo {0} temi propri per organizzazione."] = "At most {0} own topics per organization.",
    };
}
