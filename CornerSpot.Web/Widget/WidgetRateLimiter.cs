using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace CornerSpot.Web.Widget;

/// <summary>
/// Limits widget calls per client address (an IPv6 client by its /64, which one household or server gets), with
/// submissions and availability checks counted apart, and submissions to one queue across every address, so a botnet
/// cannot flood one team's inbox. Nothing the client chooses becomes a partition key: a queue has a partition only
/// once it is known to exist, so random queue names cannot grow the limiter's memory.
/// </summary>
public sealed class WidgetRateLimiter : IDisposable
{
    private const string QueuePrefix = "queue|";
    private readonly PartitionedRateLimiter<string> _limiter;
    private int _partitionsCreated;

    public WidgetRateLimiter(IConfiguration config)
    {
        var permits = config.GetValue("Widget:RateLimit:PermitLimit", 10);
        var queuePermits = config.GetValue("Widget:RateLimit:QueuePermitLimit", 120);
        var window = TimeSpan.FromSeconds(config.GetValue("Widget:RateLimit:WindowSeconds", 60));
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, k =>
        {
            Interlocked.Increment(ref _partitionsCreated);
            return new FixedWindowRateLimiterOptions
            {
                PermitLimit = k.StartsWith(QueuePrefix, StringComparison.Ordinal) ? queuePermits : permits, Window = window, QueueLimit = 0,
            };
        }));
    }

    /// <summary>How many partitions (client addresses, queues) were ever created: what the limiter can hold in memory.</summary>
    public int PartitionsCreated => Volatile.Read(ref _partitionsCreated);

    /// <returns>null when allowed; otherwise how long the client should wait.</returns>
    public TimeSpan? TryAcquireSubmission(HttpContext context) => TryAcquire("submit|" + ClientKey(context.Connection.RemoteIpAddress));

    public TimeSpan? TryAcquireAvailability(HttpContext context) => TryAcquire("availability|" + ClientKey(context.Connection.RemoteIpAddress));

    /// <summary>Changes and cancellations from visitors' own links (<c>/callback/{token}</c>).</summary>
    public TimeSpan? TryAcquireVisitorLink(HttpContext context) => TryAcquire("link|" + ClientKey(context.Connection.RemoteIpAddress));

    /// <summary>Submissions to one queue from all clients together. Only for a queue that exists.</summary>
    public TimeSpan? TryAcquireQueue(string existingQueueSlug) => TryAcquire(QueuePrefix + existingQueueSlug);

    /// <summary>The address a client is counted under: IPv4 as is (also when mapped into IPv6), IPv6 by its /64.</summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private TimeSpan? TryAcquire(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(60);
    }

    public void Dispose() => _limiter.Dispose();
}
