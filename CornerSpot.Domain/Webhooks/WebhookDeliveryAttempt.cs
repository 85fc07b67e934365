namespace CornerSpot.Domain.Webhooks;

/// <summary>One try at sending a message: the endpoint's delivery log.</summary>
public sealed class WebhookDeliveryAttempt
{
    public const int MaxErrorLength = 300;

    public long Id { get; set; }
    public Guid MessageId { get; set; }
    public Guid EndpointId { get; set; }
    public DateTime At { get; set; }
    public int Attempt { get; set; }
    /// <summary>Null when no response came (refused target, timeout, connection error).</summary>
    public int? StatusCode { get; set; }
    public int DurationMs { get; set; }
    public string? Error { get; set; }
}
