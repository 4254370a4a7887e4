using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;

namespace Cerchio.Service.Features.Knowledge;

/// <summary>
/// The demo company's knowledge base: two dozen articles a furniture maker's front line really needs (returns,
/// deliveries, warranties, assembly, payments), each owned by the department that knows, two with their English
/// version, one past its review date so the owner sees the flag.
/// </summary>
internal sealed class KnowledgeDemoData(CerchioDb db, IOrganizationDirectory organization, TimeProvider clock)
{
    private sealed record Seed(string Category, string Owner, string Title, string Body, string Tags, string Touchpoints, bool Public = false, string? EnglishTitle = null, string? EnglishBody = null);

    private static readonly Seed[] Articles =
    [
        new("Resi e rimborsi", "Logistica e magazzino", "Come funzionano i resi", "Il cliente può restituire un mobile **entro 14 giorni** dalla consegna. Apri una pratica di tipo *richiesta* con touchpoint Consegna e chiedi a Logistica la data di ritiro: il ritiro a domicilio è gratuito e avviene entro 5 giorni lavorativi.", "resi, ritiro, recesso", "consegna", true,
            "How returns work", "Customers may return a piece of furniture **within 14 days** of delivery. Open a request case with the Delivery touchpoint and ask Logistics for a pickup date: home pickup is free and happens within 5 working days."),
        new("Resi e rimborsi", "Amministrazione", "Tempi del rimborso", "Il rimborso parte quando il mobile rientra in magazzino ed è controllato: **entro 10 giorni lavorativi** sullo stesso metodo di pagamento. Per i bonifici servono IBAN e intestatario.", "rimborso, bonifico, pagamenti", "fattura"),
        new("Resi e rimborsi", "Customer service e post-vendita", "Mobili su misura: si possono rendere?", "I mobili **su misura** non si possono rendere per recesso (art. 59 del Codice del consumo). Restano valide la garanzia e la sostituzione dei pezzi difettosi.", "su misura, recesso, resi", "preventivo"),
        new("Consegne", "Logistica e magazzino", "Fasce orarie di consegna", "Consegniamo dal lunedì al venerdì in due fasce: **8:30–13:00** e **14:00–18:00**. Il giorno prima il cliente riceve un SMS con la fascia; può spostarla una volta senza costi chiamando il centralino.", "consegna, orari, sms", "consegna", true,
            "Delivery time slots", "We deliver Monday to Friday in two slots: **8:30–13:00** and **14:00–18:00**. The day before, the customer gets a text message with the slot and may move it once free of charge by calling the switchboard."),
        new("Consegne", "Logistica e magazzino", "Consegna in ritardo: cosa dire al cliente", "Controlla lo stato dell'ordine con Logistica (passaggio di consegne). Se il ritardo supera i **5 giorni lavorativi** offri lo sconto del 5% sulla prossima fattura e segna la pratica come reclamo se il cliente lo chiede.", "ritardo, consegna, sconto", "consegna"),
        new("Consegne", "Logistica e magazzino", "Consegna al piano e scale strette", "La consegna al piano è inclusa fino al 4° piano senza ascensore. Per scale strette serve il sopralluogo: chiedilo a Logistica almeno 3 giorni prima.", "piano, sopralluogo, scale", "consegna"),
        new("Consegne", "Customer service e post-vendita", "Mobile arrivato danneggiato", "Chiedi al cliente **foto del danno e dell'imballo** entro 48 ore. Apri un reclamo, allega le foto e chiedi a Logistica il ritiro e la sostituzione del pezzo. Non serve che il cliente firmi con riserva se il danno non era visibile.", "danno, reclamo, sostituzione", "consegna"),
        new("Garanzia", "Customer service e post-vendita", "Garanzia sui mobili", "Tutti i mobili hanno **2 anni di garanzia** legale; le cucine componibili 5 anni sulla struttura. La garanzia non copre l'usura normale né i danni da umidità.", "garanzia, difetti", "manuale", true,
            "Furniture warranty", "All furniture has a **2-year legal warranty**; modular kitchens 5 years on the frame. The warranty does not cover normal wear or damp damage."),
        new("Garanzia", "Produzione", "Ante che non chiudono bene", "Quasi sempre basta regolare le cerniere: il video *Regolare le cerniere* sul nostro canale YouTube mostra come fare in 3 minuti. Se non basta, apri una pratica di assistenza tecnica.", "cerniere, ante, regolazione", "youtube"),
        new("Garanzia", "Produzione", "Cassetti che si bloccano", "Controlla che il cassetto sia agganciato alle guide (clic udibile). Le guide ammortizzate si sostituiscono in garanzia: chiedi a Produzione il codice del ricambio.", "cassetti, guide, ricambi", "manuale"),
        new("Montaggio", "Logistica e magazzino", "Montaggio a domicilio", "Il montaggio è incluso per armadi, cucine e pareti attrezzate; per gli altri mobili costa il 10% del prezzo. I montatori portano via gli imballi.", "montaggio, imballi", "consegna"),
        new("Montaggio", "Customer service e post-vendita", "Istruzioni di montaggio perse", "Le istruzioni di ogni mobile sono sul sito, nella scheda del prodotto, in PDF. Se il modello è fuori catalogo chiedi il PDF a Produzione.", "istruzioni, manuale, pdf", "manuale, sito"),
        new("Ordini e preventivi", "Vendite", "Validità di un preventivo", "Un preventivo vale **30 giorni**. Dopo, i prezzi seguono il listino in vigore. I preventivi firmati restano al prezzo firmato fino alla consegna.", "preventivo, listino, prezzi", "preventivo"),
        new("Ordini e preventivi", "Vendite", "Modificare un ordine già confermato", "Si può modificare finché l'ordine non è in produzione (di solito 5 giorni dalla conferma). Chiedi al venditore: la modifica genera un nuovo preventivo da firmare.", "ordine, modifica", "commerciale"),
        new("Ordini e preventivi", "Vendite", "Tempi di produzione su misura", "Armadi e cucine su misura richiedono **6–8 settimane**; ad agosto la produzione è chiusa, quindi gli ordini di luglio slittano a settembre.", "su misura, tempi, produzione", "preventivo"),
        new("Pagamenti e fatture", "Amministrazione", "Modalità di pagamento", "Accettiamo bonifico, carta e finanziamento a tasso zero fino a 20 rate (pratica con la finanziaria in negozio). L'acconto è del 30% alla firma.", "pagamento, acconto, finanziamento", "punto-vendita"),
        new("Pagamenti e fatture", "Amministrazione", "Fattura con dati sbagliati", "Se la fattura ha dati sbagliati (codice fiscale, partita IVA, indirizzo) chiedi all'Amministrazione una nota di credito e la nuova fattura: servono 3 giorni lavorativi.", "fattura, nota di credito, dati", "fattura"),
        new("Pagamenti e fatture", "Amministrazione", "Bonus mobili e detrazione", "Per la detrazione del bonus mobili il cliente deve pagare con bonifico o carta, non in contanti. La fattura riporta la dicitura richiesta; non rilasciamo dichiarazioni fiscali.", "bonus mobili, detrazione", "fattura"),
        new("Punto vendita", "Vendite", "Orari del punto vendita", "Il negozio di Brianza è aperto dal martedì al sabato, 9:30–12:30 e 15:00–19:30; la domenica solo a dicembre. Il lunedì è chiuso.", "orari, negozio", "punto-vendita", true),
        new("Punto vendita", "Vendite", "Prenotare una consulenza in negozio", "Il cliente può prenotare un'ora con un arredatore dal sito o al centralino. La consulenza è gratuita; il progetto 3D costa 50 € scalati dall'ordine.", "consulenza, progetto, appuntamento", "sito, centralino"),
        new("Prodotti", "Produzione", "Pulizia del rovere naturale", "Panno morbido appena umido e sapone neutro; mai alcol o prodotti con ammoniaca. Una volta l'anno olio per legno, che trovi in negozio.", "rovere, pulizia, manutenzione", "manuale", true),
        new("Prodotti", "Produzione", "Materiali e certificazioni", "I pannelli sono in classe E1 a bassa emissione di formaldeide; il legno massello viene da foreste certificate FSC. Le schede tecniche sono sul sito.", "materiali, certificazioni, fsc", "sito, etichetta"),
        new("Reclami", "Customer service e post-vendita", "Come gestire un reclamo", "Ascolta senza interrompere, riassumi quello che hai capito e **apri sempre una pratica di tipo reclamo**, anche se il problema si risolve al telefono. Se il reclamo riguarda un venditore o un reparto, indicalo: lo vede il responsabile CX.", "reclamo, ascolto", "assistenza"),
        new("Reclami", "Customer service e post-vendita", "Tono delle risposte scritte", "Dai del *lei*, firma con nome e cognome, rispondi a tutte le domande nell'ordine in cui il cliente le ha fatte e chiudi dicendo cosa succede dopo e quando.", "scrittura, email, tono", "email"),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var departments = (await organization.DepartmentsAsync(ct)).ToDictionary(d => d.Name, d => d.Id);
        var author = (await organization.MembersAsync(ct)).FirstOrDefault(m => m.Role == Cerchio.Tenancy.Role.CxLead)?.Name ?? "Cerchio";
        var now = clock.GetUtcNow();
        var today = Cerchio.Text.Times.DayInItaly(now);
        for (var i = 0; i < Articles.Length; i++)
        {
            var seed = Articles[i];
            var group = Ids.New();
            var written = now.AddDays(-200 + (i * 7));
            // The bonus-mobili rules change with every budget law: that one is past its review date.
            var review = seed.Title.StartsWith("Bonus", StringComparison.Ordinal) ? today.AddDays(-12) : today.AddMonths(6 + (i % 6));
            Add(group, "it", seed.Title, seed.Body, seed, departments, review, written, author);
            if (seed.EnglishTitle is { } title)
            {
                Add(group, "en", title, seed.EnglishBody!, seed, departments, review, written.AddDays(2), author);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private void Add(Guid group, string language, string title, string body, Seed seed, Dictionary<string, Guid> departments, DateOnly review, DateTimeOffset at, string author)
    {
        var article = new Article
        {
            Id = Ids.New(), GroupId = group, Language = language, Title = title, Body = body, Category = seed.Category, Tags = seed.Tags,
            Touchpoints = seed.Touchpoints.Replace(" ", "", StringComparison.Ordinal), OwnerDepartmentId = departments.GetValueOrDefault(seed.Owner) is var owner && owner != Guid.Empty ? owner : null,
            ReviewBy = review, Status = ArticleStatus.Published, IsPublic = seed.Public, Version = 1, CreatedAt = at, CreatedBy = author, UpdatedAt = at, UpdatedBy = author,
        };
        db.Add(article);
        db.Add(new ArticleVersion { Id = Ids.New(), ArticleId = article.Id, Version = 1, Title = title, Body = body, Status = article.Status, SavedBy = author, SavedAt = at });
    }
}
