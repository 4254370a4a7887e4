using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cerchio.Data.Live;

/// <summary>
/// The pages of this process waiting for news about one thing (an organization's inbox, a case): each holds a small
/// bounded channel that <see cref="Tell"/> writes to. A slow page drops the oldest news instead of holding memory;
/// every page that uses this refreshes what it shows from the database anyway.
/// </summary>
public sealed class Watchers<TKey, T>(int capacity) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, ConcurrentDictionary<Channel<T>, byte>> _watchers = new();

    public ChannelReader<T> Watch(TKey key, out Action stop)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest });
        var watchers = _watchers.GetOrAdd(key, _ => new());
        watchers[channel] = 0;
        stop = () =>
        {
            watchers.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        };
        return channel.Reader;
    }

    public void Tell(TKey key, T news)
    {
        if (_watchers.TryGetValue(key, out var watchers))
        {
            foreach (var channel in watchers.Keys)
            {
                channel.Writer.TryWrite(news);
            }
        }
    }
}

/// <summary>What every Server-Sent Events endpoint of the app does the same way.</summary>
public static class LiveStreams
{
    /// <summary>
    /// Only an event source may keep the connection open; anything else gets a clear 406 at once, instead of a request
    /// that never ends.
    /// </summary>
    public static IResult? RefuseUnlessEventSource(HttpContext http) =>
        http.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase)
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "Not acceptable",
                detail: "This address streams Server-Sent Events: ask with Accept: text/event-stream.");

    /// <summary>A stream ends when its browser leaves or the app stops (so shutdown never waits on open pages).</summary>
    public static CancellationToken Lifetime(HttpContext http) =>
        CancellationTokenSource.CreateLinkedTokenSource(
            http.RequestAborted, http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping).Token;

    /// <summary>
    /// Each piece of news as it comes (<c>Heard</c> true), or a quiet tick after <paramref name="idle"/> without any
    /// (<c>Heard</c> false: a heartbeat that keeps proxies from closing the stream, or a moment to refresh); ends when
    /// the stream's lifetime does or the watch stops.
    /// </summary>
    public static async IAsyncEnumerable<(bool Heard, T News)> NewsOrTicks<T>(
        ChannelReader<T> reader, TimeSpan idle, [EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            (bool, T) next;
            try
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
                quiet.CancelAfter(idle);
                next = (true, await reader.ReadAsync(quiet.Token));
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                next = (false, default!);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            catch (ChannelClosedException)
            {
                yield break;
            }

            yield return next;
        }
    }
}
