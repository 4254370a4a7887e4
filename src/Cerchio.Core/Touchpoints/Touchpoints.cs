namespace Cerchio.Touchpoints;

/// <summary>A moment where the customer meets the company (the invoice, the delivery, the switchboard).</summary>
/// <param name="OwnerDepartmentId">The department that answers for it (its loops go there); null when nobody does yet.</param>
/// <param name="PainPoints">What goes wrong here, one per line, as the catalog records it (a loop's root cause may name one).</param>
public sealed record TouchpointInfo(string Code, string Name, bool Online, Guid? OwnerDepartmentId = null, string? PainPoints = null);

/// <summary>
/// The organization's touchpoints, by stable code. Cases, events and (later) survey answers name a touchpoint by
/// its code; they ask here whether it exists. Until the journeys module brings the editable catalog, the
/// provisional list below answers, the same for every organization.
/// </summary>
public interface ITouchpointCatalog
{
    Task<IReadOnlyList<TouchpointInfo>> ListAsync(CancellationToken ct = default);

    Task<TouchpointInfo?> FindAsync(string code, CancellationToken ct = default);
}

/// <summary>The seventeen default touchpoints of PRODUCT.md, with the codes the events API and the demo data use.</summary>
public sealed class ProvisionalTouchpoints : ITouchpointCatalog
{
    public static readonly IReadOnlyList<TouchpointInfo> Defaults =
    [
        new("commerciale", "Venditore", false),
        new("centralino", "Centralino", false),
        new("fiera", "Stand in fiera", false),
        new("catalogo", "Catalogo", false),
        new("facebook", "Post su Facebook", true),
        new("newsletter", "Newsletter", true),
        new("etichetta", "Etichetta del prodotto", false),
        new("email", "Email", true),
        new("youtube", "Video su YouTube", true),
        new("preventivo", "Preventivo", false),
        new("sito", "Sito web", true),
        new("fattura", "Fattura", false),
        new("linkedin", "Post su LinkedIn", true),
        new("manuale", "Manuale di istruzioni", false),
        new("punto-vendita", "Punto vendita", false),
        new("assistenza", "Servizio clienti", false),
        new("consegna", "Consegna", false),
    ];

    private static readonly Dictionary<string, TouchpointInfo> ByCode = Defaults.ToDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);

    public Task<IReadOnlyList<TouchpointInfo>> ListAsync(CancellationToken ct = default) => Task.FromResult(Defaults);

    public Task<TouchpointInfo?> FindAsync(string code, CancellationToken ct = default) =>
        Task.FromResult(ByCode.GetValueOrDefault(code.Trim()));
}

/// <summary>A list of touchpoint codes as a form or the API sends it, checked against the catalog.</summary>
public static class TouchpointList
{
    /// <summary>The catalog's own spelling of each known code (each once, in the order given), and the codes it does not know.</summary>
    public static (List<string> Known, List<string> Unknown) Resolve(IEnumerable<string> codes, IReadOnlyCollection<TouchpointInfo> catalog)
    {
        var byCode = catalog.ToDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);
        var known = new List<string>();
        var unknown = new List<string>();
        foreach (var code in codes)
        {
            if (byCode.TryGetValue(code.Trim(), out var touchpoint))
            {
                if (!known.Contains(touchpoint.Code))
                {
                    known.Add(touchpoint.Code);
                }
            }
            else
            {
                unknown.Add(code);
            }
        }

        return (known, unknown);
    }
}
