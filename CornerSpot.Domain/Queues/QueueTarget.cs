namespace CornerSpot.Domain.Queues;

/// <summary>The open queue a submission goes to, as intake needs it.</summary>
public sealed record QueueTarget(Guid Id, string Slug, string Name, bool CallbackEnabled);
