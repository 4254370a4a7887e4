using Cerchio.Text;

namespace Cerchio.Feedback.Features.Import;

/// <summary>The English of importing past answers from a file.</summary>
internal sealed class ImportAnswersTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        // The page
        ["Importa risposte"] = "Import answers",
        ["Importa risposte in «{0}»"] = "Import answers into “{0}”",
        ["Carica le risposte raccolte fuori da Cerchio (per esempio sondaggi su carta): contano nei risultati, i commenti vengono analizzati e finiscono nella storia del cliente."] =
            "Upload answers collected outside Cerchio (paper surveys, for example): they count in the results, their comments are analysed and reach the customer's history.",
        ["File delle risposte"] = "Answers file",
        ["CSV (separatore ; o ,, UTF-8) oppure Excel .xlsx, al massimo 10 MB. Colonne: data e punteggio (da {0} a {1}) obbligatorie; commento, email, cliente, touchpoint, canale, lingua (it o en) facoltative. Date come 31/12/2025 o 2025-12-31."] =
            "CSV (; or , separated, UTF-8) or Excel .xlsx, at most 10 MB. Columns: data (date) and punteggio (score, {0} to {1}) required; commento (comment), email, cliente (customer), touchpoint, canale (channel), lingua (language: it or en) optional; English headers are accepted too. Dates like 31/12/2025 or 2025-12-31.",
        ["Anteprima di «{0}»"] = "Preview of “{0}”",
        ["{0} righe: {1} da importare, {2} già importate, {3} con errori."] = "{0} rows: {1} to import, {2} already imported, {3} with errors.",
        ["{0} legate a un cliente."] = "{0} tied to a customer.",
        ["Le prime {0} righe valide"] = "The first {0} valid rows",
        ["Data"] = "Date",
        ["Punteggio"] = "Score",
        ["Commento"] = "Comment",
        ["Canale"] = "Channel",
        ["Lingua"] = "Language",
        ["Colonna"] = "Column",
        ["Problema"] = "Problem",
        ["Importa {0} risposte"] = "Import {0} answers",
        ["Le righe con errori non vengono importate: correggile e carica di nuovo il file, le risposte già importate saranno saltate."] =
            "Rows with errors are not imported: fix them and upload the file again; the answers already imported will be skipped.",
        ["Nessuna risposta nuova da importare."] = "No new answers to import.",
        ["Importazione completata"] = "Import completed",
        ["{0} risposte importate."] = "{0} answers imported.",
        ["{0} già importate in precedenza: saltate."] = "{0} already imported before: skipped.",
        ["{0} righe rifiutate."] = "{0} rows refused.",
        ["Torna al sondaggio"] = "Back to the survey",
        ["Righe con errori, non importate: {0} problemi"] = "Rows with errors, not imported: {0} problems",
        ["E altri {0} problemi: correggi questi e carica di nuovo il file."] = "And {0} more problems: fix these and upload the file again.",
        ["L'anteprima è scaduta o non è valida: carica di nuovo il file."] = "The preview has expired or is not valid: upload the file again.",
        ["Il file non si può importare."] = "The file cannot be imported.",
        ["Importato"] = "Imported",

        // The columns, as the errors name them
        ["data"] = "date",
        ["punteggio"] = "score",
        ["commento"] = "comment",
        ["email"] = "email",
        ["cliente"] = "customer",
        ["touchpoint"] = "touchpoint",
        ["canale"] = "channel",
        ["lingua"] = "language",

        // The file and its rows
        [AnswerImporter.NotPublished] = "The survey has never been published: publish it before importing answers.",
        [AnswerImporter.MissingColumns] = "Required columns are missing: {0}. The first row must hold the column names (data, punteggio, commento, email, cliente, touchpoint, canale, lingua — or date, score, comment, email, customer, touchpoint, channel, language).",
        [AnswerImporter.TooManyRows] = "The file has too many rows: at most 10,000 answers per import. Split it into several files.",
        ["Manca la data della risposta."] = "The answer's date is missing.",
        ["Data non valida («{0}»): scrivi gg/mm/aaaa, con l'ora se vuoi (gg/mm/aaaa hh:mm), oppure aaaa-mm-gg."] = "Invalid date (“{0}”): write dd/mm/yyyy, with the time if you like (dd/mm/yyyy hh:mm), or yyyy-mm-dd.",
        ["La data {0} è nel futuro."] = "The date {0} is in the future.",
        ["Manca il punteggio."] = "The score is missing.",
        ["Punteggio non valido («{0}»): un numero intero da {1} a {2}."] = "Invalid score (“{0}”): a whole number from {1} to {2}.",
        ["Il commento è troppo lungo ({0} caratteri): al massimo {1}."] = "The comment is too long ({0} characters): at most {1}.",
        ["Email non valida («{0}»)."] = "Invalid email (“{0}”).",
        ["Touchpoint sconosciuto: «{0}». Usa il codice di un touchpoint del catalogo."] = "Unknown touchpoint: “{0}”. Use the code of a touchpoint of the catalog.",
        ["Canale non valido («{0}»): lettere minuscole, cifre e trattini, al massimo {1}."] = "Invalid channel (“{0}”): lower-case letters, digits and hyphens, at most {1}.",
        ["Lingua non valida («{0}»): it o en."] = "Invalid language (“{0}”): it or en.",
    };
}
