using CornerSpot.Domain.Webhooks;

namespace CornerSpot.Web.Components.Settings;

/// <summary>What the endpoint dialog edits.</summary>
public sealed record WebhookEndpointForm(string Url, WebhookEventType Events, bool Enabled);
