using Cerchio.Text;

namespace Cerchio.Service.Features.Announcements;

/// <summary>The English of the announcements' pages, emails and messages (some words are the desk's too: the last one wins, alike).</summary>
internal sealed class AnnouncementTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        // Frame
        ["Comunicazioni"] = "Communications",
        ["Annunci"] = "Announcements",
        ["Annunci da leggere"] = "Announcements to read",
        ["Da confermare prima del lancio:"] = "To acknowledge before the launch:",
        ["Da leggere:"] = "To read:",
        ["lancio"] = "launch",
        ["e altri {0}"] = "and {0} more",
        ["Annuncio"] = "Announcement",
        ["Promemoria"] = "Reminder",
        ["Discussione"] = "Discussion",

        // Kinds and states
        ["Nuovo prodotto"] = "New product",
        ["Promozione"] = "Promotion",
        ["Cambio di prezzo"] = "Price change",
        ["Cambio di processo"] = "Process change",
        ["Disservizio"] = "Incident",
        ["Bozza"] = "Draft",
        ["Pubblicato"] = "Published",
        ["Archiviato"] = "Archived",
        ["Da confermare"] = "To acknowledge",
        ["Da leggere"] = "To read",
        ["Confermato"] = "Acknowledged",
        ["Letto"] = "Read",

        // List
        ["Nuovo annuncio"] = "New announcement",
        ["Novità da sapere prima che i clienti chiedano: nuovi prodotti, promozioni, prezzi, processi. Quelli da leggere sono in cima."] =
            "What to know before customers ask: new products, promotions, prices, processes. Those to read come first.",
        ["Nessun annuncio. Scrivi il primo prima del prossimo lancio."] = "No announcements. Write the first one before the next launch.",
        ["Nessun annuncio per ora."] = "No announcements for now.",
        ["Tipo"] = "Type",
        ["Lancio"] = "Launch",
        ["Per te"] = "For you",
        ["Copertura"] = "Coverage",

        // Form
        ["Modifica «{0}»"] = "Edit “{0}”",
        ["Scrivi alla prima linea prima del lancio: la bozza si salva, poi la pubblichi dalla sua pagina. Il testo accetta Markdown (grassetto, elenchi, link)."] =
            "Write to the front line before the launch: the draft is saved, then you publish it from its page. The text takes Markdown (bold, lists, links).",
        ["Titolo"] = "Title",
        ["Testo"] = "Text",
        ["Data di lancio"] = "Launch date",
        ["Chiedi a ciascuno di confermare di averlo letto"] = "Ask everyone to acknowledge they read it",
        ["Pubblico: reparti"] = "Audience: departments",
        ["Pubblico: ruoli"] = "Audience: roles",
        ["Touchpoint coinvolti"] = "Touchpoints concerned",
        ["Prodotti"] = "Products",
        ["Salva la bozza"] = "Save the draft",
        ["Scegli il tipo di annuncio."] = "Choose the kind of announcement.",
        ["Il titolo è obbligatorio, al massimo {0} caratteri."] = "The title is required, at most {0} characters.",
        ["Il testo è obbligatorio, al massimo {0} caratteri."] = "The text is required, at most {0} characters.",
        ["Indica la data di lancio (gg/mm/aaaa)."] = "Give the launch date (dd/mm/yyyy).",
        ["Scegli almeno un reparto o un ruolo: senza pubblico nessuno riceverebbe l'annuncio."] = "Choose at least one department or role: without an audience nobody would receive the announcement.",
        ["Scegli reparti della tua organizzazione."] = "Choose departments of your organization.",
        ["Ruolo sconosciuto."] = "Unknown role.",
        ["Touchpoint sconosciuti: {0}."] = "Unknown touchpoints: {0}.",
        ["Al massimo {0} caratteri."] = "At most {0} characters.",
        ["L'annuncio è già pubblicato: chi lo ha ricevuto ha letto questo testo. Scrivi un nuovo annuncio per le novità."] =
            "The announcement is already published: its audience read this text. Write a new announcement for what changed.",

        // Page
        ["Lancio:"] = "Launch:",
        ["Di {0}"] = "By {0}",
        ["Modifica"] = "Edit",
        ["Il lancio è già passato: chi lo riceve ora non è stato informato prima. La copertura conterà chi conferma dopo la pubblicazione."] =
            "The launch has already passed: whoever receives it now was not informed first. Coverage will count those who acknowledge after publication.",
        ["Pubblicato dopo il lancio: il team non è stato informato prima."] = "Published after the launch: the team was not informed first.",
        ["Hai confermato di averlo letto"] = "You acknowledged reading it",
        ["Ti chiediamo di confermare di averlo letto e capito prima del lancio."] = "Please acknowledge you have read and understood it before the launch.",
        ["Ho letto e capito"] = "I have read and understood",
        ["Pubblica a {0} persone"] = "Publish to {0} people",
        ["Pubblica a 1 persona"] = "Publish to 1 person",
        ["Lo riceverà 1 persona:"] = "1 person will receive it:",
        ["Archivia «{0}»"] = "Archive “{0}”",
        ["Domande frequenti"] = "Frequent questions",
        ["In attesa di risposta."] = "Awaiting an answer.",
        ["Domande e proposte"] = "Questions and proposals",
        ["Nessuna domanda o proposta. Chi è in prima linea sa cosa chiederanno i clienti: scrivilo qui."] =
            "No questions or proposals. The front line knows what customers will ask: write it here.",
        ["Domanda"] = "Question",
        ["Proposta"] = "Proposal",
        ["Accolta"] = "Accepted",
        ["Non accolta"] = "Declined",
        ["Tra le domande frequenti"] = "Among the frequent questions",
        ["Rispondi"] = "Answer",
        ["a {0}"] = "to {0}",
        ["Risposta o motivo"] = "Answer or reason",
        ["Risposta"] = "Answer",
        ["Accogli"] = "Accept",
        ["Non accogliere"] = "Decline",
        ["Togli dalle domande frequenti"] = "Remove from the frequent questions",
        ["Metti tra le domande frequenti"] = "Add to the frequent questions",
        ["Che cosa scrivi"] = "What you are writing",
        ["Una domanda"] = "A question",
        ["Una proposta"] = "A proposal",
        ["Il tuo messaggio"] = "Your message",
        ["Invia"] = "Send",
        ["L'annuncio è archiviato: la discussione è chiusa."] = "The announcement is archived: the discussion is closed.",
        ["Chi è informato"] = "Who is informed",
        ["Lo riceveranno {0} persone:"] = "{0} people will receive it:",
        ["{0} su {1} informati prima del lancio · {2} letto · {3} confermato"] = "{0} of {1} informed before the launch · {2} read · {3} acknowledged",
        ["Persona"] = "Person",
        ["Grazie: hai confermato di averlo letto."] = "Thank you: you acknowledged reading it.",
        ["Annuncio pubblicato: il pubblico lo vede in Cerchio e lo riceve per email."] = "Announcement published: its audience sees it in Cerchio and receives it by email.",
        ["Annuncio archiviato."] = "Announcement archived.",
        ["Messaggio inviato: chi ha scritto l'annuncio ti risponderà qui."] = "Message sent: whoever wrote the announcement will answer you here.",
        ["Risposta salvata."] = "Answer saved.",

        // Rules
        ["L'annuncio è già pubblicato."] = "The announcement is already published.",
        ["L'annuncio è già archiviato."] = "The announcement is already archived.",
        ["Nessuna persona nei reparti e nei ruoli scelti: aggiungi persone o cambia il pubblico."] = "Nobody is in the chosen departments and roles: add people or change the audience.",
        ["Questa persona non è tra i destinatari dell'annuncio."] = "This person is not in the announcement's audience.",
        ["L'annuncio è archiviato: non si conferma più."] = "The announcement is archived: it can no longer be acknowledged.",
        ["Scegli se è una domanda o una proposta."] = "Choose whether it is a question or a proposal.",
        ["Scrivi la domanda o la proposta (al massimo {0} caratteri)."] = "Write the question or the proposal (at most {0} characters).",
        ["L'annuncio non è ancora pubblicato."] = "The announcement is not published yet.",
        ["Messaggio non trovato in questo annuncio."] = "Message not found in this announcement.",
        ["Scegli se accogliere o respingere la proposta."] = "Choose whether to accept or decline the proposal.",
        ["Scrivi la risposta (al massimo {0} caratteri)."] = "Write the answer (at most {0} characters).",
        ["Solo una proposta si accoglie o si respinge."] = "Only a proposal is accepted or declined.",
        ["Scrivi perché la proposta non è accolta."] = "Write why the proposal is declined.",

        // Notifications and emails
        ["Nuovo annuncio: {0}"] = "New announcement: {0}",
        ["Da confermare prima del lancio: {0}"] = "To acknowledge before the launch: {0}",
        ["{0} chiede su «{1}»"] = "{0} asks about “{1}”",
        ["{0} propone su «{1}»"] = "{0} proposes on “{1}”",
        ["{0} ha risposto su «{1}»"] = "{0} answered on “{1}”",
        ["Promemoria: conferma di aver letto «{0}» prima del {1}"] = "Reminder: acknowledge reading “{0}” before {1}",
        ["{0}: {1} (dal {2})"] = "{0}: {1} (from {2})",
        ["Conferma di averlo letto dalla pagina dell'annuncio."] = "Acknowledge reading it on the announcement's page.",
        ["Leggilo in Cerchio, dove puoi fare domande e proposte: {0}"] = "Read it in Cerchio, where you can ask questions and make proposals: {0}",
    };
}
