using Cerchio.Text;

namespace Cerchio.Service.Features.HelpCenter;

/// <summary>The English of the public help page.</summary>
internal sealed class HelpCenterTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["Aiuto"] = "Help",
        ["Come possiamo aiutarti?"] = "How can we help?",
        ["Cerca una risposta"] = "Search for an answer",
        ["Scrivi con parole tue: per esempio «reso», «garanzia», «consegna»."] = "Use your own words: for example “return”, “warranty”, “delivery”.",
        ["Nessuna risposta trovata. Prova con altre parole, oppure scrivici."] = "No answer found. Try other words, or write to us.",
        ["Tutte le risposte"] = "All answers",
        ["Non ci sono ancora risposte pubblicate: scrivici, ti risponderemo noi."] = "No answers are published yet: write to us and we will answer you.",
        ["Altre domande"] = "Other questions",
        ["Aggiornato il {0}"] = "Updated on {0}",
        ["Non hai trovato la risposta?"] = "Didn't find the answer?",
        ["Vedi sulla pagina di aiuto"] = "See it on the help page",
    };
}
