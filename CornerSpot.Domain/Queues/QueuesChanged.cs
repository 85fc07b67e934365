using CornerSpot.Domain.Live;

namespace CornerSpot.Domain.Queues;

/// <summary>An admin added, renamed, removed or reconfigured a queue: every node reads queues afresh.</summary>
public sealed record QueuesChanged() : InboxEvent(Guid.Empty, Guid.Empty);
