using Cerchio.Text;

namespace Cerchio.Service.Features.Knowledge;

/// <summary>The English of the knowledge base's pages and messages.</summary>
internal sealed class KnowledgeTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["Conoscenza"] = "Knowledge",
        ["Nuovo articolo"] = "New article",
        ["Quello che serve sapere per rispondere ai clienti: procedure, garanzie, prodotti. Cerca con le parole del cliente."] =
            "What you need to know to answer customers: procedures, warranties, products. Search with the customer's words.",
        ["Cerca negli articoli"] = "Search the articles",
        ["Cerca"] = "Search",
        ["Risultati per «{0}»"] = "Results for “{0}”",
        ["Nessun articolo trovato. Prova con un'altra parola."] = "No article found. Try another word.",
        ["Nessun articolo. Scrivi il primo: la domanda che i clienti fanno più spesso."] = "No articles. Write the first: the question customers ask most often.",
        ["Nessun articolo per ora."] = "No articles for now.",
        ["Senza categoria"] = "Uncategorized",
        ["Da rivedere"] = "To review",
        ["Articolo da rivedere: «{0}»"] = "Article to review: “{0}”",
        ["Scrivi la versione inglese"] = "Write the English version",
        ["Scrivi la versione italiana"] = "Write the Italian version",
        ["Versione {0}, di {1}"] = "Version {0}, by {1}",
        ["Di competenza di {0}"] = "Owned by {0}",
        ["Da rivedere entro il {0}"] = "To review by {0}",
        ["La data di revisione è passata: chi ne è responsabile controlli che sia ancora valido."] = "The review date has passed: its owner should check it still holds.",
        ["Versioni"] = "Versions",
        ["Traduzione di «{0}»: le due versioni restano collegate."] = "Translation of “{0}”: the two versions stay linked.",
        ["Il testo accetta Markdown (grassetto, elenchi, link). Ogni salvataggio resta tra le versioni."] = "The text takes Markdown (bold, lists, links). Every save stays among the versions.",
        ["Categoria"] = "Category",
        ["Etichette, separate da virgole"] = "Tags, separated by commas",
        ["Lingua"] = "Language",
        ["Italiano"] = "Italian",
        ["Inglese"] = "English",
        ["Stato"] = "Status",
        ["Da rivedere entro"] = "Review by",
        ["Reparto responsabile"] = "Owner department",
        ["Nessuno"] = "None",
        ["Touchpoint collegati"] = "Related touchpoints",
        ["Pubblico anche per i clienti, sulla pagina di aiuto"] = "Public for customers too, on the help page",
        ["Salva"] = "Save",
        ["Lingua non valida."] = "Invalid language.",
        ["Stato non valido."] = "Invalid status.",
        ["Indica la data di revisione (gg/mm/aaaa)."] = "Give the review date (dd/mm/yyyy).",
        ["Esiste già la versione in questa lingua."] = "The version in this language already exists.",
        ["Fanne un articolo"] = "Make it an article",
        ["Fanne una risposta predefinita"] = "Make it a canned reply",
        ["Grazie: chi cura l'articolo vedrà il tuo giudizio."] = "Thank you: whoever looks after the article will see your verdict.",
        ["Ti è stato utile?"] = "Was it useful?",
        ["Una nota per chi lo cura (facoltativa)"] = "A note for whoever looks after it (optional)",
        ["Utile"] = "Useful",
        ["Non utile"] = "Not useful",
        ["Giudizi: {0} utile, {1} non utile"] = "Verdicts: {0} useful, {1} not useful",
        ["Scegli se è stato utile o no."] = "Choose whether it was useful or not.",
        ["Si valutano solo gli articoli pubblicati."] = "Only published articles are rated.",
        ["Non ancora usato in una risposta."] = "Not used in a reply yet.",
        ["Usato in {0} risposte."] = "Used in {0} replies.",
        ["Articoli che possono aiutare"] = "Articles that may help",
        ["Inserisci nella risposta"] = "Insert into the reply",
        ["Articolo non trovato tra quelli pubblicati."] = "Article not found among the published ones.",
    };
}
