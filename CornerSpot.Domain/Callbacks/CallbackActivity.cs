namespace CornerSpot.Domain.Callbacks;

public enum CallbackActivityKind
{
    Requested = 0, RequestedAgain = 1, Claimed = 2, Released = 3, TakenOver = 4, Attempted = 5,
    Resolved = 6, Reopened = 7, Cancelled = 8, WindowChanged = 9, ClosedUnreachable = 10,
}

/// <summary>One step in a callback's life, for the card's "Activity" timeline. Append-only.</summary>
public sealed class CallbackActivity
{
    public Guid Id { get; init; }
    public Guid CallbackRequestId { get; init; }
    public CallbackActivityKind Kind { get; init; }
    /// <summary>For an attempt, or a resolution by a logged call.</summary>
    public CallOutcome? CallOutcome { get; init; }
    /// <summary>The agent's note on a logged call; never what a visitor typed.</summary>
    public string? Note { get; init; }
    /// <summary>Null for the visitor (a request, a change of time, a cancellation).</summary>
    public string? ActorId { get; init; }
    public string? ActorName { get; init; }
    public DateTime At { get; init; }
}
