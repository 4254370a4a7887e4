using Cerchio.Service.Domain;
using Cerchio.Text;

namespace Cerchio.Service.Features.Desk;

internal enum SlaLevel
{
    /// <summary>No clock runs: the case is done or waits on the customer.</summary>
    None = 0,
    OnTrack = 1,
    Near = 2,
    Breached = 3,
}

/// <summary>
/// The SLA due time as agents read it: "scade tra 2 h", "scaduto da 35 min", and whether it is near or past.
/// </summary>
/// <remarks>Near breach is decided by <see cref="SlaWarning"/>: the policy's share (80 % by default) of the case's current target has run.</remarks>
internal static class SlaWording
{
    /// <summary>
    /// Breached once now is past the due instant (an answer at the due instant is on time, as in SlaClock); near once
    /// due at or before <paramref name="warnLimit"/>.
    /// </summary>
    public static SlaLevel Level(DateTimeOffset? due, DateTimeOffset now, DateTimeOffset warnLimit) =>
        due is not { } d ? SlaLevel.None
        : d < now ? SlaLevel.Breached
        : d <= warnLimit ? SlaLevel.Near
        : SlaLevel.OnTrack;

    public static string Text(DateTimeOffset due, DateTimeOffset now, Loc l) => Cerchio.Ui.DueText.Of(due, now, l);

    public static string Span(TimeSpan span, Loc l) => Cerchio.Ui.DueText.Span(span, l);
}
