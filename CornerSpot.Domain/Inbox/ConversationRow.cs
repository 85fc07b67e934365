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
    DateTime? CallbackRequestedAt,
    /// <summary>Who is calling about this conversation's Pending callback now (an unlapsed claim); null when nobody is.</summary>
    string? CallingAgentName = null,
    /// <summary>Whether that is the agent the list was read for ("You're calling").</summary>
    bool CallingIsYou = false,
    /// <summary>Visitor messages no agent has read yet (bold row, a count).</summary>
    int UnreadCount = 0);
