using CornerSpot.Domain.Conversations;

namespace CornerSpot.Domain.Live;

/// <summary>A chat message was committed. Internal notes carry <paramref name="IsInternal"/> and never reach the visitor.</summary>
public sealed record ChatMessagePosted(Guid ConversationId, Guid QueueId, Guid MessageId, MessageAuthor Author, bool IsInternal, DateTime SentAt)
    : InboxEvent(ConversationId, QueueId);
