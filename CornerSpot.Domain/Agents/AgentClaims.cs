using System.Security.Claims;

namespace CornerSpot.Domain.Agents;

/// <summary>What the sign-in cookie says about an agent. Identity only: roles and the disabled flag are read from
/// the database (<see cref="AgentAccess"/>), never trusted from a principal that may be hours old.</summary>
public static class AgentClaims
{
    /// <summary>The server-side session (<see cref="AgentSession"/>) a cookie belongs to; signing out deletes it.</summary>
    public const string SessionClaim = "cornerspot:session";

    /// <summary>Present while the agent still has a generated or admin-set password.</summary>
    public const string MustChangePasswordClaim = "cornerspot:must_change_password";

    public static string? AgentId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(SessionClaim);

    public static bool MustChangePassword(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == MustChangePasswordClaim);
}
