using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Cerchio.Data.Live;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.LiveInbox;

/// <summary>
/// Who is watching an organization's inbox in this process, and the case numbers that changed since. Fed by
/// <see cref="DeskChanges"/> through <see cref="LiveSignals"/>, so a change made on any instance reaches them right after its commit.
/// </summary>
internal sealed class DeskFeed
{
    // A page that falls 100 changes behind refreshes its whole list anyway.
    private readonly Watchers<Guid, int> _watchers = new(100);

    public DeskFeed(LiveSignals signals) => signals.Listen(DeskChanges.Topic, Heard);

    /// <summary>"organization:number", from any instance.</summary>
    private void Heard(string news)
    {
        var colon = news.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && Guid.TryParseExact(news[..colon], "N", out var organizationId)
            && int.TryParse(news[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            _watchers.Tell(organizationId, number);
        }
    }

    public ChannelReader<int> Watch(Guid organizationId, out Action stop) => _watchers.Watch(organizationId, out stop);
}

/// <summary>
/// Tells the open inboxes of every instance (<see cref="LiveSignals"/>) which cases a save changed, once the change is
/// committed: any change to a case row counts (opened, answered, assigned, moved), not only those with a module event.
/// </summary>
internal sealed class DeskChanges(LiveSignals signals) : ModuleSaveInterceptor, IDbTransactionInterceptor
{
    public const string Topic = "desk";
    private readonly ConditionalWeakTable<DbContext, List<string>> _saved = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        SendIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SendIfCommitted(eventData.Context);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Send(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Send(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changed = context.ChangeTracker.Entries<Case>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => $"{e.Entity.OrganizationId:N}:{e.Entity.Number.ToString(CultureInfo.InvariantCulture)}");
        _saved.GetOrCreateValue(context).AddRange(changed);
    }

    // Inside an explicit transaction the news waits for the commit: an inbox refreshing earlier would not see it.
    private void SendIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Send(context);
        }
    }

    private void Send(DbContext? context)
    {
        if (context is not null && _saved.TryGetValue(context, out var changed))
        {
            _saved.Remove(context);
            foreach (var change in changed.Distinct())
            {
                signals.Send(Topic, change);
            }
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _saved.Remove(context);
        }
    }
}

/// <summary>GET /assistenza/eventi: Server-Sent Events with the number of each case that changed, for the inbox page.</summary>
internal static class DeskFeedEndpoint
{
    public const string Path = "/assistenza/eventi";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, Stream).RequireAuthorization(Permissions.ViewCases).ExcludeFromDescription();

    private static IResult Stream(HttpContext http, DeskFeed feed, OrganizationContext tenant)
    {
        if (LiveStreams.RefuseUnlessEventSource(http) is { } refused)
        {
            return refused;
        }

        var reader = feed.Watch(tenant.RequiredOrganizationId, out var stop);
        return TypedResults.ServerSentEvents(Read(reader, stop, LiveStreams.Lifetime(http)));
    }

    private static async IAsyncEnumerable<SseItem<string>> Read(ChannelReader<int> reader, Action stop, [EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            yield return new SseItem<string>("ready", "ready") { ReconnectionInterval = TimeSpan.FromSeconds(5) };
            await foreach (var (heard, number) in LiveStreams.NewsOrTicks(reader, TimeSpan.FromSeconds(25), ct))
            {
                yield return heard
                    ? new SseItem<string>(number.ToString(CultureInfo.InvariantCulture), "case")
                    : new SseItem<string>("", "ping");
            }
        }
        finally
        {
            stop();
        }
    }
}
