using Cerchio.Text;

namespace Cerchio.Service;

internal sealed class ServiceTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        // Business calendar settings
        ["Fuso orario sconosciuto: «{0}»."] = "Unknown time zone: “{0}”.",
        ["Indicare almeno una fascia oraria di apertura nella settimana."] = "Give at least one opening interval in the week.",
        ["Indicare la fascia oraria."] = "Give the opening interval.",
        ["Giorno della settimana non valido."] = "Invalid day of the week.",
        ["L'apertura deve precedere la chiusura ({0}–{1})."] = "Opening must come before closing ({0}–{1}).",
        ["Si sovrappone alla fascia {0}–{1} dello stesso giorno."] = "Overlaps the interval {0}–{1} on the same day.",
        ["Indicare la chiusura."] = "Give the closure.",
        ["La data di inizio non può essere successiva a quella di fine."] = "The start date cannot be after the end date.",
        ["Una chiusura annuale non può cadere il 29 febbraio."] = "A yearly closure cannot fall on 29 February.",
        ["Il nome è lungo al massimo {0} caratteri."] = "The name is at most {0} characters long.",
        ["Le chiusure annuali coprono tutto l'anno."] = "The yearly closures cover the whole year.",

        // SLA policy
        ["Indicare i tempi di prima risposta e di risoluzione."] = "Give the first-response and resolution times.",
        ["I tempi non possono essere negativi."] = "Times cannot be negative.",
        ["La prima risposta non può richiedere più tempo della risoluzione."] = "The first response cannot take longer than the resolution.",
        ["Priorità non valida."] = "Invalid priority.",
        ["Tipo di pratica non valido."] = "Invalid case type.",
        ["Indicare l'eccezione."] = "Give the override.",
        ["Eccezione ripetuta per lo stesso tipo e la stessa priorità."] = "Override repeated for the same type and priority.",
        // Cases: the API's validation and the rules of the case
        ["'subject' è obbligatorio."] = "'subject' is required.",
        ["'subject' può avere al massimo {0} caratteri."] = "'subject' can be at most {0} characters.",
        ["Touchpoint sconosciuto: '{0}'."] = "Unknown touchpoint: '{0}'.",
        ["'text' può avere al massimo {0} caratteri."] = "'text' can be at most {0} characters.",
        ["'text' è obbligatorio, al massimo {0} caratteri."] = "'text' is required, at most {0} characters.",
        ["'external_id' può avere al massimo {0} caratteri."] = "'external_id' can be at most {0} characters.",
        ["'customer' deve indicare external_id, email o vat_number."] = "'customer' must give external_id, email or vat_number.",
        ["Nessun cliente corrisponde a questo riferimento."] = "No customer matches this reference.",
        ["'{0}' è obbligatorio: uno tra {1}."] = "'{0}' is required: one of {1}.",
        ["'{0}' deve essere uno tra {1}."] = "'{0}' must be one of {1}.",
        ["Una pratica chiusa non cambia più stato."] = "A closed case does not change status any more.",
        ["La pratica attende un reparto: chiudi o annulla il passaggio prima."] = "The case is waiting on a department: complete or cancel the hand-off first.",
        ["Per far attendere un reparto, chiedi al reparto con un passaggio."] = "To wait on a department, ask the department with a hand-off.",
        ["Questo cambio di stato non è previsto."] = "This change of status is not allowed.",

        // Case names
        ["Nuova"] = "New",
        ["Aperta"] = "Open",
        ["In attesa del cliente"] = "Waiting on customer",
        ["In attesa di un reparto"] = "Waiting on a department",
        ["Risolta"] = "Resolved",
        ["Chiusa"] = "Closed",
        ["Richiesta"] = "Request",
        ["Reclamo"] = "Complaint",
        ["Assistenza tecnica"] = "Technical assistance",
        ["Opportunità commerciale"] = "Sales opportunity",
        ["Informazione"] = "Information",
        ["Bassa"] = "Low",
        ["Normale"] = "Normal",
        ["Alta"] = "High",
        ["Urgente"] = "Urgent",
        ["Telefono"] = "Phone",
        ["Modulo web"] = "Web form",
        ["Punto vendita"] = "Point of sale",
        ["Fiera"] = "Trade fair",
        ["Visita commerciale"] = "Sales visit",
    };
}
