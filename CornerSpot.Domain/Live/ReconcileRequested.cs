namespace CornerSpot.Domain.Live;

/// <summary>Views on this node may have missed events (the link between nodes was down): every open view re-reads what it
/// shows. Not about one conversation, so its ids are empty.</summary>
public sealed record ReconcileRequested() : InboxEvent(Guid.Empty, Guid.Empty);
