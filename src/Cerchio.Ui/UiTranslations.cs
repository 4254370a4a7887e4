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
    };
}
