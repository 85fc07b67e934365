namespace CornerSpot.Domain.Live;

/// <summary>An agent read the conversation: its unread count is back to zero.</summary>
public sealed record ChatRead(Guid ConversationId, Guid QueueId, string? AgentId) : InboxEvent(ConversationId, QueueId);
