namespace CornerSpot.Domain.Chat;

/// <summary>The answer given for a visitor message's Idempotency-Key, unique per conversation: a retry with the same
/// body gets the same message back, a retry with another body is refused.</summary>
public sealed class ChatMessageKey
{
    public Guid ConversationId { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public Guid MessageId { get; set; }
    public DateTime CreatedAt { get; set; }
}
