using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using CornerSpot.Bench.Harness;
using Microsoft.AspNetCore.Builder;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>The floor for agent → visitor: a bare Server-Sent Events endpoint on its own Kestrel loopback socket in
/// this process. <see cref="Publish"/> hands a message (the same JSON the widget's stream sends) to every open
/// <c>GET /events</c>. No database, no token check, no catch-up read.</summary>
public sealed class SseBaseline(WebApplication app, SseBaseline.Subscribers subscribers) : BaselineHost(app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<SseBaseline> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var subscribers = new Subscribers();

        var app = builder.Build();
        app.MapGet("/events", (HttpContext context, CancellationToken ct) =>
        {
            var channel = Channel.CreateUnbounded<SseItem<string>>(new UnboundedChannelOptions { SingleReader = true });
            // A first event makes Kestrel send the headers now, as the widget's stream does with its status event.
            channel.Writer.TryWrite(new SseItem<string>("{}", "status"));
            subscribers.Add(channel);
            context.Response.RegisterForDispose(new Unsubscribe(subscribers, channel));
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.ServerSentEvents(channel.Reader.ReadAllAsync(ct));
        });
        await app.StartAsync();
        return new SseBaseline(app, subscribers);
    }

    /// <summary>Sends a message event with this text to every open stream (as a stored reply would).</summary>
    public void Publish(string text)
    {
        var data = JsonSerializer.Serialize(new
        {
            id = Guid.CreateVersion7(), author = "agent", authorName = "Bench agent", text, sentAt = TimeProvider.System.GetUtcNow(),
        }, Json);
        foreach (var channel in subscribers.All())
            channel.Writer.TryWrite(new SseItem<string>(data, "message"));
    }

    public sealed class Subscribers
    {
        private readonly Lock _gate = new();
        private readonly List<Channel<SseItem<string>>> _channels = [];

        public void Add(Channel<SseItem<string>> channel) { lock (_gate) _channels.Add(channel); }
        public void Remove(Channel<SseItem<string>> channel) { lock (_gate) _channels.Remove(channel); }
        public Channel<SseItem<string>>[] All() { lock (_gate) return [.. _channels]; }
    }

    private sealed class Unsubscribe(Subscribers subscribers, Channel<SseItem<string>> channel) : IDisposable
    {
        public void Dispose() => subscribers.Remove(channel);
    }
}
