namespace CornerSpot.Domain.Webhooks;

/// <summary>An endpoint as the settings page lists it.</summary>
public sealed record WebhookEndpointRow(Guid Id, string Url, WebhookEventType Events, bool Enabled, DateTime CreatedAt, int Pending, int Failed);
