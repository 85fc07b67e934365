using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Chat;
using CornerSpot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Widget;

/// <summary>The visitor's event stream on a real socket, read as a browser's fetch() would.</summary>
public sealed class ChatStreamTests : IAsyncLifetime
{
    private static readonly CallingAgent Grace = new("agent-grace", "Grace");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly AppFactory _app = new(new Dictionary<string, string?> { ["Chat:MaxStreamsPerClient"] = "2" });
    private HttpClient _http = null!;

    public ValueTask InitializeAsync()
    {
        _http = new HttpClient { BaseAddress = _app.StartKestrel() };
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private ChatConversations Chats => _app.Services.GetRequiredService<ChatConversations>();

    private sealed record Chat(Guid Id, string Token, Guid FirstMessageId);

    private async Task<Chat> StartAsync()
    {
        var response = await _http.PostAsJsonAsync("/api/widget/conversations", new { name = "Ada", message = "Hello?" }, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return new Chat(body.GetProperty("conversationId").GetGuid(), body.GetProperty("visitorToken").GetString()!,
            body.GetProperty("message").GetProperty("id").GetGuid());
    }

    /// <summary>An open stream: its events, read in the background as they come.</summary>
    private sealed class OpenStream(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events) : IAsyncDisposable
    {
        public HttpResponseMessage Response => response;

        /// <summary>The next event of the type, skipping others; fails the test after 10 s.</summary>
        public async Task<SseItem<string>> NextAsync(string type)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            while (await events.MoveNextAsync().AsTask().WaitAsync(timeout.Token))
                if (events.Current.EventType == type) return events.Current;
            throw new InvalidOperationException("The stream ended.");
        }

        public async ValueTask DisposeAsync()
        {
            response.Dispose();
            try
            {
                await events.DisposeAsync();
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The connection was closed under the reader: that is how a visitor leaves.
            }
        }
    }

    private async Task<HttpResponseMessage> ConnectAsync(Chat chat, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/widget/conversations/{chat.Id}/events");
        request.Headers.Add(VisitorToken.Header, chat.Token);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
    }

    private async Task<OpenStream> OpenAsync(Chat chat, string? lastEventId = null)
    {
        var response = await ConnectAsync(chat, lastEventId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stream = await response.Content.ReadAsStreamAsync(Ct);
        return new OpenStream(response, SseParser.Create(stream).EnumerateAsync(Ct).GetAsyncEnumerator(Ct));
    }

    private static string Text(SseItem<string> message) => JsonDocument.Parse(message.Data).RootElement.GetProperty("text").GetString()!;

    [Fact]
    public async Task The_stream_delivers_an_agent_reply_within_a_second()
    {
        var chat = await StartAsync();
        await using var stream = await OpenAsync(chat, lastEventId: chat.FirstMessageId.ToString());
        await stream.NextAsync("status");

        var clock = Stopwatch.StartNew();
        await Chats.ReplyAsync(chat.Id, Grace, "Hi Ada, how can I help?", isInternal: false, Ct);
        var message = await stream.NextAsync("message");
        clock.Stop();

        Assert.Equal("Hi Ada, how can I help?", Text(message));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_stream_without_Last_Event_ID_starts_with_the_whole_transcript()
    {
        var chat = await StartAsync();
        await using var stream = await OpenAsync(chat);

        var first = await stream.NextAsync("message");

        Assert.Equal("Hello?", Text(first));
        Assert.Equal(chat.FirstMessageId.ToString(), first.EventId);
    }

    [Fact]
    public async Task A_reconnect_with_Last_Event_ID_gets_exactly_the_messages_it_missed()
    {
        var chat = await StartAsync();
        SseItem<string> seen;
        await using (var stream = await OpenAsync(chat))
            seen = await stream.NextAsync("message");
        await Chats.ReplyAsync(chat.Id, Grace, "Missed one", isInternal: false, Ct);
        await Chats.ReplyAsync(chat.Id, Grace, "Missed two", isInternal: false, Ct);

        await using var again = await OpenAsync(chat, seen.EventId);

        Assert.Equal("Missed one", Text(await again.NextAsync("message")));
        Assert.Equal("Missed two", Text(await again.NextAsync("message")));
        Assert.Equal("status", (await again.NextAsync("status")).EventType);
    }

    [Fact]
    public async Task Each_message_of_a_burst_reaches_the_stream_once()
    {
        var chat = await StartAsync();
        await using var stream = await OpenAsync(chat);
        Assert.Equal("Hello?", Text(await stream.NextAsync("message")));
        await stream.NextAsync("status");

        // Replies and a visitor message at once: their events and the stream's catch-up reads interleave.
        await Task.WhenAll(
            Chats.ReplyAsync(chat.Id, Grace, "One", isInternal: false, Ct),
            Chats.ReplyAsync(chat.Id, Grace, "Two", isInternal: false, Ct),
            Chats.PostVisitorMessageAsync(chat.Id, chat.Token, "Three", "burst-key-3", Ct),
            Chats.ReplyAsync(chat.Id, Grace, "Four", isInternal: false, Ct));
        var burst = new List<string>();
        for (var i = 0; i < 4; i++) burst.Add(Text(await stream.NextAsync("message")));
        await Chats.ReplyAsync(chat.Id, Grace, "After the burst", isInternal: false, Ct);

        Assert.Equal(["Four", "One", "Three", "Two"], burst.Order());
        Assert.Equal("After the burst", Text(await stream.NextAsync("message")));
    }

    [Fact]
    public async Task An_internal_note_never_reaches_the_stream()
    {
        var chat = await StartAsync();
        await using var stream = await OpenAsync(chat, chat.FirstMessageId.ToString());
        await stream.NextAsync("status");

        await Chats.ReplyAsync(chat.Id, Grace, "Internal: VIP customer", isInternal: true, Ct);
        await Chats.ReplyAsync(chat.Id, Grace, "Hello from Grace", isInternal: false, Ct);

        Assert.Equal("Hello from Grace", Text(await stream.NextAsync("message")));
    }

    [Fact]
    public async Task The_stream_says_which_agent_joined_and_is_typing()
    {
        var chat = await StartAsync();
        await using var stream = await OpenAsync(chat, chat.FirstMessageId.ToString());
        await stream.NextAsync("status");

        await Chats.AgentTypingAsync(chat.Id, Grace, Ct);
        await Chats.ReplyAsync(chat.Id, Grace, "Hi", isInternal: false, Ct);

        Assert.Equal("Grace", JsonDocument.Parse((await stream.NextAsync("typing")).Data).RootElement.GetProperty("agentName").GetString());
        Assert.Equal("Grace", JsonDocument.Parse((await stream.NextAsync("joined")).Data).RootElement.GetProperty("agentName").GetString());
    }

    [Fact]
    public async Task Streams_from_one_address_beyond_the_cap_are_429()
    {
        var chat = await StartAsync();
        await using var one = await OpenAsync(chat);
        await using var two = await OpenAsync(chat);

        using var three = await ConnectAsync(chat);

        Assert.Equal(HttpStatusCode.TooManyRequests, three.StatusCode);
    }

    [Fact]
    public async Task The_visitor_token_of_a_stream_is_never_logged()
    {
        var chat = await StartAsync();
        await using (var stream = await OpenAsync(chat))
            await stream.NextAsync("status");

        Assert.DoesNotContain(chat.Token, _app.Logs.All);
    }
}
