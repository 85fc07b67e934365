namespace CornerSpot.Domain.Webhooks;

/// <summary>A message this node holds the lease on, with what sending it needs.</summary>
public sealed record WebhookClaim(Guid MessageId, string WebhookId, Guid EndpointId, string Url, string ProtectedSecret, string Payload,
    DateTime CreatedAt, int Attempt, string LeaseOwner);
