using System.Threading.RateLimiting;

namespace CornerSpot.Web.Cluster;

/// <summary>
/// A fixed-window limit per key: across every node through <see cref="SharedCounter"/> when Redis is configured, on this
/// node alone when it is not or while Redis is down. Without Redis no call waits for anything.
/// </summary>
/// <param name="name">Keeps this limiter's keys apart from other limiters' in Redis.</param>
/// <param name="permitsFor">How many calls a key may make per window.</param>
public sealed class WindowLimiter : IDisposable
{
    private readonly string _name;
    private readonly TimeSpan _window;
    private readonly Func<string, int> _permitsFor;
    private readonly SharedCounter? _shared;
    private readonly PartitionedRateLimiter<string> _local;
    private int _partitionsCreated;

    public WindowLimiter(string name, TimeSpan window, Func<string, int> permitsFor, SharedCounter? shared)
    {
        _name = name;
        _window = window;
        _permitsFor = permitsFor;
        _shared = shared;
        _local = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, k =>
        {
            Interlocked.Increment(ref _partitionsCreated);
            return new FixedWindowRateLimiterOptions { PermitLimit = permitsFor(k), Window = window, QueueLimit = 0 };
        }));
    }

    /// <summary>How many keys this node's own limiter ever held: what it can hold in memory.</summary>
    public int PartitionsCreated => Volatile.Read(ref _partitionsCreated);

    /// <returns>null when allowed; otherwise how long the caller should wait.</returns>
    public ValueTask<TimeSpan?> TryAcquireAsync(string key) =>
        _shared is null ? ValueTask.FromResult(TryAcquireLocal(key)) : TryAcquireSharedAsync(key);

    private async ValueTask<TimeSpan?> TryAcquireSharedAsync(string key)
    {
        if (await _shared!.IncrementAsync($"{_name}|{key}", _window) is not { } count) return TryAcquireLocal(key);
        if (count.Count <= _permitsFor(key)) return null;
        return count.ExpiresIn > TimeSpan.FromSeconds(1) ? count.ExpiresIn : TimeSpan.FromSeconds(1);
    }

    private TimeSpan? TryAcquireLocal(string key)
    {
        using var lease = _local.AttemptAcquire(key);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : _window;
    }

    public void Dispose() => _local.Dispose();
}
