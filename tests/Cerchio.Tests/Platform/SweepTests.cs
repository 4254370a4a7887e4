using Cerchio.Data.Sweeps;
using Cerchio.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cerchio.Tests.Platform;

/// <summary>The sweep that runs the modules' timed passes (SLA alerts, auto-close, notification pruning).</summary>
public sealed class SweepTests
{
    private sealed class Log
    {
        public List<string> Runs { get; } = [];
    }

    private sealed class FailingPass(Log log) : ISweepPass
    {
        public Task<int> RunAsync(CancellationToken ct)
        {
            lock (log.Runs)
            {
                log.Runs.Add("failing");
            }

            throw new InvalidOperationException("the database is away");
        }
    }

    private sealed class CountingPass(Log log) : ISweepPass
    {
        public Task<int> RunAsync(CancellationToken ct)
        {
            lock (log.Runs)
            {
                log.Runs.Add("counting");
            }

            return Task.FromResult(1);
        }
    }

    private static (ServiceProvider Services, Log Log) Build(string interval)
    {
        var log = new Log();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sweep:Interval"] = interval }).Build())
            .AddSingleton(TimeProvider.System)
            .AddSingleton(log)
            .AddLogging();
        services.AddSweepPass<FailingPass>();
        services.AddSweepPass<CountingPass>();
        return (services.BuildServiceProvider(), log);
    }

    [Fact]
    public async Task Passes_RunInTheOrderAdded_EveryInterval_AndAFailingOne_DoesNotStopTheNext()
    {
        var (services, log) = Build("00:00:00.010");
        await using var _ = services;
        var sweep = Assert.Single(services.GetServices<IHostedService>());   // one sweep, however many passes

        await sweep.StartAsync(CancellationToken.None);
        await Wait.UntilAsync(() => { lock (log.Runs) { return log.Runs.Count(r => r == "counting") >= 2; } }, "the second pass ran twice");
        await sweep.StopAsync(CancellationToken.None);

        string[] runs;
        lock (log.Runs)
        {
            runs = [.. log.Runs];
        }

        Assert.Equal(["failing", "counting", "failing", "counting"], runs[..4]);
    }

    [Fact]
    public async Task AZeroInterval_TurnsTheSweepOff()
    {
        var (services, log) = Build("00:00:00");
        await using var _ = services;
        var sweep = (BackgroundService)Assert.Single(services.GetServices<IHostedService>());

        await sweep.StartAsync(CancellationToken.None);

        // Off: its work ends at once, instead of waiting for the next interval forever.
        await sweep.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        await sweep.StopAsync(CancellationToken.None);
        Assert.Empty(log.Runs);
    }
}
