using System.Collections.Concurrent;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Cerchio.Data.Live;
using Cerchio.Service.Features.Desk;
using Cerchio.Service.Features.OpenCase;
using Cerchio.Tenancy;
using Cerchio.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Service.Features.Presence;

/// <summary>
/// Who has a case open right now, and who is writing a reply to it, across every instance (<see cref="LiveSignals"/>):
/// the case page warns an agent before two people answer the same customer. Memory only: presence is worth nothing
/// after a restart, and an instance that dies stops refreshing its people, who fade out after <see cref="Fade"/>.
/// </summary>
internal sealed class CasePresence
{
    public const string Topic = "presence";
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan Fade = TimeSpan.FromSeconds(60);

    private readonly LiveSignals _signals;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<(Guid Organization, int Number), ConcurrentDictionary<string, Presence>> _present = new();
    // One wake-up is enough: the page asks who is here afresh.
    private readonly Watchers<(Guid Organization, int Number), bool> _watchers = new(1);

    public CasePresence(LiveSignals signals, TimeProvider clock)
    {
        _signals = signals;
        _clock = clock;
        signals.Listen(Topic, Heard);
    }

    /// <summary>One open page: its connection, its person, and whether they are writing a reply.</summary>
    internal sealed record Presence(Guid UserId, string Name, bool Replying, DateTimeOffset SeenAt);

    private sealed record Note(Guid Organization, int Number, string Connection, Guid UserId, string Name, string State);

    public void Announce(Guid organization, int number, string connection, Guid userId, string name, bool replying) =>
        _signals.Send(Topic, JsonSerializer.Serialize(new Note(organization, number, connection, userId, name, replying ? "replying" : "viewing")));

    public void Leave(Guid organization, int number, string connection) =>
        _signals.Send(Topic, JsonSerializer.Serialize(new Note(organization, number, connection, Guid.Empty, "", "left")));

    /// <summary>The other people on the case, one line each (writing wins over looking), without whoever asks.</summary>
    public IReadOnlyList<Presence> Others(Guid organization, int number, Guid me)
    {
        if (!_present.TryGetValue((organization, number), out var present))
        {
            return [];
        }

        var fresh = _clock.GetUtcNow() - Fade;
        return present.Values.Where(p => p.UserId != me && p.SeenAt >= fresh)
            .GroupBy(p => p.UserId)
            .Select(g => g.OrderByDescending(p => p.Replying).First())
            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>Wakes the reader whenever someone arrives on, leaves or starts writing on this case.</summary>
    public ChannelReader<bool> Watch(Guid organization, int number, out Action stop) => _watchers.Watch((organization, number), out stop);

    private void Heard(string payload)
    {
        Note? note;
        try
        {
            note = JsonSerializer.Deserialize<Note>(payload);
        }
        catch (JsonException)
        {
            return;
        }

        if (note is null)
        {
            return;
        }

        var key = (note.Organization, note.Number);
        var present = _present.GetOrAdd(key, _ => new());
        var now = _clock.GetUtcNow();
        bool changed;
        if (note.State == "left")
        {
            changed = present.TryRemove(note.Connection, out _);
        }
        else
        {
            var replying = note.State == "replying";
            changed = !present.TryGetValue(note.Connection, out var before) || before.Replying != replying;
            present[note.Connection] = new Presence(note.UserId, note.Name, replying, now);
        }

        // Pages of an instance that died stop refreshing: forget them here so the map does not grow.
        foreach (var (connection, stale) in present)
        {
            if (stale.SeenAt < now - Fade)
            {
                present.TryRemove(connection, out _);
            }
        }

        // Only a change wakes the pages: the refreshes every 20 s just keep people from fading.
        if (changed)
        {
            _watchers.Tell(key, true);
        }
    }
}

/// <summary>
/// GET /assistenza/pratiche/{number}/presenza: Server-Sent Events for the case page. Connecting says "I am looking";
/// <c>?scrivendo=true</c> says "I am writing a reply"; each event is the sentence to show about the others, in the
/// reader's language, and whether someone is writing.
/// </summary>
internal static class CasePresenceEndpoint
{
    public static string PathOf(int number) => $"{CaseDesk.PageOf(number)}/presenza";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet($"{CaseDesk.PagePath}/{{number:int}}/presenza", StreamAsync).RequireAuthorization(Permissions.ViewCases).ExcludeFromDescription();

    private static async Task<IResult> StreamAsync(int number, bool? scrivendo, HttpContext http, CaseDesk desk, DeskDirectory directory,
        CasePresence presence, OrganizationContext tenant, Loc l)
    {
        if (LiveStreams.RefuseUnlessEventSource(http) is { } refused)
        {
            return refused;
        }

        if (await desk.FindAsync(number, http.RequestAborted) is null)
        {
            return TypedResults.NotFound();
        }

        var organization = tenant.RequiredOrganizationId;
        var me = tenant.UserId ?? Guid.Empty;
        var name = await directory.PersonNameAsync(me, http.RequestAborted) ?? tenant.ActorName ?? "";
        return TypedResults.ServerSentEvents(Events(new Visit(presence, organization, number, me, name, scrivendo == true), l, LiveStreams.Lifetime(http)));
    }

    private sealed record Visit(CasePresence Presence, Guid Organization, int Number, Guid Me, string Name, bool Replying);

    private static async IAsyncEnumerable<SseItem<string>> Events(Visit visit, Loc l, [EnumeratorCancellation] CancellationToken ct)
    {
        var connection = Guid.NewGuid().ToString("N");
        var reader = visit.Presence.Watch(visit.Organization, visit.Number, out var stop);
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            visit.Presence.Announce(visit.Organization, visit.Number, connection, visit.Me, visit.Name, visit.Replying);
            var said = Say(visit.Presence.Others(visit.Organization, visit.Number, visit.Me), l, culture);
            yield return new SseItem<string>(said, "presence") { ReconnectionInterval = TimeSpan.FromSeconds(5) };
            // Woken by a change, or every 20 s to stay present (and to let the faded ones go).
            await foreach (var (heard, _) in LiveStreams.NewsOrTicks(reader, CasePresence.Refresh, ct))
            {
                if (!heard)
                {
                    visit.Presence.Announce(visit.Organization, visit.Number, connection, visit.Me, visit.Name, visit.Replying);
                }

                var now = Say(visit.Presence.Others(visit.Organization, visit.Number, visit.Me), l, culture);
                yield return now == said ? new SseItem<string>("", "ping") : new SseItem<string>(now, "presence");
                said = now;
            }
        }
        finally
        {
            stop();
            visit.Presence.Leave(visit.Organization, visit.Number, connection);
        }
    }

    /// <summary>{"text": the sentence, or empty when nobody else is here; "replying": whether someone is writing}.</summary>
    private static string Say(IReadOnlyList<CasePresence.Presence> others, Loc l, CultureInfo culture)
    {
        // The stream outlives the request's culture scope: keep the reader's language for every event.
        CultureInfo.CurrentUICulture = culture;
        var writing = others.Where(p => p.Replying).Select(p => p.Name).ToList();
        var looking = others.Where(p => !p.Replying).Select(p => p.Name).ToList();
        var parts = new List<string>();
        if (writing.Count > 0)
        {
            parts.Add(l.F(writing.Count == 1 ? "{0} sta scrivendo una risposta a questa pratica." : "{0} stanno scrivendo una risposta a questa pratica.", string.Join(", ", writing)));
        }

        if (looking.Count > 0)
        {
            parts.Add(l.F(looking.Count == 1 ? "{0} sta guardando questa pratica." : "{0} stanno guardando questa pratica.", string.Join(", ", looking)));
        }

        return JsonSerializer.Serialize(new { text = string.Join(" ", parts), replying = writing.Count > 0 });
    }
}
