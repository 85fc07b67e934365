using CornerSpot.Domain.Conversations;

namespace CornerSpot.Domain.Callbacks;

public enum CallbackStatus { Pending = 0, Resolved = 1 }

public sealed class CallbackRequest
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Conversation? Conversation { get; set; }
    public required string Name { get; set; }
    public required string PhoneE164 { get; set; }
    public required string PhoneAsTyped { get; set; }
    public DateTime? PreferredStartUtc { get; set; }
    public DateTime? PreferredEndUtc { get; set; }
    public string? VisitorTimeZone { get; set; }
    public string? Note { get; set; }
    public DateTime RequestedAt { get; set; }
    public CallbackStatus Status { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedById { get; set; }
    public string? ResolvedByName { get; set; }
}

/// <summary>The first answer given for an Idempotency-Key, replayed for every retry with the same body.</summary>
public sealed class IdempotencyRecord
{
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public Guid CallbackRequestId { get; set; }
    public DateTime CreatedAt { get; set; }
}
