using Cerchio.Text;

namespace Cerchio.Feedback.Features.Widget;

/// <summary>The English of the website's survey button and of its snippet on the survey page.</summary>
internal sealed class WidgetTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        // The button and its dialog, on the organization's website
        ["Dacci il tuo parere"] = "Tell us what you think",
        ["Il tuo parere per {0}"] = "Your opinion for {0}",
        ["Sondaggio: rispondi qui"] = "Survey: answer here",

        // The snippet on the survey page
        ["Sul tuo sito"] = "On your website",
        ["Incolla questa riga nelle pagine del tuo sito, prima di </body>: in basso a destra comparirà il pulsante «Dacci il tuo parere», nel colore del sondaggio, che apre il sondaggio senza lasciare la pagina. Le risposte arrivano con il canale «Sito web». La lingua è quella della pagina (o dell'attributo data-lang=\"en\")."] =
            "Paste this line into your website's pages, before </body>: a \"Tell us what you think\" button in the survey's colour appears in the bottom-right corner and opens the survey without leaving the page. Answers arrive with the channel \"Website\". The language is the page's (or the data-lang=\"en\" attribute's).",
    };
}
