namespace CornerSpot.Web.Presence;

/// <summary>An agent who can take a chat now: Online, enabled, with the console open.</summary>
public sealed record AvailableAgent(string Id, string DisplayName);
