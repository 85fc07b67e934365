using CornerSpot.Web.Cluster;
using StackExchange.Redis;

namespace CornerSpot.Web.Presence;

/// <summary>
/// Who has the console open on every node. Each node writes the agents connected to it into one Redis hash (field: its
/// node id; value: until when the entry holds, then the ids), on every change and on a heartbeat; an entry whose node
/// stopped writing (it crashed) lapses after <see cref="Lifetime"/>. Queues are not assigned to agents yet, so one list
/// per node answers for every queue.
/// </summary>
public sealed class PresenceBoard : IDisposable
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly RedisConnection _redis;
    private readonly ThisNode _node;
    private readonly TimeProvider _clock;
    private readonly ILogger<PresenceBoard> _logger;
    private readonly IDisposable _restored;
    private readonly RedisKey _key;
    private ITimer? _heartbeat;
    private Func<IReadOnlySet<string>>? _local;

    public PresenceBoard(RedisConnection redis, ThisNode node, TimeProvider clock, ILogger<PresenceBoard> logger)
    {
        _redis = redis;
        _node = node;
        _clock = clock;
        _logger = logger;
        _key = $"{redis.Prefix}:presence";
        _restored = redis.OnRestored(Write);
    }

    /// <summary>Starts publishing this node's connected agents, as <paramref name="local"/> reports them.</summary>
    public void Track(Func<IReadOnlySet<string>> local)
    {
        _local = local;
        _heartbeat ??= _clock.CreateTimer(_ => Write(), null, TimeSpan.Zero, Heartbeat);
    }

    /// <summary>Writes this node's entry now (fire and forget: a circuit event never waits for Redis).</summary>
    public void Write()
    {
        if (_local is not { } local || !_redis.IsConnected) return;
        try
        {
            var until = _clock.GetUtcNow().Add(Lifetime).ToUnixTimeMilliseconds();
            _redis.Database.HashSet(_key, _node.Id, $"{until}|{string.Join(',', local())}", flags: CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogDebug(ex, "Node {Node} could not write its presence; the heartbeat tries again", _node.Name);
        }
    }

    /// <summary>The agents connected to other nodes; null when Redis cannot be read.</summary>
    public async Task<HashSet<string>?> OtherNodesAsync()
    {
        if (!_redis.IsConnected) return null;
        try
        {
            var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in await _redis.Database.HashGetAllAsync(_key))
            {
                if (entry.Name == _node.Id) continue;
                var parts = ((string?)entry.Value ?? "").Split('|', 2);
                if (parts.Length != 2 || !long.TryParse(parts[0], out var until) || until < now)
                {
                    _redis.Database.HashDelete(_key, entry.Name, CommandFlags.FireAndForget);
                    continue;
                }
                ids.UnionWith(parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries));
            }
            return ids;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning(ex, "Node {Node} could not read presence from Redis", _node.Name);
            return null;
        }
    }

    public void Dispose()
    {
        _heartbeat?.Dispose();
        _restored.Dispose();
        // A node that stops cleanly leaves at once instead of after its entry lapses.
        if (_redis.IsConnected)
        {
            try
            {
                _redis.Database.HashDelete(_key, _node.Id, CommandFlags.FireAndForget);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                _logger.LogDebug(ex, "Node {Node} could not remove its presence", _node.Name);
            }
        }
    }
}
