using System.Security.Claims;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Agents;

/// <summary>
/// The one role check for privileged actions. It re-reads the agent, their disabled flag and their role from the
/// database on every call: a console circuit keeps the claims it started with for hours, so a demoted or disabled
/// admin's open tab must not keep admin powers.
/// </summary>
public static class AgentAccess
{
    /// <exception cref="UnauthorizedAccessException">The principal is not an enabled agent holding at least that role.</exception>
    public static async Task<ActingAgent> RequireRoleAsync(this CornerSpotDb db, ClaimsPrincipal user, string role, CancellationToken ct)
    {
        if (user.AgentId() is { } id
            && await db.Users.AsNoTracking().Where(a => a.Id == id && !a.IsDisabled).Select(a => a.Email).SingleOrDefaultAsync(ct) is { } email)
        {
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name!)
                .ToListAsync(ct);
            var held = HighestRole(roles);
            if (Array.IndexOf(Roles.All, held) >= Array.IndexOf(Roles.All, role)) return new ActingAgent(id, email, held);
        }
        throw new UnauthorizedAccessException($"Only an enabled {role} (or higher) can do this.");
    }

    public static Task<ActingAgent> RequireAdminAsync(this CornerSpotDb db, ClaimsPrincipal user, CancellationToken ct) =>
        db.RequireRoleAsync(user, Roles.Admin, ct);

    /// <summary>Admin outranks Lead outranks Agent; an agent holds one role, this guards against stray rows.</summary>
    public static string HighestRole(IEnumerable<string> roles) =>
        roles.OrderByDescending(r => Array.IndexOf(Roles.All, r)).FirstOrDefault() ?? Roles.Agent;
}
