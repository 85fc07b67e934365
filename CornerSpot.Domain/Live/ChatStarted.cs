namespace CornerSpot.Domain.Live;

/// <summary>A visitor started a chat ("New chat from {name}").</summary>
public sealed record ChatStarted(Guid ConversationId, Guid QueueId, Guid MessageId, string Name, DateTime At)
    : InboxEvent(ConversationId, QueueId);
