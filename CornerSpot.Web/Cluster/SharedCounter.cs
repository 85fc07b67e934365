using StackExchange.Redis;

namespace CornerSpot.Web.Cluster;

/// <summary>
/// Counters every node shares through Redis, each living for a window. Null answers mean Redis cannot be reached: the
/// caller counts on its own node, and this says so in the log once per outage (and once when Redis is back).
/// </summary>
public sealed class SharedCounter(RedisConnection redis, ThisNode node, ILogger<SharedCounter> logger)
{
    private readonly string _prefix = redis.Prefix + ":count:";

    // One round trip, atomic: the first increment of a window (or, sliding, every increment) sets its expiry.
    private static readonly LuaScript Increment = LuaScript.Prepare("""
        local n = redis.call('INCR', @key)
        local ttl = redis.call('PTTL', @key)
        if n == 1 or @slide == '1' or ttl < 0 then
          redis.call('PEXPIRE', @key, @window)
          ttl = tonumber(@window)
        end
        return { n, ttl }
        """);

    private static readonly LuaScript Read = LuaScript.Prepare("""
        local n = redis.call('GET', @key)
        if not n then return { 0, 0 } end
        return { tonumber(n), redis.call('PTTL', @key) }
        """);

    private int _down;

    /// <summary>Counts one more in <paramref name="key"/>'s window. A fixed window starts with its first count; a sliding
    /// one (<paramref name="slide"/>) restarts with every count, so it ends only after <paramref name="window"/> of quiet.</summary>
    public async ValueTask<WindowCount?> IncrementAsync(string key, TimeSpan window, bool slide = false) =>
        await RunAsync(Increment, new { key = (RedisKey)(_prefix + key), window = (long)window.TotalMilliseconds, slide = slide ? "1" : "0" });

    /// <summary>The count so far (zero when none) and how long its window has left.</summary>
    public async ValueTask<WindowCount?> ReadAsync(string key) => await RunAsync(Read, new { key = (RedisKey)(_prefix + key) });

    /// <returns>false when Redis cannot be reached.</returns>
    public async ValueTask<bool> DeleteAsync(string key)
    {
        if (!Reachable()) return false;
        try
        {
            await redis.Database.KeyDeleteAsync(_prefix + key);
            return Succeeded();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return Failed(ex);
        }
    }

    private async ValueTask<WindowCount?> RunAsync(LuaScript script, object parameters)
    {
        if (!Reachable()) return null;
        try
        {
            var result = (long[]?)await redis.Database.ScriptEvaluateAsync(script, parameters);
            Succeeded();
            return result is [var count, var ttl] ? new WindowCount(count, TimeSpan.FromMilliseconds(Math.Max(ttl, 0))) : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Failed(ex);
            return null;
        }
    }

    private bool Reachable() => redis.IsConnected || Failed(null);

    private bool Succeeded()
    {
        if (Interlocked.Exchange(ref _down, 0) == 1)
            logger.LogInformation("Node {Node} counts rate limits in Redis again, shared with every node", node.Name);
        return true;
    }

    private bool Failed(Exception? ex)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
            logger.LogWarning(ex, "Node {Node} cannot reach Redis: it counts rate limits on its own until Redis is back", node.Name);
        return false;
    }
}
