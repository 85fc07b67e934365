using CornerSpot.Domain.Callbacks;

namespace CornerSpot.Web.Components.Inbox;

/// <summary>What the agent chose in the "Log call" dialog.</summary>
public sealed record LoggedCall(CallOutcome Outcome, string? Note);
