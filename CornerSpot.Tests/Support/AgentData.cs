using CornerSpot.Domain.Agents;

namespace CornerSpot.Tests.Support;

/// <summary>Puts agents straight into a harness's database (no roles, no password): enough for presence.</summary>
public static class AgentData
{
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
