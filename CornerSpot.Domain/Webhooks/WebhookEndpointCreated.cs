namespace CornerSpot.Domain.Webhooks;

/// <summary>What adding an endpoint answers: the problem with the input, or the new endpoint's secret (shown once).</summary>
public sealed record WebhookEndpointCreated(string? Problem, Guid? Id = null, string? Secret = null);
