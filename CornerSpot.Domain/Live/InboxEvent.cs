using CornerSpot.Domain.Callbacks;

namespace CornerSpot.Domain.Live;

/// <summary>Something changed that open inbox views may show. Carries ids; views re-read the rest.</summary>
public abstract record InboxEvent(Guid ConversationId, Guid QueueId);

public sealed record CallbackRequested(Guid CallbackId, Guid ConversationId, Guid QueueId, string Name, DateTime RequestedAt)
    : InboxEvent(ConversationId, QueueId);

public sealed record CallbackResolved(Guid CallbackId, Guid ConversationId, Guid QueueId, string ResolvedByName, DateTime ResolvedAt)
    : InboxEvent(ConversationId, QueueId);

/// <summary>A step in working a callback other than its arrival or resolution: claimed, released, taken over, an
/// attempt, reopened, requested again, its window changed.</summary>
public sealed record CallbackUpdated(Guid CallbackId, Guid ConversationId, Guid QueueId, CallbackActivityKind What, string? ByName, DateTime At)
    : InboxEvent(ConversationId, QueueId);
