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
    };
}
