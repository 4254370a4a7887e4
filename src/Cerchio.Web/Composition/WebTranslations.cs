using Cerchio.Text;

namespace Cerchio.Web.Composition;

internal sealed class WebTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["Vai al contenuto"] = "Skip to content",
        ["Menu"] = "Menu",
        ["Clienti"] = "Customers",
        ["Importa"] = "Import",
        ["Amministrazione"] = "Administration",
        ["Nuova organizzazione"] = "New organization",
        ["Profilo e lingua"] = "Profile and language",
        ["Esci"] = "Sign out",
        ["Benvenuto in Cerchio"] = "Welcome to Cerchio",
        ["Si è verificato un errore"] = "Something went wrong",
        ["L'errore è stato registrato. Riprova tra poco; se si ripete, indica all'amministratore questo codice:"] = "The error was logged. Try again shortly; if it happens again, give the administrator this code:",
        ["Accesso negato"] = "Access denied",
        ["Troppi tentativi da questo indirizzo: riprova tra un minuto."] = "Too many attempts from this address: try again in a minute.",
        ["Modulo non più valido"] = "This form is no longer valid",
        ["Non abbiamo salvato nulla: il modulo era scaduto, oppure nel frattempo hai cambiato organizzazione in un'altra scheda."] = "Nothing was saved: the form had expired, or meanwhile you switched organization in another tab.",
        ["Organizzazione attuale"] = "Current organization",
        ["Ricarica la pagina"] = "Reload the page",
        ["Il tuo ruolo in questa organizzazione non permette di aprire questa pagina."] = "Your role in this organization does not allow this page.",
        ["Torna alla home"] = "Back to the home page",
        ["Configura Cerchio"] = "Set up Cerchio",
        ["Crea l'organizzazione e il suo primo amministratore."] = "Create the organization and its first administrator.",
        ["Organizzazione"] = "Organization",
        ["Ragione sociale"] = "Company name",
        ["Partita IVA (facoltativa)"] = "VAT number (optional)",
        ["Lingua"] = "Language",
        ["Amministratore"] = "Administrator",
        ["Nome e cognome"] = "Full name",
        ["Email"] = "Email",
        ["Password"] = "Password",
        ["Almeno 10 caratteri, con maiuscole, minuscole e cifre."] = "At least 10 characters, with upper and lower case letters and digits.",
        ["Carica l'azienda demo"] = "Load the demo company",
        ["Crea l'organizzazione Rossi Arredamenti S.r.l. con reparti, persone, 300 clienti e un anno di eventi."] = "Create the organization Rossi Arredamenti S.r.l. with departments, people, 300 customers and a year of events.",
        ["Crea e accedi"] = "Create and sign in",
        ["Il nome e cognome è obbligatorio."] = "The full name is required.",
        ["L'indirizzo email non è valido."] = "The email address is not valid.",
        ["Crea organizzazione"] = "Create organization",
        ["Diventerai amministratore della nuova organizzazione."] = "You will be the administrator of the new organization.",
        ["Accessi demo"] = "Demo sign-ins",
        ["Tutte le persone demo hanno la password"] = "Every demo person has the password",
        ["Clienti attivi"] = "Active customers",
        ["Eventi negli ultimi 30 giorni"] = "Events in the last 30 days",
        ["Persone"] = "People",
        ["Cosa puoi fare"] = "What you can do",
        ["Cerca un cliente, apri la sua storia, importa un elenco da Excel."] = "Find a customer, open their history, import a list from Excel.",
    };
}
