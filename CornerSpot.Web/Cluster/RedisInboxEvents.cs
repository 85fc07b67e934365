using CornerSpot.Domain.Live;
using StackExchange.Redis;

namespace CornerSpot.Web.Cluster;

/// <summary>
/// Inbox events for several nodes: delivered to this node's subscribers at once, and relayed to the others through a
/// Redis channel with this node's id (its own echo is skipped). Publishing never waits for Redis: while Redis is away an
/// event is dropped with a log line, and when it is back every open view on this node re-reads the database.
/// </summary>
public sealed class RedisInboxEvents : IInboxEvents, IDisposable
{
    private const char Separator = '\n';

    private readonly InProcessInboxEvents _local;
    private readonly RedisConnection _redis;
    private readonly ThisNode _node;
    private readonly ILogger<RedisInboxEvents> _logger;
    private readonly IDisposable _restored;
    private readonly RedisChannel _channel;
    private int _dropping;

    public RedisInboxEvents(InProcessInboxEvents local, RedisConnection redis, ThisNode node, ILogger<RedisInboxEvents> logger)
    {
        _local = local;
        _redis = redis;
        _node = node;
        _logger = logger;
        _channel = RedisChannel.Literal($"{redis.Prefix}:inbox-events");
        _restored = redis.OnRestored(() =>
        {
            Interlocked.Exchange(ref _dropping, 0);
            _local.Publish(new ReconcileRequested());
        });
        // Registered with the multiplexer even when Redis is down now; it subscribes again on every reconnect.
        _ = SubscribeAsync();
    }

    public int SubscriberCount => _local.SubscriberCount;

    public IDisposable Subscribe(Func<InboxEvent, Task> handler) => _local.Subscribe(handler);

    public void Publish(InboxEvent e)
    {
        _local.Publish(e);
        if (!_redis.IsConnected)
        {
            Dropped(e, null);
            return;
        }
        try
        {
            var message = string.Join(Separator, _node.Id, InboxEventTypes.NameOf(e), InboxEventTypes.Serialize(e));
            _redis.Subscriber.Publish(_channel, message, CommandFlags.FireAndForget);
        }
        catch (Exception ex)
        {
            Dropped(e, ex);
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            await _redis.Subscriber.SubscribeAsync(_channel, (_, message) => Receive(message));
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Node {Node} could not subscribe to inbox events yet; it will on reconnect", _node.Name);
        }
    }

    private void Receive(RedisValue message)
    {
        try
        {
            var parts = ((string?)message ?? "").Split(Separator, 3);
            if (parts.Length != 3 || parts[0] == _node.Id) return;
            if (InboxEventTypes.Deserialize(parts[1], parts[2]) is { } e) _local.Publish(e);
            else _logger.LogWarning("Node {Node} ignored an inbox event of unknown type {Type}", _node.Name, parts[1]);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Node {Node} could not read a relayed inbox event", _node.Name);
        }
    }

    /// <summary>One line per outage: the views on other nodes reconcile when they next query.</summary>
    private void Dropped(InboxEvent e, Exception? ex)
    {
        if (Interlocked.Exchange(ref _dropping, 1) == 0)
            _logger.LogWarning(ex, "Node {Node} cannot reach Redis: {Event} and later events reach other nodes' views only when they reconcile",
                _node.Name, e.GetType().Name);
    }

    public void Dispose() => _restored.Dispose();
}
