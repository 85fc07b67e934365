namespace CornerSpot.Web.Components.Inbox;

/// <summary>What the agent wrote in the composer: a reply to the visitor, or an internal note for the team.</summary>
public sealed record ChatReply(string Text, bool IsInternal);
