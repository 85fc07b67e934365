using CornerSpot.Domain.Conversations;

namespace CornerSpot.Domain.Chat;

/// <summary>A conversation's chat state for the console: who is on it, how many visitor messages are unread.</summary>
public sealed record ChatState(Guid ConversationId, Guid QueueId, ConversationStatus Status, bool IsChat,
    string? AssignedAgentId, string? AssignedAgentName, int UnreadCount, DateTime CreatedAt);
