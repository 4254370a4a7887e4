using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cerchio.Data.Sweeps;

/// <summary>
/// One kind of timed work a module contributes to the sweep (SLA alerts, auto-close, pruning). A pass must be safe
/// with several instances running it at the same moment, and must find again next time whatever it left undone.
/// </summary>
public interface ISweepPass
{
    /// <summary>Returns how many records it handled.</summary>
    Task<int> RunAsync(CancellationToken ct);
}

public static class SweepServices
{
    /// <summary>Adds a pass (a singleton) to the sweep; passes run in the order they were added.</summary>
    public static IServiceCollection AddSweepPass<T>(this IServiceCollection services)
        where T : class, ISweepPass
    {
        services.AddSingleton<T>();
        services.AddSingleton<ISweepPass>(sp => sp.GetRequiredService<T>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Sweep>());
        return services;
    }
}

/// <summary>
/// Runs every module's <see cref="ISweepPass"/> every <c>Sweep:Interval</c> (1 minute by default; zero turns it off),
/// one after the other.
/// </summary>
internal sealed class Sweep(IEnumerable<ISweepPass> passes, IConfiguration configuration, TimeProvider clock, ILogger<Sweep> logger)
    : BackgroundService
{
    private TimeSpan Interval => configuration.GetValue("Sweep:Interval", TimeSpan.FromMinutes(1));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // First wait, then work: a starting instance has other things to do.
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            foreach (var pass in passes)
            {
                try
                {
                    await pass.RunAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // The database may be away: nothing is lost, the next pass finds the same records. One failing
                    // pass does not hold up the others.
                    logger.LogWarning(e, "The sweep's {Pass} failed; trying again in {Interval}.", pass.GetType().Name, Interval);
                }
            }
        }
    }
}
