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

        // The topics page and correcting an answer
        ["Correggi l'analisi"] = "Correct the analysis",
        ["Indietro"] = "Back",
        ["Come legge davvero questo commento? La correzione vale per la tua azienda: lo stesso testo sarà letto così da ora, e l'analisi impara dalle correzioni."] =
            "How does this comment really read? The correction holds for your company: the same text reads so from now on, and the analysis learns from corrections.",
        ["Emozioni"] = "Emotions",
        ["Salva la correzione"] = "Save the correction",
        ["Temi dei commenti"] = "Comment topics",
        ["Di cosa parlano i commenti: i temi predefiniti, riconosciuti dal modello addestrato sui commenti di esempio, e quelli della tua azienda, riconosciuti dalle loro parole. Chi legge le risposte può correggere il sentiment e i temi di un commento: l'analisi impara dalle correzioni."] =
            "What the comments are about: the default topics, recognised by the model trained on the sample comments, and your company's own, recognised by their words. Whoever reads the answers can correct a comment's sentiment and topics: the analysis learns from corrections.",
        ["Commenti degli ultimi {0} giorni per tema"] = "Comments of the last {0} days by topic",
        ["Parole che lo fanno riconoscere"] = "Words that make it recognised",
        ["predefinito"] = "default",
        ["Elimina"] = "Delete",
        ["Eliminare il tema «{0}»?"] = "Delete the topic “{0}”?",
        ["L'analisi smette di riconoscerlo; le risposte già analizzate lo conservano."] = "The analysis stops recognising it; answers already analysed keep it.",
        ["Elimina il tema"] = "Delete the topic",
        ["Lettere minuscole, cifre e trattini bassi: serve alle integrazioni (es. montaggio)."] = "Lower-case letters, digits and underscores: integrations use it (e.g. assembly).",
        ["Nome in italiano"] = "Name in Italian",
        ["Nome in inglese (facoltativo)"] = "Name in English (optional)",
        ["Parole o frasi, una per riga"] = "Words or phrases, one per line",
        ["Salva il tema"] = "Save the topic",
        ["Ultime correzioni"] = "Latest corrections",
        ["Nessuna correzione ancora. Dalle risposte, «Correggi» cambia il sentiment o i temi di un commento letto male."] = "No corrections yet. From the answers, “Correct” changes the sentiment or topics of a comment read wrongly.",
        ["Chi"] = "Who",
        ["Correggi"] = "Correct",
        ["Aggiungi un tema della tua azienda"] = "Add a topic of your company",
        ["Modifica il tema"] = "Edit the topic",
        ["Tema salvato."] = "Topic saved.",
        ["Tema eliminato."] = "Topic deleted.",
    };
}
