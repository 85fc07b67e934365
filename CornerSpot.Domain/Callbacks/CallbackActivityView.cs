namespace CornerSpot.Domain.Callbacks;

/// <summary>One line of the card's "Activity" timeline. ActorName is null for the visitor.</summary>
public sealed record CallbackActivityView(CallbackActivityKind Kind, CallOutcome? CallOutcome, string? Note, string? ActorName, DateTime At);
