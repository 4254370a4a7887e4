using Cerchio.Text;

namespace Cerchio.Feedback;

/// <summary>The English of the surveys' pages and messages.</summary>
internal sealed class FeedbackTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        // The frame
        ["Ascolto"] = "Listening",
        ["Sondaggi"] = "Surveys",
        ["Risposte"] = "Answers",

        // Channels and states
        ["Link pubblico"] = "Public link",
        ["QR code"] = "QR code",
        ["Stand in fiera"] = "Trade-fair stand",
        ["Sito web"] = "Website",
        ["API"] = "API",
        ["Link"] = "Link",
        ["Chiuso"] = "Closed",
        ["NPS"] = "NPS",
        ["CSAT"] = "CSAT",
        ["CES"] = "CES",

        // The list and the survey page
        ["Nuovo sondaggio"] = "New survey",
        ["Ascolta i clienti dopo le interazioni reali: NPS, CSAT e CES legati al cliente, alla pratica e al touchpoint."] =
            "Listen to customers after real interactions: NPS, CSAT and CES tied to the customer, the case and the touchpoint.",
        ["Nessun sondaggio ancora. Crea il primo: parte con le domande già scritte, in italiano e in inglese."] =
            "No surveys yet. Create the first one: it starts with its questions already written, in Italian and English.",
        ["Risposte (30 giorni)"] = "Answers (30 days)",
        ["Punteggio"] = "Score",
        ["Sondaggio"] = "Survey",
        ["Commento"] = "Comment",
        ["parziale"] = "partial",
        ["Dal {0} al {1}"] = "From {0} to {1}",
        ["Nessuna risposta in questo periodo."] = "No answers in this period.",
        ["Nessuna risposta in questo periodo. Le risposte arrivano dai link dei sondaggi: pubblica un sondaggio e condividine il link."] =
            "No answers in this period. Answers come through the surveys' links: publish a survey and share its link.",
        ["Pubblica"] = "Publish",
        ["Pubblica le modifiche"] = "Publish the changes",
        ["Riapri"] = "Reopen",
        ["Chiudi il sondaggio"] = "Close the survey",
        ["versione {0}"] = "version {0}",
        ["modifiche non ancora pubblicate"] = "changes not published yet",
        ["Risultati"] = "Results",
        ["{0} risposte"] = "{0} answers",
        ["margine al 95%"] = "95% margin",
        ["Poche risposte: il numero è ancora incerto."] = "Few answers: the number is still uncertain.",
        ["Promotori {0}% · detrattori {1}%"] = "Promoters {0}% · detractors {1}%",
        ["{0}% tra 5 e 7"] = "{0}% between 5 and 7",
        ["Distribuzione dei punteggi"] = "Distribution of scores",
        ["Quota"] = "Share",
        ["Da dove arrivano"] = "Where they come from",
        ["Tasso di risposta agli inviti: {0}% ({1} su {2})"] = "Invitation response rate: {0}% ({1} of {2})",
        ["Ultimi commenti"] = "Latest comments",
        ["Raccogli le risposte"] = "Collect answers",
        ["I link funzionano quando il sondaggio è pubblicato."] = "The links work once the survey is published.",
        ["Il link pubblico, per il sito o per chi non ha un invito. Con un'etichetta di canale le risposte dicono da dove arrivano:"] =
            "The public link, for the website or for people without an invitation. With a channel tag, answers tell where they came from:",
        ["Scarica il QR code"] = "Download the QR code",
        ["Anteprima:"] = "Preview:",
        ["italiano"] = "Italian",
        ["inglese"] = "English",
        ["Gli inviti personali (uno per cliente, legati alla pratica e al touchpoint) si creano dall'API: POST /api/v1/surveys/{id}/invitations."] =
            "Personal invitations (one per customer, tied to the case and the touchpoint) are made through the API: POST /api/v1/surveys/{id}/invitations.",
        ["Date non valide: mostro gli ultimi 90 giorni."] = "Invalid dates: showing the last 90 days.",

        // The form
        ["Chi risponde continua a vedere la versione pubblicata finché non pubblichi queste modifiche: le risposte di versioni diverse restano separate."] =
            "Respondents keep seeing the published version until you publish these changes: answers to different versions stay apart.",
        ["Tipo di punteggio"] = "Kind of score",
        ["Usa i testi di questo tipo"] = "Use this kind's texts",
        ["NPS: quanto ci consiglieresti (0–10)"] = "NPS: how likely to recommend us (0–10)",
        ["CSAT: quanto sei soddisfatto (1–5)"] = "CSAT: how satisfied (1–5)",
        ["CES: quanto è stato facile (1–7)"] = "CES: how easy it was (1–7)",
        ["Quello dell'invito (nessuno per il link pubblico)"] = "The invitation's (none for the public link)",
        ["Le risposte contano per questo touchpoint sulla mappa, quando l'invito non ne indica un altro."] =
            "Answers count for this touchpoint on the map, when the invitation names no other.",
        ["Nome mostrato ai clienti"] = "Name shown to customers",
        ["{azienda} diventa il nome mostrato ai clienti."] = "{azienda} becomes the name shown to customers.",
        ["Etichetta del punteggio più basso"] = "Label of the lowest score",
        ["Etichetta del punteggio più alto"] = "Label of the highest score",
        ["Domanda dopo un punteggio basso"] = "Question after a low score",
        ["Domanda dopo un punteggio alto"] = "Question after a high score",
        ["Ringraziamento"] = "Thank-you",
        ["Punteggio basso fino a"] = "Low score up to",
        ["Fino a questo punteggio si chiede cosa migliorare; oltre, cosa è piaciuto."] = "Up to this score the page asks what to improve; above it, what they liked.",

        // Validation
        ["Il sondaggio non esiste più."] = "The survey no longer exists.",
        ["Scegli NPS, CSAT o CES."] = "Choose NPS, CSAT or CES.",
        ["Il tipo di punteggio non cambia dopo la pubblicazione: le risposte non sarebbero più confrontabili. Crea un nuovo sondaggio."] =
            "The kind of score cannot change after publication: the answers would no longer compare. Create a new survey.",
        ["Scegli un touchpoint del catalogo."] = "Choose a touchpoint of the catalog.",
        ["Scrivi il colore come #rrggbb, per esempio #0b5cad."] = "Write the colour as #rrggbb, for example #0b5cad.",
        ["Scegli un punteggio tra {0} e {1}."] = "Choose a score between {0} and {1}.",
        ["Il sondaggio non è pubblicato o è chiuso: pubblicalo prima di invitare qualcuno."] = "The survey is not published or is closed: publish it before inviting anyone.",
        ["Il cliente non esiste."] = "The customer does not exist.",
        ["Il canale è «email» oppure «api»."] = "The channel is “email” or “api”.",
        ["L'indirizzo email non è valido."] = "The email address is not valid.",
        ["Serve un indirizzo email: il cliente non ne ha uno. Scegli il canale «api» per avere solo il link."] =
            "An email address is needed: the customer has none. Choose the “api” channel to get the link only.",
        ["La lingua è «it» oppure «en»."] = "The language is “it” or “en”.",
        ["Touchpoint sconosciuto: usa un codice del catalogo."] = "Unknown touchpoint: use a code of the catalog.",
        ["Da 1 a {0} giorni."] = "From 1 to {0} days.",
        ["Il periodo va da una data a una successiva, per al massimo {0} giorni."] = "The period goes from one date to a later one, for at most {0} days.",

        // The response page (the customer's side)
        ["Il tuo parere"] = "Your opinion",
        ["Anteprima: le risposte date qui non vengono registrate."] = "Preview: answers given here are not recorded.",
        ["Hai già risposto il {0}: puoi cambiare la tua risposta fino al {1}."] = "You answered on {0}: you can change your answer until {1}.",
        ["Scegli un punteggio da {0} a {1}."] = "Choose a score from {0} to {1}.",
        ["Il commento è troppo lungo ({0} caratteri): al massimo {1}. Accorcialo e invia di nuovo."] = "The comment is too long ({0} characters): at most {1}. Shorten it and send it again.",
        ["Invia la tua risposta"] = "Send your answer",
        ["La tua risposta: {0} su {1}."] = "Your answer: {0} out of {1}.",
        ["Vuoi cambiare qualcosa? Modifica la risposta"] = "Want to change something? Edit your answer",
        ["Hai già risposto a questo sondaggio. Grazie!"] = "You have already answered this survey. Thank you!",
        ["Questo sondaggio è chiuso e non raccoglie più risposte. Grazie comunque!"] = "This survey is closed and no longer takes answers. Thank you all the same!",
        ["Questo invito è scaduto. Grazie comunque!"] = "This invitation has expired. Thank you all the same!",
        ["Questo sondaggio non è ancora aperto."] = "This survey is not open yet.",
        ["Questo link non corrisponde a nessun sondaggio: controlla di averlo copiato per intero."] = "This link matches no survey: check that you copied all of it.",
        ["Fatto: {0} non ti manderà più sondaggi."] = "Done: {0} will send you no more surveys.",
        ["Mi sono sbagliato: voglio ricevere i sondaggi"] = "My mistake: I want to receive surveys",
        ["Fatto: riceverai di nuovo i sondaggi. Grazie!"] = "Done: you will receive surveys again. Thank you!",

        // The invitation email
        ["{0}: com'è andata? Ci basta un clic"] = "{0}: how did it go? One click is enough",
        ["Buongiorno,"] = "Hello,",
        ["Gentile {0},"] = "Dear {0},",
        ["abbiamo chiuso la tua richiesta n. {0} e vorremmo sapere com'è andata."] = "we have closed your request no. {0} and would like to know how it went.",
        ["vorremmo sapere com'è andata."] = "we would like to know how it went.",
        ["Basta un clic sul punteggio: poi, se vuoi, ci dici perché."] = "One click on the score is enough: then, if you like, tell us why.",
        ["Non vuoi più ricevere sondaggi? Un clic qui:"] = "No more surveys? One click here:",
        ["Non voglio più ricevere sondaggi"] = "I want no more surveys",

        // Triggers and invitations
        ["Invio automatico"] = "Automatic sending",
        ["Il sondaggio parte da solo quando una pratica viene risolta, verso chi l'ha aperta: nessuno riceve più di un invito ogni {0} giorni, nessuno con un reclamo aperto, nessuno che ha chiesto di non riceverne."] =
            "The survey goes out by itself when a case is resolved, to the person who opened it: nobody gets more than one invitation every {0} days, nobody with an open complaint, nobody who asked not to.",
        ["Invia dopo ogni pratica risolta"] = "Send after every resolved case",
        ["Tipo di pratica"] = "Case type",
        ["Tutti"] = "All",
        ["Dopo quante ore"] = "After how many hours",
        ["Salva l'invio automatico"] = "Save automatic sending",
        ["Ultimi inviti"] = "Latest invitations",
        ["A chi"] = "To whom",
        ["Pratica"] = "Case",
        ["Inviato"] = "Sent",
        ["Programmato per il {0}"] = "Scheduled for {0}",
        ["Non inviato: {0}"] = "Not sent: {0}",
        ["Ha chiesto di non ricevere sondaggi"] = "Asked for no surveys",
        ["Già invitato di recente"] = "Invited recently",
        ["Ha un reclamo aperto"] = "Has an open complaint",
        ["Nessun indirizzo email"] = "No email address",
        ["Sondaggio chiuso"] = "Survey closed",
        ["Tipo di pratica sconosciuto."] = "Unknown case type.",
        ["Canale sconosciuto."] = "Unknown channel.",
        ["Da 0 a {0} ore."] = "From 0 to {0} hours.",
        ["Da 0 (nessun limite) a 365 giorni."] = "From 0 (no limit) to 365 days.",

        // Trends
        ["Di cosa parlano i commenti ({0} temi)"] = "What the comments are about ({0} topics)",
        ["Di cosa parlano i commenti"] = "What the comments are about",
        ["Grafico: {0} per periodo con il margine al 95%; i dati sono nella tabella che segue."] = "Chart: {0} per period with its 95% margin; the data is in the table that follows.",
        ["Margine al 95%"] = "95% margin",
        ["Nessun commento con un tema in questo periodo."] = "No comment with a topic in this period.",
        ["Commenti analizzati: {0}. Tendenza: l'ultimo mese rispetto ai precedenti, al 95%."] = "Comments analysed: {0}. Trend: the last month against the earlier ones, at 95%.",
        ["Commenti analizzati: {0}. Tendenza: l'ultima settimana rispetto alle precedenti, al 95%."] = "Comments analysed: {0}. Trend: the last week against the earlier ones, at 95%.",
        ["Commenti"] = "Comments",
        ["Negativi"] = "Negative",
        ["Quota per mese"] = "Share by month",
        ["Quota per settimana"] = "Share by week",
        ["Tendenza"] = "Trend",
        ["Quota dei commenti per mese, in %: {0}"] = "Share of comments by month, in %: {0}",
        ["Quota dei commenti per settimana, in %: {0}"] = "Share of comments by week, in %: {0}",
        ["in aumento"] = "rising",
        ["in calo"] = "falling",
        ["stabile"] = "steady",
        ["per settimana"] = "by week",
        ["per mese"] = "by month",
        ["L'intervallo è week o month."] = "The interval is week or month.",
    };
}
