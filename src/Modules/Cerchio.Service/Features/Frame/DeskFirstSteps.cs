using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Tenancy;
using Cerchio.Ui.Frame;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Frame;

/// <summary>
/// The desk's first steps, ticked from what the organization has: a mailbox, its own hours (the settings saved once),
/// and the contact form in use (a case came from it: the form's address is set and published, which is the point).
/// </summary>
internal sealed class DeskFirstSteps(CerchioDb db, OrganizationContext tenant) : IFirstSteps
{
    public async Task<IReadOnlyList<FirstStep>> StepsAsync(CancellationToken ct = default)
    {
        if (!tenant.Can(Permissions.ManageServiceDesk))
        {
            return [];
        }

        return
        [
            new("mailbox", 10, "Collega la casella email dell'assistenza", "/assistenza/caselle/nuova", await db.Set<Mailbox>().AnyAsync(ct)),
            new("desk-hours", 30, "Imposta gli orari e i tempi di risposta dell'assistenza", "/assistenza/impostazioni", await db.Set<DeskSettings>().AnyAsync(ct)),
            new("contact-form", 40, "Scegli l'indirizzo del modulo contatti e mettilo sul sito", "/assistenza/modulo-contatti",
                await db.Set<Case>().AnyAsync(c => c.Channel == CaseChannel.WebForm, ct)),
        ];
    }
}
