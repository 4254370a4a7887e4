using Cerchio.Text;

namespace Cerchio.Service.Features.Attachments;

/// <summary>The English of the files of announcements and articles.</summary>
internal sealed class DocumentFileTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["Al massimo {0} file per annuncio o articolo."] = "At most {0} files per announcement or article.",
        ["«{0}» supera il limite di {1} MB per file."] = "“{0}” is over the limit of {1} MB per file.",
        ["«{0}» è vuoto."] = "“{0}” is empty.",
        ["«{0}» è un programma o uno script: per sicurezza non si allega. Allega un documento (PDF, immagine, foglio di calcolo) o comprimi in ZIP solo documenti."] =
            "“{0}” is a program or a script: for safety it cannot be attached. Attach a document (PDF, image, spreadsheet), or a ZIP of documents only.",
        ["Togli «{0}»"] = "Remove “{0}”",
        ["Aggiungi file"] = "Add files",
        ["Fino a {0} file, ciascuno al massimo di {1} MB. Programmi e script non si allegano."] = "Up to {0} files, each at most {1} MB. Programs and scripts cannot be attached.",
        ["Allegati, sulla pagina dell'annuncio: {0}"] = "Attachments, on the announcement's page: {0}",
    };
}
