using Cerchio.Text;

namespace Cerchio.Journeys;

/// <summary>The English of the journeys' pages and messages.</summary>
internal sealed class JourneysTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["Viaggi del cliente"] = "Customer journeys",
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
        ["Personas"] = "Personas",
        ["Nuova persona"] = "New persona",
        ["Chi sono i clienti, cosa vogliono e cosa li frustra. Ogni persona si collega ai clienti veri con un loro attributo (per esempio segmento = A), così i numeri si leggono per persona."] =
            "Who the customers are, what they want and what frustrates them. Each persona is tied to the real customers by one of their attributes (for example segmento = A), so the numbers can be read by persona.",
        ["Nessuna persona ancora. Crea la prima partendo dai clienti veri: chi sono, cosa vogliono, cosa li frustra; poi collegala all'attributo che li distingue."] =
            "No personas yet. Create the first from your real customers: who they are, what they want, what frustrates them; then tie it to the attribute that sets them apart.",
        ["Nessuna persona per ora: le crea il responsabile CX."] = "No personas for now: the CX lead creates them.",
        ["{0} clienti con {1} = {2}"] = "{0} customers with {1} = {2}",
        ["Non collegata ai clienti: indica l'attributo che la distingue per contarli."] = "Not tied to the customers: name the attribute that sets them apart to count them.",
        ["Viaggi: {0}"] = "Journeys: {0}",
        ["Archiviate ({0})"] = "Archived ({0})",
        ["Puoi leggere le personas ma non cambiarle: le cura il responsabile CX."] = "You can read the personas but not change them: the CX lead looks after them.",
        ["Tipo di cliente"] = "Kind of customer",
        ["B2B (aziende)"] = "B2B (companies)",
        ["B2C (consumatori)"] = "B2C (consumers)",
        ["Segmento"] = "Segment",
        ["Chi sono in poche parole, per esempio «PMI dell'edilizia, 10–50 dipendenti»."] = "Who they are in a few words, for example “construction SMEs, 10–50 employees”.",
        ["Collegamento ai clienti"] = "Link to the customers",
        ["L'attributo dei clienti che li indica come questa persona, per esempio segmento = A. Lascia vuoti entrambi se nessun attributo li distingue."] =
            "The customer attribute that marks them as this persona, for example segmento = A. Leave both empty if no attribute sets them apart.",
        ["Attributo del cliente"] = "Customer attribute",
        ["Valore"] = "Value",
        ["Oggi {0} clienti corrispondono."] = "{0} customers match today.",
        ["Obiettivi"] = "Goals",
        ["Bisogni"] = "Needs",
        ["Frustrazioni"] = "Frustrations",
        ["Citazione"] = "Quote",
        ["Una frase che direbbe con le sue parole."] = "A sentence they would say in their own words.",
        ["Foto"] = "Photo",
        ["Togli la foto (tornano le iniziali)"] = "Remove the photo (the initials come back)",
        ["PNG, JPEG o WebP, al massimo {0} KB. Senza foto si vedono le iniziali."] = "PNG, JPEG or WebP, at most {0} KB. Without a photo the initials are shown.",
        ["Archiviata"] = "Archived",
        ["Resta sui viaggi che la usano, ma esce dall'elenco."] = "It stays on the journeys that use it, but leaves the list.",
        ["Scegli B2B (aziende) o B2C (consumatori)."] = "Choose B2B (companies) or B2C (consumers).",
        ["Indica sia l'attributo sia il valore, oppure nessuno dei due."] = "Give both the attribute and the value, or neither.",
        ["La foto supera il limite di {0} KB."] = "The photo exceeds the limit of {0} KB.",
        ["La foto deve essere un'immagine PNG, JPEG o WebP."] = "The photo must be a PNG, JPEG or WebP image.",
        ["Il browser non conserva la foto scelta: sceglila di nuovo."] = "The browser does not keep the chosen photo: choose it again.",
    };
}
