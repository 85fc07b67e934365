using CornerSpot.Domain.Live;
using StackExchange.Redis;

namespace CornerSpot.Web.Cluster;

/// <summary>
/// The node's one connection to Redis (<c>Redis:Configuration</c>). It never waits for Redis: the node starts while Redis
/// is down, commands fail at once instead of queueing while it is (callers fall back), and it reconnects by itself.
/// Its <c>abortConnect</c>, backlog and timeouts are set here, whatever the configuration string says.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly ConnectionMultiplexer _multiplexer;
    private readonly SubscriberList<Action> _restored = new();
    private readonly ILogger<RedisConnection> _logger;

    public RedisConnection(IConfiguration config, ThisNode node, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        Prefix = config["Redis:Prefix"] is { Length: > 0 } prefix ? prefix : "cornerspot";
        var options = ConfigurationOptions.Parse(config["Redis:Configuration"]
            ?? throw new InvalidOperationException("Redis:Configuration is not set."));
        options.AbortOnConnectFail = false;
        // Queued commands would hold a visitor's request (or a rate-limit check) for as long as Redis is away.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 1000);
        // Back within a second or so of Redis returning, so open views reconcile promptly.
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.ClientName ??= $"cornerspot-{node.Name}";
        _multiplexer = ConnectionMultiplexer.Connect(options);
        _multiplexer.ConnectionFailed += (_, e) =>
            _logger.LogWarning("Node {Node} lost its Redis connection ({ConnectionType}): {Failure}", node.Name, e.ConnectionType, e.FailureType);
        _multiplexer.ConnectionRestored += (_, e) =>
        {
            _logger.LogInformation("Node {Node} is connected to Redis again ({ConnectionType})", node.Name, e.ConnectionType);
            // The subscription connection is the one whose gap loses events.
            if (e.ConnectionType != ConnectionType.Subscription) return;
            foreach (var handler in _restored.Current)
            {
                try
                {
                    handler();
                }
                catch (Exception ex)
                {
                    _logger.LogWarning(ex, "A Redis reconnection handler failed");
                }
            }
        };
        logger.LogInformation("Node {Node} shares events, presence and rate limits through Redis (connected: {Connected})",
            node.Name, _multiplexer.IsConnected);
    }

    public bool IsConnected => _multiplexer.IsConnected;

    /// <summary>Starts every key and channel name (<c>Redis:Prefix</c>, default <c>cornerspot</c>), so installations
    /// can share one Redis.</summary>
    public string Prefix { get; }

    public IDatabase Database => _multiplexer.GetDatabase();

    public ISubscriber Subscriber => _multiplexer.GetSubscriber();

    /// <summary>Calls <paramref name="handler"/> each time the event channel is connected again after a loss.</summary>
    public IDisposable OnRestored(Action handler) => _restored.Add(handler);

    public void Dispose() => _multiplexer.Dispose();
}
