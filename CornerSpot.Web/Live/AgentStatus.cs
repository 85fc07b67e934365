using System.Security.Claims;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Stored = CornerSpot.Domain.Agents.AgentPresence;

namespace CornerSpot.Web.Live;

/// <summary>
/// The signed-in agent's own Online/Away choice, kept on <see cref="Domain.Agents.Agent.Presence"/> so it holds
/// across sign-ins and tabs. Every call re-reads the agent named by the principal's NameIdentifier claim.
/// </summary>
public sealed class AgentStatus(IDbContextFactory<CornerSpotDb> dbFactory, AgentPresence presence)
{
    /// <summary>The stored presence, or null when the principal is not an existing agent.</summary>
    public async Task<Stored?> GetAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.AgentId() is not { } id) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(a => a.Id == id).Select(a => (Stored?)a.Presence).SingleOrDefaultAsync(ct);
    }

    /// <summary>Stores the choice and tells every open view (the agent's other tabs, the team page). False when there is no such agent.</summary>
    public async Task<bool> SetAsync(ClaimsPrincipal user, Stored value, CancellationToken ct)
    {
        if (user.AgentId() is not { } id) return false;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var updated = await db.Users.Where(a => a.Id == id).ExecuteUpdateAsync(s => s
                // A new stamp makes a concurrent UserManager update of this agent fail instead of writing the old presence back.
                .SetProperty(a => a.Presence, value).SetProperty(a => a.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
            if (updated == 0) return false;
        }
        presence.StoredPresenceChanged(id);
        return true;
    }
}
