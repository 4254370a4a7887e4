using Cerchio.Journeys.Domain;
using Cerchio.Text;

namespace Cerchio.Journeys.Features.Maps;

/// <summary>
/// The default journey of a B2B customer (the seven stages, grouped before, during and after the purchase),
/// with the default touchpoints where a customer meets them and a workshop's first guess at each lane, as a
/// starting point the CX lead changes with colleagues.
/// </summary>
/// <remarks>
/// These texts are stored as written here, in Italian, and shown in the reader's language by <see cref="Shown"/>: a
/// stored text equal to one of them is Cerchio's own (a person's edit changes it, and from then on it shows as typed).
/// No column marks them, so nothing needs a migration; the price is that a person typing exactly a default text gets
/// it translated too, which says the same thing. The dictionary is this journey's own, not the global translations,
/// so "Assistenza" the stage is not "Service desk" the sidebar section, and a stage a person names "Archiviato" stays so.
/// </remarks>
internal static class DefaultJourney
{
    /// <summary>A text Cerchio writes into the journey, with its English.</summary>
    internal sealed record Text(string Italian, string English);

    internal sealed record StageTemplate(
        Text Name, JourneyPhase Phase, string Department, int Emotion, string[] Touchpoints,
        Text CustomerActions, Text FrontStage, Text BackStage, Text PainPoints);

    public static readonly Text Name = new("Cliente B2B", "B2B customer");

    public static readonly Text Description = new(
        "Il viaggio di un'azienda cliente, dalla prima volta che ci incontra a quando torna a comprare.",
        "The journey of a business customer, from the first time they meet us to when they come back to buy again.");

    private static readonly Text None = new("", "");

    public static readonly IReadOnlyList<StageTemplate> Stages =
    [
        new(new("Scoperta", "Discovery"), JourneyPhase.Before, "Marketing e digitale", 1, ["fiera", "sito", "linkedin", "facebook", "youtube"],
            new("Cerca fornitori, passa allo stand in fiera, guarda il sito.", "Looks for suppliers, stops at the trade-fair stand, browses the website."),
            new("Stand, sito, post e video.", "Stand, website, posts and videos."),
            new("Marketing prepara fiere e contenuti.", "Marketing prepares trade fairs and content."),
            new("Non trova subito chi contattare.", "Cannot quickly find whom to contact.")),
        new(new("Valutazione", "Evaluation"), JourneyPhase.Before, "Vendite", 0, ["catalogo", "commerciale", "preventivo", "newsletter"],
            new("Confronta cataloghi e chiede un preventivo.", "Compares catalogs and asks for a quote."),
            new("Il venditore, il catalogo, il preventivo.", "The salesperson, the catalog, the quote."),
            new("Vendite prepara l'offerta con l'ufficio tecnico.", "Sales prepares the offer with the technical office."),
            new("Il preventivo arriva dopo giorni.", "The quote arrives days later.")),
        new(new("Acquisto", "Purchase"), JourneyPhase.During, "Vendite", 1, ["commerciale", "punto-vendita", "email"],
            new("Firma l'ordine, concorda consegna e pagamento.", "Signs the order, agrees on delivery and payment."),
            new("Conferma d'ordine via email.", "Order confirmation by email."),
            new("Vendite inserisce l'ordine, Amministrazione verifica il credito.", "Sales enters the order, Administration checks the credit."),
            None),
        new(new("Consegna", "Delivery"), JourneyPhase.During, "Logistica e magazzino", -1, ["consegna", "etichetta", "fattura"],
            new("Aspetta la merce e la controlla all'arrivo.", "Waits for the goods and checks them on arrival."),
            new("Il corriere, l'etichetta, la fattura.", "The courier, the label, the invoice."),
            new("Il magazzino prepara e spedisce; Amministrazione fattura.", "The warehouse prepares and ships; Administration invoices."),
            new("Ritardi non avvisati, colli danneggiati.", "Delays without notice, damaged parcels.")),
        new(new("Utilizzo", "Use"), JourneyPhase.After, "Produzione", 1, ["manuale", "youtube"],
            new("Monta e usa il prodotto.", "Assembles and uses the product."),
            new("Il manuale, i video.", "The manual, the videos."),
            new("Produzione cura istruzioni e qualità.", "Production looks after instructions and quality."),
            new("Istruzioni poco chiare.", "Unclear instructions.")),
        new(new("Assistenza", "Support"), JourneyPhase.After, "Customer service e post-vendita", -1, ["assistenza", "centralino", "email"],
            new("Chiama o scrive per un problema.", "Calls or writes about a problem."),
            new("Il centralino, l'email, il servizio clienti.", "The switchboard, the email, customer service."),
            new("Il servizio clienti passa le richieste ai reparti.", "Customer service passes requests on to the departments."),
            new("Lunghe attese al telefono.", "Long waits on the phone.")),
        new(new("Fidelizzazione", "Loyalty"), JourneyPhase.After, "Marketing e digitale", 1, ["newsletter", "commerciale", "linkedin"],
            new("Riordina e ci consiglia ad altri.", "Reorders and recommends us to others."),
            new("Newsletter, visite del venditore.", "Newsletter, the salesperson's visits."),
            new("Marketing e Vendite seguono i clienti attivi.", "Marketing and Sales follow the active customers."),
            None),
    ];

    /// <summary>Every text above by its Italian.</summary>
    public static readonly IReadOnlyDictionary<string, string> English = new[] { Name, Description }
        .Concat(Stages.SelectMany(s => new[] { s.Name, s.CustomerActions, s.FrontStage, s.BackStage, s.PainPoints }))
        .Where(t => t.Italian.Length > 0)
        .DistinctBy(t => t.Italian)
        .ToDictionary(t => t.Italian, t => t.English, StringComparer.Ordinal);

    /// <summary>A stored journey or stage text as the reader reads it: Cerchio's own in their language, a person's as typed.</summary>
    public static string Shown(string stored) => Loc.IsEnglish && English.TryGetValue(stored, out var english) ? english : stored;

    /// <summary>
    /// What to store for a text a form or the API sends back: the stored one when it comes back as it was shown (an
    /// English reader saving "Delivery" unchanged keeps Cerchio's "Consegna", which goes on following each reader's
    /// language), what was sent otherwise.
    /// </summary>
    public static string Kept(string sent, string? stored) => stored is not null && sent == Shown(stored) ? stored : sent;
}
