using Cerchio.Text;

namespace Cerchio.Customers;

internal sealed class CustomersTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["La ragione sociale è obbligatoria."] = "The company name is required.",
        ["Nome o cognome sono obbligatori."] = "First or last name is required.",
        ["Al massimo {0} caratteri."] = "At most {0} characters.",
        ["La partita IVA non è valida (11 cifre)."] = "The VAT number is not valid (11 digits).",
        ["L'indirizzo email non è valido."] = "The email address is not valid.",
        ["Il codice fiscale deve avere 16 caratteri (11 per le società)."] = "The tax code must have 16 characters (11 for companies).",
        ["La provincia è la sigla di due lettere."] = "The province is its two-letter code.",
        ["Il paese è il codice ISO di due lettere."] = "The country is its two-letter ISO code.",
        ["Al massimo 50 attributi personalizzati."] = "At most 50 custom attributes.",
        ["Ordine"] = "Order",
        ["Preventivo inviato"] = "Quote sent",
        ["Consegna"] = "Delivery",
        ["Fattura emessa"] = "Invoice issued",
        ["Visita"] = "Visit",
        ["Telefonata"] = "Call",
        ["Evento"] = "Event",
        ["Cliente creato"] = "Customer created",
        ["Scheda modificata"] = "Record changed",
        ["Duplicato unito"] = "Duplicate merged",
        ["Contatto aggiunto"] = "Contact added",
    };
}
