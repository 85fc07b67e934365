using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;

namespace CornerSpot.Domain.Inbox;

public sealed record ConversationRow(
    Guid Id,
    string CustomerName,
    string Preview,
    string QueueName,
    ConversationStatus Status,
    DateTime LastActivityAt,
    CallbackStatus? Callback,
    DateTime? CallbackRequestedAt);
