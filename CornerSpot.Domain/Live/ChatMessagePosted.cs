using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Conversations;

namespace CornerSpot.Domain.Live;

/// <summary>A chat message was committed. Internal notes carry <paramref name="IsInternal"/> and never reach the visitor.</summary>
/// <param name="Visible">The message as the visitor sees it, so their event stream can send it without a read first;
/// null for an internal note, whose text stays where the agents are.</param>
public sealed record ChatMessagePosted(Guid ConversationId, Guid QueueId, Guid MessageId, MessageAuthor Author, bool IsInternal, DateTime SentAt,
    ChatMessageView? Visible = null)
    : InboxEvent(ConversationId, QueueId);
