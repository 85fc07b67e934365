using System.Security.Claims;
using CornerSpot.Domain.Agents;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Support;

/// <summary>Puts agents straight into a harness's database (no password): enough for presence and role checks.</summary>
public static class AgentData
{
    /// <summary>An enabled agent holding the role in the database, with the id <see cref="Principals"/> uses, so
    /// services that re-read the actor's role find them. Returns the principal.</summary>
    public static async Task<ClaimsPrincipal> StoredAgentAsync(this DomainHarness harness, string role = Roles.Admin, string id = "admin-1",
        bool disabled = false)
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        await using var db = harness.Db();
        if (await db.Roles.SingleOrDefaultAsync(r => r.Name == role, ct) is not { } stored)
            db.Roles.Add(stored = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        var email = $"{id}@example.com";
        db.Users.Add(new Agent
        {
            Id = id, UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = id,
            IsDisabled = disabled, CreatedAt = harness.Clock.GetUtcNow().UtcDateTime,
        });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = stored.Id });
        await db.SaveChangesAsync(ct);
        return Principals.WithRole(role, id, id);
    }

    public static async Task<string> AgentAsync(this DomainHarness harness, string name,
        AgentPresence presence = AgentPresence.Online, bool disabled = false)
    {
        await using var db = harness.Db();
        var agent = new Agent
        {
            UserName = $"{name}@example.com", Email = $"{name}@example.com", DisplayName = name,
            Presence = presence, IsDisabled = disabled, CreatedAt = harness.Clock.GetUtcNow().UtcDateTime,
        };
        db.Users.Add(agent);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        return agent.Id;
    }

    public static async Task<AgentPresence> StoredPresenceAsync(this DomainHarness harness, string agentId)
    {
        await using var db = harness.Db();
        return (await db.Users.FindAsync([agentId], Xunit.TestContext.Current.CancellationToken))!.Presence;
    }
}
