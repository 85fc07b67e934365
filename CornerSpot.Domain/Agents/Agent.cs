using Microsoft.AspNetCore.Identity;

namespace CornerSpot.Domain.Agents;

/// <summary>A person who signs in to the console (Agent, Lead or Admin role).</summary>
public sealed class Agent : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public bool IsDisabled { get; set; }
    public AgentPresence Presence { get; set; } = AgentPresence.Online;
    public DateTime CreatedAt { get; set; }
    /// <summary>Set for a generated or admin-set password: the agent chooses their own before using the console.</summary>
    public bool MustChangePassword { get; set; }
}
