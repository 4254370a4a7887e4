using Cerchio.Text;

namespace Cerchio.Journeys;

/// <summary>The English of the journeys' pages and messages.</summary>
internal sealed class JourneysTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["Viaggi del cliente"] = "Customer journeys",
        ["Questo codice è riservato: scegline un altro."] = "This code is reserved: choose another one.",
        ["Touchpoint"] = "Touchpoints",
        ["Nuovo touchpoint"] = "New touchpoint",
        ["Tutti i momenti in cui il cliente incontra l'azienda, prima, durante e dopo l'acquisto. Ognuno ha un reparto che ne risponde: nessuno può alzare le mani."] =
            "Every moment the customer meets the company, before, during and after the purchase. Each has a department that answers for it: nobody can look away.",
        ["{0} touchpoint senza un reparto responsabile."] = "{0} touchpoints without an owner department.",
        ["Canale"] = "Channel",
        ["Online"] = "Online",
        ["Offline"] = "Offline",
        ["Promessa"] = "Promise",
        ["Codice"] = "Code",
        ["Nessun responsabile"] = "No owner",
        ["Archiviati ({0})"] = "Archived ({0})",
        ["Minuscole, cifre e trattini; non cambia più: pratiche ed eventi lo usano."] = "Lowercase letters, digits and hyphens; it never changes: cases and events use it.",
        ["Online (sito, social, email)"] = "Online (website, social, email)",
        ["Promessa da mantenere"] = "Promise to keep",
        ["Momenti della verità"] = "Moments of truth",
        ["Punti critici"] = "Pain points",
        ["Archiviato"] = "Archived",
        ["Resta sulle pratiche e sugli eventi che lo citano, ma non si sceglie più."] = "It stays on the cases and events that name it, but can no longer be chosen.",
        ["Il codice è fatto di lettere minuscole, cifre e trattini (al massimo {0} caratteri), come «fattura» o «punto-vendita»."] =
            "The code is lowercase letters, digits and hyphens (at most {0} characters), like “fattura” or “punto-vendita”.",
        ["Esiste già un touchpoint con questo codice."] = "A touchpoint with this code already exists.",
        ["Il nome è obbligatorio (al massimo {0} caratteri)."] = "The name is required (at most {0} characters).",
        ["Scegli un reparto dell'organizzazione."] = "Choose a department of the organization.",
        ["Al massimo {0} caratteri."] = "At most {0} characters.",
    };
}
