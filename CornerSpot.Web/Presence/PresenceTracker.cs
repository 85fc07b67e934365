using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Web.Presence;

/// <summary>
/// Which signed-in agents have the console open right now: one entry per circuit, fed by
/// <see cref="PresenceCircuitHandler"/>. An agent is available when at least one of their circuits
/// is connected and their stored <see cref="Agent.Presence"/> is Online.
/// </summary>
/// <remarks>Circuits are per node; with Redis, the <see cref="PresenceBoard"/> shares each node's connected agents so
/// availability answers the same on every node.</remarks>
public sealed class PresenceTracker
{
    private readonly IDbContextFactory<CornerSpotDb> dbFactory;
    private readonly CornerSpotMetrics metrics;
    private readonly ILogger<PresenceTracker> logger;
    private readonly PresenceBoard? board;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CircuitEntry> _circuits = new(StringComparer.Ordinal);

    private sealed record CircuitEntry(string AgentId, bool Connected);

    private readonly SubscriberList<Action<string>> _subscribers = new();

    public PresenceTracker(IDbContextFactory<CornerSpotDb> dbFactory, CornerSpotMetrics metrics, ILogger<PresenceTracker> logger,
        PresenceBoard? board = null)
    {
        this.dbFactory = dbFactory;
        this.metrics = metrics;
        this.logger = logger;
        this.board = board;
        board?.Track(ConnectedAgentIds);
    }

    /// <summary>
    /// Calls <paramref name="handler"/> with an agent's id whenever that agent's availability may have changed: a
    /// circuit opened, closed, lost or regained its connection, or their stored presence changed. Called on the thread
    /// that made the change, outside the lock; handlers must not block (hand off with <c>InvokeAsync</c>).
    /// </summary>
    public IDisposable Subscribe(Action<string> handler) => _subscribers.Add(handler);

    /// <summary>How many subscribers there are, so tests can prove views unsubscribe.</summary>
    public int SubscriberCount => _subscribers.Count;

    public void CircuitOpened(string circuitId, string agentId)
    {
        int delta;
        lock (_gate)
        {
            var before = _circuits.Count;
            _circuits[circuitId] = new CircuitEntry(agentId, Connected: true);
            delta = _circuits.Count - before;
        }
        metrics.OpenConsolesChanged(delta);
        Raise(agentId);
    }

    /// <summary>The circuit's user changed (signed out, or a different agent). Only a tracked circuit changes: a change
    /// that arrives after the circuit closed must not bring its agent back as online.</summary>
    public void CircuitUserChanged(string circuitId, string? agentId)
    {
        string? before;
        int delta;
        lock (_gate)
        {
            var count = _circuits.Count;
            if (!_circuits.TryGetValue(circuitId, out var e)) return;
            before = e.AgentId;
            if (agentId is null) _circuits.Remove(circuitId);
            else _circuits[circuitId] = e with { AgentId = agentId };
            delta = _circuits.Count - count;
        }
        metrics.OpenConsolesChanged(delta);
        if (before == agentId) return;
        if (before is not null) Raise(before);
        if (agentId is not null) Raise(agentId);
    }

    /// <summary>The browser lost or regained its connection; the circuit is kept for a while in between.</summary>
    public void ConnectionChanged(string circuitId, bool connected)
    {
        string? agentId = null;
        lock (_gate)
        {
            if (_circuits.TryGetValue(circuitId, out var e) && e.Connected != connected)
            {
                _circuits[circuitId] = e with { Connected = connected };
                agentId = e.AgentId;
            }
        }
        if (agentId is not null) Raise(agentId);
    }

    public void CircuitClosed(string circuitId)
    {
        CircuitEntry? removed;
        lock (_gate) _circuits.Remove(circuitId, out removed);
        if (removed is not null) metrics.OpenConsolesChanged(-1);
        if (removed is not null) Raise(removed.AgentId);
    }

    /// <summary>The agent's stored <see cref="Agent.Presence"/> was changed (by <see cref="AgentStatus"/>).</summary>
    public void StoredPresenceChanged(string agentId) => Raise(agentId);

    /// <summary>Agents with at least one connected circuit, whatever their stored presence.</summary>
    public IReadOnlySet<string> ConnectedAgentIds()
    {
        lock (_gate) return _circuits.Values.Where(e => e.Connected).Select(e => e.AgentId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>How many agents can take a chat now, on any node; null when other nodes' presence cannot be read.
    /// Queues are not assigned to agents yet, so this holds for every queue.</summary>
    public async Task<int?> CountAvailableAsync(CancellationToken ct)
    {
        if (await ConnectedEverywhereAsync() is not { } connected) return null;
        if (connected.Count == 0) return 0;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Available(db, connected).CountAsync(ct);
    }

    /// <summary>The agents who can take a chat now, by display name (this node's alone when other nodes' cannot be read).</summary>
    public async Task<IReadOnlyList<AvailableAgent>> ListAvailableAsync(CancellationToken ct)
    {
        var connected = await ConnectedEverywhereAsync() ?? ConnectedAgentIds();
        if (connected.Count == 0) return [];

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Available(db, connected).OrderBy(a => a.DisplayName)
            .Select(a => new AvailableAgent(a.Id, a.DisplayName == "" ? a.Email ?? "" : a.DisplayName))
            .ToListAsync(ct);
    }

    private async Task<IReadOnlySet<string>?> ConnectedEverywhereAsync()
    {
        var here = ConnectedAgentIds();
        if (board is null) return here;
        if (await board.OtherNodesAsync() is not { } elsewhere) return null;
        elsewhere.UnionWith(here);
        return elsewhere;
    }

    private static IQueryable<Agent> Available(CornerSpotDb db, IReadOnlySet<string> connected) =>
        db.Users.AsNoTracking()
            .Where(a => connected.Contains(a.Id) && a.Presence == AgentPresence.Online && !a.IsDisabled);

    private void Raise(string agentId)
    {
        board?.Write();
        foreach (var handler in _subscribers.Current)
        {
            try
            {
                handler(agentId);
            }
            catch (Exception ex)
            {
                // One broken view must not fail a circuit event or a presence change for everyone else.
                logger.LogWarning(ex, "A presence subscriber failed");
            }
        }
    }
}
