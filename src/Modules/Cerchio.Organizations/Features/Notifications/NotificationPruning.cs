using Cerchio.Data;
using Cerchio.Data.Sweeps;
using Cerchio.Organizations.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Organizations.Features.Notifications;

/// <summary>
/// The sweep's pass that forgets old notifications, in every organization: read ones after <see cref="ReadKeptFor"/>,
/// unread ones too after <see cref="KeptFor"/> (nobody is coming back for them). Safe with several instances: a
/// second delete of the same rows deletes nothing.
/// </summary>
internal sealed class NotificationPruning(IServiceScopeFactory scopes, TimeProvider clock, int batchSize = NotificationPruning.BatchSize) : ISweepPass
{
    public static readonly TimeSpan ReadKeptFor = TimeSpan.FromDays(90);
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(365);

    /// <summary>Rows per statement: short transactions, so SQLite's one writer is not held for long.</summary>
    public const int BatchSize = 2_000;

    /// <summary>Returns how many notifications it deleted.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (readBefore, before) = (now - ReadKeptFor, now - KeptFor);
        await using var scope = scopes.CreateAsyncScope();
        var notifications = scope.ServiceProvider.GetRequiredService<CerchioDb>().Set<Notification>().IgnoreQueryFilters();
        var deleted = 0;
        while (true)
        {
            var batch = notifications
                .Where(n => n.CreatedAt < readBefore && (n.ReadAt != null || n.CreatedAt < before))
                .OrderBy(n => n.CreatedAt).Select(n => n.Id).Take(batchSize);
            var count = await notifications.Where(n => batch.Contains(n.Id)).ExecuteDeleteAsync(ct);
            deleted += count;
            if (count < batchSize)
            {
                return deleted;
            }
        }
    }
}
