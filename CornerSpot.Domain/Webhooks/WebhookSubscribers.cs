namespace CornerSpot.Domain.Webhooks;

/// <summary>The enabled endpoints and what each wants, as the writers see them (cached).</summary>
public sealed record WebhookSubscribers(IReadOnlyList<(Guid EndpointId, WebhookEventType Events)> Endpoints, DateTime LoadedAt)
{
    public bool Want(WebhookEventType type) => Endpoints.Any(e => e.Events.HasFlag(type));

    public IEnumerable<Guid> For(WebhookEventType type) => Endpoints.Where(e => e.Events.HasFlag(type)).Select(e => e.EndpointId);
}
