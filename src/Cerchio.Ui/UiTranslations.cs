using Cerchio.Text;

namespace Cerchio.Ui;

public sealed class UiTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["Pagine"] = "Pages",
        ["Precedente"] = "Previous",
        ["Successiva"] = "Next",
        ["Pagina {0} di {1}"] = "Page {0} of {1}",
        ["Non trovato"] = "Not found",
        ["Questa pagina non esiste, oppure non è visibile nella tua organizzazione."] = "This page does not exist, or is not visible in your organization.",
        ["Torna alla home"] = "Back to the home page",
        ["Il dato è cambiato nel frattempo."] = "The data changed in the meantime.",

        // Reading an uploaded spreadsheet (Import/SheetReader)
        ["Il file ha troppe colonne: al massimo 200."] = "The file has too many columns: at most 200.",
        ["Il file ha troppe righe: al massimo 100.000. Dividilo in più file."] = "The file has too many rows: at most 100,000. Split it into several files.",
        ["Il file Excel contiene troppi dati: dividilo in più file o salvalo come CSV."] = "The Excel file holds too much data: split it into several files or save it as CSV.",
        ["Il file richiede troppo tempo per essere letto: dividilo in più file o salvalo come CSV."] = "The file takes too long to read: split it into several files or save it as CSV.",
        ["L'intestazione del file contiene caratteri di controllo o testo Unicode non valido."] = "The file's header row contains control characters or invalid Unicode text.",
        ["Scegli un file da importare."] = "Choose a file to import.",
        ["Il file è vuoto."] = "The file is empty.",
        ["Il file supera i 10 MB."] = "The file is larger than 10 MB.",
        ["Il file non è un CSV o un foglio Excel (.xlsx)."] = "The file is not a CSV file or an Excel workbook (.xlsx).",
        ["I file .xls (Excel 97-2003) non sono supportati: salvalo come .xlsx o come CSV."] = ".xls files (Excel 97-2003) are not supported: save it as .xlsx or CSV.",
        ["Il file Excel è danneggiato o non si può leggere."] = "The Excel file is damaged or cannot be read.",
        ["Il file non ha una riga di intestazione."] = "The file has no header row.",
        ["Il file non contiene righe di dati."] = "The file has no data rows.",
    };
}
