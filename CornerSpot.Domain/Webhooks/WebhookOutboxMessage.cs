namespace CornerSpot.Domain.Webhooks;

/// <summary>
/// One event for one endpoint, written in the transaction that made the change, so a crash after the commit loses
/// none. The sender claims a row with a lease (a conditional update), so two nodes never send the same attempt.
/// The ids of the callback, conversation and customer it is about are kept in columns so erasure can find it.
/// </summary>
public sealed class WebhookOutboxMessage
{
    public Guid Id { get; set; }
    public Guid EndpointId { get; set; }
    public WebhookEventType EventType { get; set; }
    /// <summary>The JSON body, exactly as signed and sent.</summary>
    public required string Payload { get; set; }
    public DateTime CreatedAt { get; set; }
    public WebhookMessageStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public Guid? CallbackRequestId { get; set; }
    public Guid? ConversationId { get; set; }
    public Guid? CustomerId { get; set; }

    /// <summary>The Standard Webhooks <c>webhook-id</c>: the same for every attempt of this message.</summary>
    public string WebhookId => "msg_" + Id.ToString("N");
}
