using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Cerchio.Events;
using Cerchio.Service.Contracts;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Cerchio.Service.Features.LiveInbox;

/// <summary>
/// Who is watching an organization's inbox in this process, and the case numbers that changed since. Fed by the
/// module events the desk publishes, so a change reaches the open inboxes right after its commit.
/// </summary>
internal sealed class DeskFeed
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<int>, byte>> _watchers = new();

    public ChannelReader<int> Watch(Guid organizationId, out Action stop)
    {
        // A slow browser drops the oldest news rather than holding memory: it refreshes the whole list anyway.
        var channel = Channel.CreateBounded<int>(new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.DropOldest });
        var watchers = _watchers.GetOrAdd(organizationId, _ => new());
        watchers[channel] = 0;
        stop = () =>
        {
            watchers.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        };
        return channel.Reader;
    }

    public void Changed(Guid organizationId, int caseNumber)
    {
        if (_watchers.TryGetValue(organizationId, out var watchers))
        {
            foreach (var channel in watchers.Keys)
            {
                channel.Writer.TryWrite(caseNumber);
            }
        }
    }
}

/// <summary>Turns the desk's own events into news for the open inboxes (in this process; see the endpoint for instances).</summary>
internal sealed class FeedCaseChanges(DeskFeed feed) :
    IModuleEventHandler<CaseOpened>, IModuleEventHandler<CaseResolved>, IModuleEventHandler<CaseReopened>,
    IModuleEventHandler<MessageReceived>, IModuleEventHandler<HandOffCompleted>
{
    public Task HandleAsync(CaseOpened e, ModuleEventContext context, CancellationToken ct) => Tell(context, e.Number);

    public Task HandleAsync(CaseResolved e, ModuleEventContext context, CancellationToken ct) => Tell(context, e.Number);

    public Task HandleAsync(CaseReopened e, ModuleEventContext context, CancellationToken ct) => Tell(context, e.Number);

    public Task HandleAsync(MessageReceived e, ModuleEventContext context, CancellationToken ct) => Tell(context, e.Number);

    public Task HandleAsync(HandOffCompleted e, ModuleEventContext context, CancellationToken ct) => Tell(context, e.Number);

    private Task Tell(ModuleEventContext context, int number)
    {
        if (context.OrganizationId is { } organizationId)
        {
            feed.Changed(organizationId, number);
        }

        return Task.CompletedTask;
    }
}

/// <summary>GET /assistenza/eventi: Server-Sent Events with the number of each case that changed, for the inbox page.</summary>
internal static class DeskFeedEndpoint
{
    public const string Path = "/assistenza/eventi";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, Stream).RequireAuthorization(Permissions.ViewCases).ExcludeFromDescription();

    private static IResult Stream(HttpContext http, DeskFeed feed, OrganizationContext tenant, IHostApplicationLifetime lifetime)
    {
        // Only an event source may keep the connection open; anything else gets a clear answer at once.
        if (!http.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "Not acceptable",
                detail: "This address streams Server-Sent Events: ask with Accept: text/event-stream.");
        }

        var reader = feed.Watch(tenant.RequiredOrganizationId, out var stop);
        var ct = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping).Token;
        return TypedResults.ServerSentEvents(Read(reader, stop, ct));
    }

    private static async IAsyncEnumerable<SseItem<string>> Read(ChannelReader<int> reader, Action stop, [EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            yield return new SseItem<string>("ready", "ready") { ReconnectionInterval = TimeSpan.FromSeconds(5) };
            while (true)
            {
                int number;
                try
                {
                    // A comment-like heartbeat every 25 s keeps proxies from closing an idle stream.
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    idle.CancelAfter(TimeSpan.FromSeconds(25));
                    number = await reader.ReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    number = 0;
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                yield return number == 0
                    ? new SseItem<string>("", "ping")
                    : new SseItem<string>(number.ToString(System.Globalization.CultureInfo.InvariantCulture), "case");
            }
        }
        finally
        {
            stop();
        }
    }
}
