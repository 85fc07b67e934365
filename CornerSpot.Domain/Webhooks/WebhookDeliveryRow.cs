namespace CornerSpot.Domain.Webhooks;

/// <summary>A line of an endpoint's delivery log.</summary>
public sealed record WebhookDeliveryRow(long Id, Guid MessageId, string EventType, DateTime At, int Attempt, int? StatusCode,
    int DurationMs, string? Error, WebhookMessageStatus MessageStatus);
