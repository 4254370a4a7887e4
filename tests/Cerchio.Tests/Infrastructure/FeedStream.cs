using System.Net;

namespace Cerchio.Tests.Infrastructure;

/// <summary>A Server-Sent Events stream of the desk (the inbox feed, a case's presence), read as the browser reads it.</summary>
public sealed class FeedStream : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private HttpResponseMessage _response = null!;
    private StreamReader _reader = null!;

    /// <summary>The inbox's feed, past its "ready".</summary>
    public static async Task<FeedStream> OpenAsync(HttpClient client)
    {
        var stream = await OpenAsync(client, "/assistenza/eventi");
        await stream.NextAsync("ready");
        return stream;
    }

    public static async Task<FeedStream> OpenAsync(HttpClient client, string path)
    {
        var stream = new FeedStream();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        stream._response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stream._timeout.Token);
        if (stream._response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            Assert.Fail($"{(int)stream._response.StatusCode}: {await stream._response.Content.ReadAsStringAsync()}");
        }

        stream._reader = new StreamReader(await stream._response.Content.ReadAsStreamAsync(stream._timeout.Token));
        return stream;
    }

    /// <summary>The next changed case's number.</summary>
    public async Task<int> NextCaseAsync() => int.Parse(await NextAsync("case"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads past news of earlier changes until this number: news travels in commit order, so what comes next is new.
    /// </summary>
    public async Task SkipUntilAsync(int number)
    {
        while (await NextCaseAsync() != number)
        {
        }
    }

    /// <summary>The data of the next event, past pings, which must be of this kind.</summary>
    public async Task<string> NextAsync(string kind)
    {
        while (await _reader.ReadLineAsync(_timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal) && line != "event: ping")
            {
                Assert.Equal($"event: {kind}", line);
                while (await _reader.ReadLineAsync(_timeout.Token) is { } field)
                {
                    if (field.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        return field["data: ".Length..];
                    }
                }
            }
        }

        throw new EndOfStreamException();
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _response?.Dispose();
        _timeout.Dispose();
    }
}
