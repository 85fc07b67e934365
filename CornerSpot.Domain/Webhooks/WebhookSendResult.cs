namespace CornerSpot.Domain.Webhooks;

/// <summary>How one attempt went. Delivered means a 2xx answer; anything else (a redirect too) is retried.</summary>
public sealed record WebhookSendResult(int? StatusCode, TimeSpan Duration, string? Error)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}
