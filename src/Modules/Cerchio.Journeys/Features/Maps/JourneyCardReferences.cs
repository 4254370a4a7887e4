using Cerchio.Touchpoints;

namespace Cerchio.Journeys.Features.Maps;

/// <summary>The journey maps' cards that show a touchpoint; archiving it keeps them, marked archived on the map.</summary>
internal sealed class JourneyCardReferences(JourneyBook book) : ITouchpointReferences
{
    public const string Cards = "cards";

    public async Task<IReadOnlyList<TouchpointReference>> CountAsync(string code, CancellationToken ct = default)
    {
        var (cards, journeys) = await book.UsesOfAsync(code, ct);
        var text = cards == 1 ? "{0} carta in {1} mappa" : journeys == 1 ? "{0} carte in {1} mappa" : "{0} carte in {1} mappe";
        return [new TouchpointReference(Cards, 30, cards, text, cards, journeys)];
    }
}
