namespace CornerSpot.Domain.Agents;

/// <summary>An agent's own choice in the app bar: Online takes chats, Away does not.</summary>
public enum AgentPresence { Online = 0, Away = 1 }
