using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Web.Live;

/// <summary>
/// Which signed-in agents have the console open right now: one entry per circuit, fed by
/// <see cref="AgentPresenceCircuitHandler"/>. An agent is available when at least one of their circuits
/// is connected and their stored <see cref="Agent.Presence"/> is Online.
/// </summary>
/// <remarks>Per node: with several nodes each knows only its own circuits.</remarks>
public sealed class AgentPresence(IDbContextFactory<CornerSpotDb> dbFactory)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CircuitEntry> _circuits = new(StringComparer.Ordinal);

    private sealed record CircuitEntry(string AgentId, bool Connected);

    public void CircuitOpened(string circuitId, string agentId)
    {
        lock (_gate) _circuits[circuitId] = new CircuitEntry(agentId, Connected: true);
    }

    /// <summary>The circuit's user changed (signed out, or a different agent).</summary>
    public void CircuitUserChanged(string circuitId, string? agentId)
    {
        lock (_gate)
        {
            if (agentId is null) _circuits.Remove(circuitId);
            else _circuits[circuitId] = _circuits.TryGetValue(circuitId, out var e) ? e with { AgentId = agentId } : new CircuitEntry(agentId, true);
        }
    }

    /// <summary>The browser lost or regained its connection; the circuit is kept for a while in between.</summary>
    public void ConnectionChanged(string circuitId, bool connected)
    {
        lock (_gate)
        {
            if (_circuits.TryGetValue(circuitId, out var e)) _circuits[circuitId] = e with { Connected = connected };
        }
    }

    public void CircuitClosed(string circuitId)
    {
        lock (_gate) _circuits.Remove(circuitId);
    }

    /// <summary>Agents with at least one connected circuit, whatever their stored presence.</summary>
    public IReadOnlySet<string> ConnectedAgentIds()
    {
        lock (_gate) return _circuits.Values.Where(e => e.Connected).Select(e => e.AgentId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>How many agents can take a chat now. Queues are not assigned to agents yet, so this holds for every queue.</summary>
    public async Task<int> CountAvailableAsync(CancellationToken ct)
    {
        var connected = ConnectedAgentIds();
        if (connected.Count == 0) return 0;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking()
            .CountAsync(a => connected.Contains(a.Id) && a.Presence == Domain.Agents.AgentPresence.Online && !a.IsDisabled, ct);
    }
}
