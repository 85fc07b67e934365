using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace CornerSpot.Bench.Harness;

/// <summary>An SSE client in the bench, as the widget's EventSource is in a visitor's browser: it reads one event
/// stream and timestamps (<see cref="Stopwatch"/>) the moment each <c>message</c> event's <c>text</c> arrives.</summary>
public sealed class SseWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _seen = new();
    private readonly HttpClient _client;
    private readonly Task _reading;

    private SseWatch(HttpClient client, HttpResponseMessage response)
    {
        _client = client;
        _reading = Task.Run(() => ReadAsync(response));
    }

    /// <summary>Opens <paramref name="path"/> with the given headers and waits for the 200 before returning.</summary>
    public static async Task<SseWatch> OpenAsync(Uri baseAddress, string path, IReadOnlyDictionary<string, string> headers)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseWatch(client, response);
    }

    private TaskCompletionSource<long> Slot(string text) =>
        _seen.GetOrAdd(text, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(_stop.Token);
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(_stop.Token))
                {
                    if (item.EventType != "message") continue;
                    var now = Stopwatch.GetTimestamp();
                    using var json = JsonDocument.Parse(item.Data);
                    if (json.RootElement.TryGetProperty("text", out var text) && text.GetString() is { } t)
                        Slot(t).TrySetResult(now);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp at which a message with this text arrived (waits for it).</summary>
    public async Task<long> SeenAtAsync(string text, TimeSpan timeout)
    {
        var slot = Slot(text).Task;
        if (await Task.WhenAny(slot, Task.Delay(timeout)) != slot)
            throw new InvalidOperationException($"No message event with the text \"{text}\" arrived within {timeout.TotalSeconds:0} s" +
                                                (_reading.IsCompleted ? " (the stream ended)" : "") + "; no latency can be measured.");
        return await slot;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _reading; } catch (Exception) when (_stop.IsCancellationRequested) { }
        _client.Dispose();
        _stop.Dispose();
    }
}
