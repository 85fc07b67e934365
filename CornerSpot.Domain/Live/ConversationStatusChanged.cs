using CornerSpot.Domain.Conversations;

namespace CornerSpot.Domain.Live;

/// <summary>A conversation became Open, Pending or Resolved.</summary>
public sealed record ConversationStatusChanged(Guid ConversationId, Guid QueueId, ConversationStatus Status, DateTime At)
    : InboxEvent(ConversationId, QueueId);
