namespace CornerSpot.Domain.Webhooks;

public enum WebhookMessageStatus
{
    Pending = 0,
    Delivered = 1,
    /// <summary>Every attempt for <c>Webhooks:GiveUpHours</c> failed.</summary>
    Failed = 2,
}
