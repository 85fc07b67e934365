namespace CornerSpot.Domain.Chat;

/// <summary>The <c>data</c> of a <c>chat.message</c> or <c>conversation.resolved</c> webhook: the conversation, who the
/// customer is, and the message (absent for a resolution). Internal notes are never sent.</summary>
public sealed record ChatWebhookData(
    Guid ConversationId,
    string Queue,
    string Status,
    Guid CustomerId,
    string CustomerName,
    string? Email,
    string? Phone,
    string? AssignedAgentName,
    ChatWebhookMessage? Message);

public sealed record ChatWebhookMessage(Guid Id, string Author, string AuthorName, string Text, DateTime SentAt);
