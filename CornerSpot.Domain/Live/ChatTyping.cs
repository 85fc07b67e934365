using CornerSpot.Domain.Chat;

namespace CornerSpot.Domain.Live;

/// <summary>One side is typing (at most one event per side every <see cref="ChatOptions.TypingInterval"/>).</summary>
public sealed record ChatTyping(Guid ConversationId, Guid QueueId, ChatSide Side, string? AgentName, DateTime At)
    : InboxEvent(ConversationId, QueueId);
