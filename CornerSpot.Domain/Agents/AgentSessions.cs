using System.Security.Cryptography;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Agents;

/// <summary>
/// Server-side sessions. A cookie is good only while its session row exists, its agent is enabled and the agent's
/// security stamp is the one it was issued with: signing out ends the one session; disabling, a role change and a
/// password reset or change (each a new stamp) end them all. Checked on every request with one primary-key read,
/// so every node agrees at once; open consoles on this node are told through <see cref="Subscribe"/>.
/// </summary>
public sealed class AgentSessions(IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock)
{
    /// <summary>Sessions older than this are removed when the agent next signs in (the cookie lives 12 h, sliding).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    private Action<string>[] _subscribers = [];
    private readonly Lock _lock = new();

    public async Task<string> StartAsync(string agentId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cutoff = now - MaxAge;
        await db.AgentSessions.Where(s => s.AgentId == agentId && s.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        db.AgentSessions.Add(new AgentSession { Id = id, AgentId = agentId, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        return id;
    }

    public async Task EndAsync(string agentId, string sessionId, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.AgentSessions.Where(s => s.Id == sessionId && s.AgentId == agentId).ExecuteDeleteAsync(ct);
        Changed(agentId);
    }

    public async Task<bool> IsValidAsync(string? agentId, string? sessionId, string? securityStamp, CancellationToken ct)
    {
        if (agentId is null || sessionId is null || securityStamp is null) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AgentSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.AgentId == agentId)
            .Join(db.Users, s => s.AgentId, a => a.Id, (s, a) => a)
            .AnyAsync(a => !a.IsDisabled && a.SecurityStamp == securityStamp, ct);
    }

    /// <summary>Tells this node's open consoles that the agent's sessions may have ended; each re-checks its own.</summary>
    public void Changed(string agentId)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try { subscriber(agentId); }
            catch (Exception) { /* one broken circuit must not fail an admin's action */ }
        }
    }

    public IDisposable Subscribe(Action<string> onChanged)
    {
        lock (_lock) _subscribers = [.. _subscribers, onChanged];
        return new Subscription(this, onChanged);
    }

    private sealed class Subscription(AgentSessions owner, Action<string> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._lock) owner._subscribers = owner._subscribers.Where(s => s != handler).ToArray();
        }
    }
}
