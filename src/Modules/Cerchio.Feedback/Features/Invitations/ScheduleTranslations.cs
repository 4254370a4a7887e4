using Cerchio.Text;

namespace Cerchio.Feedback.Features.Invitations;

/// <summary>The English of a survey sent on a calendar to a segment of customers (a relationship survey).</summary>
internal sealed class ScheduleTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        // The survey's page
        ["Invio programmato"] = "Scheduled sending",
        ["Il sondaggio parte a date fisse verso tutte le persone di un gruppo di clienti: i clienti privati e ogni contatto delle aziende. È il sondaggio relazionale: l'NPS relazionale di un'azienda si calcola sulle risposte dei suoi contatti. Valgono le stesse regole degli altri invii, e chi non riceve l'invito ha il suo perché."] =
            "The survey goes out on set dates to everyone in a group of customers: private customers and every contact of each company. It is the relationship survey: a company's relationship NPS is worked out from its contacts' answers. The same rules as for every other sending apply, and whoever does not get the invitation has a reason recorded.",
        ["Prossimo invio"] = "Next sending",
        ["nessuno: l'invio programmato è spento"] = "none: scheduled sending is off",
        ["Ultimo invio"] = "Last sending",
        ["nessun invito: il sondaggio non era pubblicato"] = "nobody invited: the survey was not published",
        ["in corso: finora {0} invitati, {1} non invitati"] = "in progress: {0} invited so far, {1} not invited",
        ["{0} invitati, {1} non invitati"] = "{0} invited, {1} not invited",
        ["Invia a date fisse"] = "Send on set dates",
        ["Attributo dei clienti"] = "Customer attribute",
        ["Mostra i valori"] = "Show the values",
        ["Per esempio «segmento»: scrivi il nome dell'attributo, premi «Mostra i valori» e scegli il valore. Senza attributo il sondaggio va a tutti i clienti attivi."] =
            "For example “segmento”: type the attribute's name, press “Show the values” and pick the value. With no attribute the survey goes to every active customer.",
        ["A quali clienti"] = "Which customers",
        ["Tutti i clienti attivi"] = "Every active customer",
        ["Scegli il valore…"] = "Choose the value…",
        ["Ogni quanti mesi"] = "Every how many months",
        ["Primo invio"] = "First sending",
        ["Alle ore"] = "At",
        ["Giorni e ore nel fuso orario dell'organizzazione ({0})."] = "Days and hours in the organization's time zone ({0}).",
        ["Salva l'invio programmato"] = "Save the scheduled sending",

        // The form's and the API's errors
        ["Scegli l'attributo dei clienti, o togli il valore per inviare a tutti i clienti."] = "Choose the customer attribute, or remove the value to send to every customer.",
        ["Scegli il valore dell'attributo, o togli l'attributo per inviare a tutti i clienti."] = "Choose the attribute's value, or remove the attribute to send to every customer.",
        ["Nessun cliente attivo ha «{1}» come {0}: scegli uno dei valori presenti."] = "No active customer has “{1}” as {0}: choose one of the values they hold.",
        ["Ogni quanti mesi: da 1 a {0}."] = "Every how many months: from 1 to {0}.",
        ["L'ora va da 0 a 23."] = "The hour goes from 0 to 23.",
        ["Scrivi il giorno del primo invio (aaaa-mm-gg)."] = "Write the day of the first sending (yyyy-mm-dd).",
        ["Il primo invio non può essere nel passato."] = "The first sending cannot be in the past.",
        ["Quest'ora di oggi è già passata: scegli un'ora più avanti o un altro giorno."] = "That hour has already passed today: choose a later hour or another day.",

        // The relationship NPS on a customer's page
        ["ai sondaggi relazionali"] = "to relationship surveys",
        ["a tutti i sondaggi NPS"] = "to every NPS survey",
    };
}
