using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cerchio.Tests.Infrastructure;

/// <summary>A database command one request ran: its text and its parameters' values as sent.</summary>
public sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);

/// <summary>
/// The database commands run by the requests of one trace, however many other tests run at once: send each request
/// with <see cref="Send"/> (its traceparent header carries the trace) and read <see cref="Commands"/>.
/// </summary>
public sealed class RequestCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ActivityTraceId _trace = ActivityTraceId.CreateRandom();
    private readonly IDisposable _all;
    private readonly List<IDisposable> _listeners = [];
    private readonly ActivityListener _activities;
    private readonly List<RecordedCommand> _commands = [];

    public RequestCommands()
    {
        // The host makes a request activity (carrying the trace id) only when someone listens.
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(_activities);
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public IReadOnlyList<RecordedCommand> Commands
    {
        get
        {
            lock (_commands)
            {
                return _commands.ToList();
            }
        }
    }

    /// <summary>A GET in this trace; fails unless it succeeds.</summary>
    public async Task GetAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{_trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
    }

    /// <summary>Runs work that is not a request (what a job calls) in this trace.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        using var activity = new Activity("test-work").SetParentId(_trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();
        return await work();
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_listeners)
            {
                _listeners.Add(listener.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && Activity.Current?.TraceId == _trace && value.Value is CommandExecutedEventData executed)
        {
            var parameters = executed.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList();
            lock (_commands)
            {
                _commands.Add(new RecordedCommand(executed.Command.CommandText, parameters));
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_listeners)
        {
            _listeners.ForEach(l => l.Dispose());
        }

        _activities.Dispose();
    }
}
