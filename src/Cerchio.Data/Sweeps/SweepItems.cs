using Cerchio.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cerchio.Data.Sweeps;

/// <summary>
/// For passes that find their due records across organizations and then handle each in a scope of its own organization
/// (an announcement's reminder, a stale article's flag): one record's failure is logged and left for the next pass,
/// and never stops the others.
/// </summary>
public static class SweepItems
{
    /// <param name="actor">Who the audit log says acted ("promemoria annunci").</param>
    /// <param name="work">Handles one record in its organization's scope; false when there was nothing to do (another instance had it).</param>
    /// <returns>How many records the work handled.</returns>
    public static async Task<int> EachAsync(
        IServiceScopeFactory scopes, IEnumerable<(Guid Id, Guid OrganizationId)> due, string actor,
        Func<IServiceProvider, Guid, Task<bool>> work, ILogger logger, CancellationToken ct)
    {
        var handled = 0;
        foreach (var (id, organizationId) in due)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<OrganizationContext>().Set(organizationId, null, actor, Role.Administrator);
                handled += await work(scope.ServiceProvider, id) ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Sweep work ({Actor}) on record {RecordId} failed; it is tried again next pass.", actor, id);
            }
        }

        return handled;
    }
}
