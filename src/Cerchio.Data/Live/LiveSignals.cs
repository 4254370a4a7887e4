using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cerchio.Data.Live;

/// <summary>
/// Best-effort news for every instance of Cerchio on the same database: a screen that should refresh (the live inbox),
/// never work that must happen (that is what module events are for). One instance on SQLite delivers in process; on
/// PostgreSQL every instance sends with <c>pg_notify</c> and hears everyone's news, its own included, through
/// <c>LISTEN</c> (<see cref="PostgresLiveBridge"/>), so a browser connected to any instance sees a change made on another.
/// </summary>
public sealed class LiveSignals
{
    internal const string Channel = "cerchio_live";
    private readonly ConcurrentDictionary<string, ImmutableList<Action<string>>> _listeners = new(StringComparer.Ordinal);
    private readonly Channel<string>? _outgoing;

    public LiveSignals(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            // Senders never wait on the database: a burst beyond this is dropped (the screens refresh whole lists anyway).
            _outgoing = System.Threading.Channels.Channel.CreateBounded<string>(
                new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        }
    }

    internal ChannelReader<string>? Outgoing => _outgoing?.Reader;

    public IDisposable Listen(string topic, Action<string> listener)
    {
        _listeners.AddOrUpdate(topic, _ => [listener], (_, list) => list.Add(listener));
        return new Unlisten(() => _listeners.AddOrUpdate(topic, _ => [], (_, list) => list.Remove(listener)));
    }

    /// <summary>Tells every instance; returns at once.</summary>
    public void Send(string topic, string payload)
    {
        if (topic.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("A topic cannot contain '|'.", nameof(topic));
        }

        if (_outgoing is null)
        {
            Deliver(topic, payload);
        }
        else
        {
            _outgoing.Writer.TryWrite($"{topic}|{payload}");
        }
    }

    internal void Deliver(string message)
    {
        var bar = message.IndexOf('|', StringComparison.Ordinal);
        if (bar > 0)
        {
            Deliver(message[..bar], message[(bar + 1)..]);
        }
    }

    private void Deliver(string topic, string payload)
    {
        if (_listeners.TryGetValue(topic, out var listeners))
        {
            foreach (var listener in listeners)
            {
                listener(payload);
            }
        }
    }

    private sealed class Unlisten(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}

/// <summary>
/// PostgreSQL's side of <see cref="LiveSignals"/>: one connection listening, one sending. A lost connection is opened
/// again after a short pause; what was said meanwhile is lost, which a live screen survives (its next news refreshes it).
/// </summary>
internal sealed class PostgresLiveBridge(LiveSignals signals, string connectionString, ILogger<PostgresLiveBridge> logger) : BackgroundService
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Keepalive so a server that vanished without closing the socket is noticed by the idle listener.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 30, Pooling = false, ApplicationName = "cerchio-live" };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await Task.WhenAll(ListenAsync(dataSource, stoppingToken), SendAsync(dataSource, stoppingToken));
    }

    private async Task ListenAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, e) => signals.Deliver(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {LiveSignals.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                while (!ct.IsCancellationRequested)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Live signals: listening on PostgreSQL failed; trying again in {Pause}.", Pause);
                await Delay(ct);
            }
        }
    }

    private async Task SendAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var outgoing = signals.Outgoing!;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                while (await outgoing.WaitToReadAsync(ct))
                {
                    while (outgoing.TryRead(out var message))
                    {
                        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @message)", connection);
                        notify.Parameters.AddWithValue("channel", LiveSignals.Channel);
                        notify.Parameters.AddWithValue("message", message);
                        await notify.ExecuteNonQueryAsync(ct);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Live signals: sending on PostgreSQL failed; trying again in {Pause}.", Pause);
                await Delay(ct);
            }
        }
    }

    private static async Task Delay(CancellationToken ct)
    {
        try
        {
            await Task.Delay(Pause, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
