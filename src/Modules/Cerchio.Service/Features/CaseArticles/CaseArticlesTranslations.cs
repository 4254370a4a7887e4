using Cerchio.Text;

namespace Cerchio.Service.Features.CaseArticles;

/// <summary>The English of the case page's article search and insertion.</summary>
internal sealed class CaseArticlesTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["Inserisci il testo"] = "Insert the text",
        ["Inserisci il link"] = "Insert the link",
        ["Inserito nella risposta."] = "Inserted into the reply.",
        [CaseArticles.NotPublic] = "This article is for internal use only, it is not on the help page: insert its text.",
    };
}
