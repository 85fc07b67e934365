namespace CornerSpot.Domain.Agents;

/// <summary>The agent behind a privileged action, as the database knows them at that moment.</summary>
public sealed record ActingAgent(string Id, string Email, string Role);
