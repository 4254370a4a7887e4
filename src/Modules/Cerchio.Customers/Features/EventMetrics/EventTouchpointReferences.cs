using Cerchio.Customers.Domain;
using Cerchio.Data;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Customers.Features.EventMetrics;

/// <summary>
/// The events other systems sent on a touchpoint, counted as <see cref="EventTouchpointMetrics"/> counts them: what
/// Cerchio records itself on the timeline (a case opened, a customer changed) is left out.
/// </summary>
internal sealed class EventTouchpointReferences(CerchioDb db) : ITouchpointReferences
{
    public async Task<IReadOnlyList<TouchpointReference>> CountAsync(string code, CancellationToken ct = default)
    {
        var external = EventTypes.External;
        var count = await db.Set<TimelineEvent>().CountAsync(e => e.TouchpointCode == code && external.Contains(e.Type), ct);
        return [new TouchpointReference(EventTouchpointMetrics.Events, 20, count, count == 1 ? "{0} evento" : "{0} eventi", count)];
    }
}
