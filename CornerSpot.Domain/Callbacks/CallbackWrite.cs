namespace CornerSpot.Domain.Callbacks;

/// <summary>
/// A validated submission with everything decided: ids, the queue, the normalised phone number and the request's
/// time. The only thing left to the writer is what needs the write lock: the idempotency check and the customer match.
/// </summary>
public sealed record CallbackWrite(
    string? IdempotencyKey,
    string RequestHash,
    Guid CallbackId,
    Guid ConversationId,
    Guid QueueId,
    DateTime RequestedAt,
    string Name,
    string PhoneE164,
    string PhoneAsTyped,
    string? Email,
    string? TimeZone,
    string? PageUrl,
    DateTime? PreferredStartUtc,
    DateTime? PreferredEndUtc,
    string? Note,
    string VisitorMessage,
    string StatusTokenHash,
    string ProtectedStatusToken,
    string? AttachToken = null)
{
    /// <summary>Whether the request joins the visitor's chat (<see cref="ConversationId"/>, opened by <see cref="AttachToken"/>)
    /// instead of starting a conversation.</summary>
    public bool Attaches => AttachToken is not null;

    public CallbackReceipt Receipt => new(CallbackId, ConversationId, CallbackStatus.Pending, RequestedAt);
}
