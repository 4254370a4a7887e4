using Cerchio.Tenancy;
using Cerchio.Text;

namespace Cerchio.Organizations.Features;

internal sealed class OrganizationsTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>(RoleNames.English)
    {
        ["Accedi"] = "Sign in",
        ["Accedi a Cerchio"] = "Sign in to Cerchio",
        ["Email"] = "Email",
        ["Password"] = "Password",
        ["Email o password non corretti."] = "Wrong email or password.",
        ["Troppi tentativi non riusciti: l'accesso è bloccato per qualche minuto."] = "Too many failed attempts: sign-in is locked for a few minutes.",
        ["Il nome è obbligatorio."] = "The name is required.",
        ["Il nome può avere al massimo 200 caratteri."] = "The name can be at most 200 characters.",
        ["Il nome può avere al massimo 100 caratteri."] = "The name can be at most 100 characters.",
        ["La partita IVA non è valida (11 cifre)."] = "The VAT number is not valid (11 digits).",
        ["Lingua non supportata."] = "Unsupported language.",
        ["Esiste già un reparto con questo nome."] = "A department with this name already exists.",
        ["Questa persona fa già parte dell'organizzazione."] = "This person is already a member of the organization.",
    };
}
