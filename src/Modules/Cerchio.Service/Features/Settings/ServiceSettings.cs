using Cerchio.Service.Domain;

namespace Cerchio.Service.Features.Settings;

/// <summary>
/// The organization's business calendar and SLA policy. Every organization has the Italian defaults until the
/// settings page stores its own (the calendar's patron saint and August closure, the targets per priority).
/// </summary>
internal sealed class ServiceSettings
{
    private static readonly BusinessCalendar DefaultCalendar = BusinessCalendar.ItalianDefault;
    private static readonly SlaPolicy DefaultPolicy = SlaPolicy.ItalianDefault;

    public Task<(BusinessCalendar Calendar, SlaPolicy Policy)> GetAsync(CancellationToken ct = default) =>
        Task.FromResult((DefaultCalendar, DefaultPolicy));
}
