using Cerchio.Journeys.Domain;

namespace Cerchio.Journeys.Features.Maps;

/// <summary>
/// The default journey of a B2B customer (the seven stages, grouped before, during and after the purchase),
/// with the default touchpoints where a customer meets them and a workshop's first guess at each lane, as a
/// starting point the CX lead changes with colleagues.
/// </summary>
internal static class DefaultJourney
{
    internal sealed record StageTemplate(
        string Name, JourneyPhase Phase, string Department, int Emotion, string[] Touchpoints,
        string CustomerActions, string FrontStage, string BackStage, string PainPoints);

    public static readonly IReadOnlyList<StageTemplate> Stages =
    [
        new("Scoperta", JourneyPhase.Before, "Marketing e digitale", 1, ["fiera", "sito", "linkedin", "facebook", "youtube"],
            "Cerca fornitori, passa allo stand in fiera, guarda il sito.", "Stand, sito, post e video.", "Marketing prepara fiere e contenuti.",
            "Non trova subito chi contattare."),
        new("Valutazione", JourneyPhase.Before, "Vendite", 0, ["catalogo", "commerciale", "preventivo", "newsletter"],
            "Confronta cataloghi e chiede un preventivo.", "Il venditore, il catalogo, il preventivo.", "Vendite prepara l'offerta con l'ufficio tecnico.",
            "Il preventivo arriva dopo giorni."),
        new("Acquisto", JourneyPhase.During, "Vendite", 1, ["commerciale", "punto-vendita", "email"],
            "Firma l'ordine, concorda consegna e pagamento.", "Conferma d'ordine via email.", "Vendite inserisce l'ordine, Amministrazione verifica il credito.",
            ""),
        new("Consegna", JourneyPhase.During, "Logistica e magazzino", -1, ["consegna", "etichetta", "fattura"],
            "Aspetta la merce e la controlla all'arrivo.", "Il corriere, l'etichetta, la fattura.", "Il magazzino prepara e spedisce; Amministrazione fattura.",
            "Ritardi non avvisati, colli danneggiati."),
        new("Utilizzo", JourneyPhase.After, "Produzione", 1, ["manuale", "youtube"],
            "Monta e usa il prodotto.", "Il manuale, i video.", "Produzione cura istruzioni e qualità.",
            "Istruzioni poco chiare."),
        new("Assistenza", JourneyPhase.After, "Customer service e post-vendita", -1, ["assistenza", "centralino", "email"],
            "Chiama o scrive per un problema.", "Il centralino, l'email, il servizio clienti.", "Il servizio clienti passa le richieste ai reparti.",
            "Lunghe attese al telefono."),
        new("Fidelizzazione", JourneyPhase.After, "Marketing e digitale", 1, ["newsletter", "commerciale", "linkedin"],
            "Riordina e ci consiglia ad altri.", "Newsletter, visite del venditore.", "Marketing e Vendite seguono i clienti attivi.",
            ""),
    ];
}
