using System.Security.Claims;

namespace CornerSpot.Domain.Agents;

public static class AgentClaims
{
    /// <summary>The signed-in agent's id, or null for an anonymous principal.</summary>
    public static string? AgentId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}
