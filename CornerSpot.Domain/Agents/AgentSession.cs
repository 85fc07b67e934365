namespace CornerSpot.Domain.Agents;

/// <summary>One signed-in browser. The cookie names it; signing out deletes it, so a copied cookie dies with it.</summary>
public sealed class AgentSession
{
    public string Id { get; set; } = "";
    public string AgentId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
