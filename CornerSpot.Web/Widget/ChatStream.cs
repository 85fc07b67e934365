using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Live;
using CornerSpot.Web.Presence;

namespace CornerSpot.Web.Widget;

/// <summary>
/// One visitor's view of their conversation as Server-Sent Events. Only messages carry an event id (the message's
/// id), so a reconnect's <c>Last-Event-ID</c> is a message the visitor got: the stream first sends what the database
/// has after it, then lives on events. A message event's own message goes out at once; then the stream reads the
/// database again from the last message it read there, so a lost or reordered event skips nothing, and what was sent
/// early is not sent twice. Internal notes are never read.
/// </summary>
/// <remarks>Events: <c>message</c>, <c>typing</c> (an agent), <c>joined</c> (the first agent to reply), <c>status</c>
/// (sent on connect and on every change, with the agents online), <c>agents</c> (how many are online) and <c>ping</c>.</remarks>
public sealed class ChatStream(Guid conversationId, ChatConversations chats, IInboxEvents events, PresenceTracker presence)
{
    public static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(25);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record AgentsMayHaveChanged;
    private sealed record Ping;

    public async IAsyncEnumerable<SseItem<string>> ReadAsync(Guid? resumeAfter, [EnumeratorCancellation] CancellationToken ct)
    {
        // Subscribed before the first read, so an event that lands between the read and the subscription is not lost.
        var signals = Channel.CreateBounded<object>(new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.DropOldest });
        using var inbox = events.Subscribe(e =>
        {
            if (e.ConversationId == conversationId) signals.Writer.TryWrite(e);
            return Task.CompletedTask;
        });
        using var agents = presence.Subscribe(_ => signals.Writer.TryWrite(new AgentsMayHaveChanged()));
        using var pings = new Timer(_ => signals.Writer.TryWrite(new Ping()), null, PingInterval, PingInterval);

        // `last` (sent at `lastAt`) is the cursor in the database's order; `early` holds messages sent from their event
        // and not yet met there. Only a message strictly later than the cursor goes early: one at or before it was read.
        var last = resumeAfter;
        DateTime? lastAt = null;
        var early = new HashSet<Guid>();
        foreach (var message in await NewMessagesAsync(last, ct))
        {
            (last, lastAt) = (message.Id, message.SentAt);
            yield return Message(message);
        }
        var online = await presence.CountAvailableAsync(ct);
        var state = await chats.GetStateAsync(conversationId, ct);
        if (state is null) yield break;
        yield return Event("status", new { status = ChatEndpoints.StatusName(state.Status), agentsOnline = online, agentName = state.AssignedAgentName });

        await foreach (var signal in signals.Reader.ReadAllAsync(ct))
        {
            switch (signal)
            {
                case ChatMessagePosted { IsInternal: false } posted:
                    if (posted.Visible is { IsInternal: false } shown && (last is null || shown.SentAt > lastAt) && early.Add(shown.Id))
                        yield return Message(shown);
                    foreach (var message in await NewMessagesAsync(last, ct))
                    {
                        (last, lastAt) = (message.Id, message.SentAt);
                        if (!early.Remove(message.Id)) yield return Message(message);
                    }
                    break;
                case ChatTyping { Side: ChatSide.Agent } typing:
                    yield return Event("typing", new { agentName = typing.AgentName });
                    break;
                case ConversationAssigned assigned:
                    yield return Event("joined", new { agentName = assigned.AgentName });
                    break;
                case ConversationStatusChanged changed:
                    yield return Event("status", new { status = ChatEndpoints.StatusName(changed.Status), agentsOnline = online });
                    break;
                case AgentsMayHaveChanged:
                    var now = await presence.CountAvailableAsync(ct);
                    if (now == online) break;
                    online = now;
                    yield return Event("agents", new { online });
                    break;
                case Ping:
                    yield return Event("ping", new { });
                    break;
            }
        }
    }

    private async Task<IReadOnlyList<ChatMessageView>> NewMessagesAsync(Guid? after, CancellationToken ct) =>
        await chats.ListMessagesAsync(conversationId, after, forVisitor: true, ct) ?? [];

    private static SseItem<string> Message(ChatMessageView message) =>
        new(JsonSerializer.Serialize(ChatEndpoints.ChatMessage.From(message), Json), "message") { EventId = message.Id.ToString() };

    private static SseItem<string> Event(string type, object data) => new(JsonSerializer.Serialize(data, Json), type);
}
