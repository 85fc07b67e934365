using System.Net;
using System.Net.Sockets;
using CornerSpot.Web.Cluster;

namespace CornerSpot.Web.Widget;

/// <summary>
/// Limits widget calls per client address (an IPv6 client by its /64, which one household or server gets), with
/// submissions and availability checks counted apart, and submissions to one queue across every address, so a botnet
/// cannot flood one team's inbox. Nothing the client chooses becomes a partition key: a queue has a partition only
/// once it is known to exist, so random queue names cannot grow the limiter's memory. With Redis the limits hold across
/// every node (<see cref="WindowLimiter"/>).
/// </summary>
public sealed class WidgetRateLimiter : IDisposable
{
    private const string QueuePrefix = "queue|";
    private readonly WindowLimiter _limiter;

    public WidgetRateLimiter(IConfiguration config, SharedCounter? shared = null)
    {
        var permits = config.GetValue("Widget:RateLimit:PermitLimit", 10);
        var queuePermits = config.GetValue("Widget:RateLimit:QueuePermitLimit", 120);
        var window = TimeSpan.FromSeconds(config.GetValue("Widget:RateLimit:WindowSeconds", 60));
        _limiter = new WindowLimiter("widget", window,
            key => key.StartsWith(QueuePrefix, StringComparison.Ordinal) ? queuePermits : permits, shared);
    }

    /// <summary>How many partitions (client addresses, queues) were ever created: what the limiter can hold in memory.</summary>
    public int PartitionsCreated => _limiter.PartitionsCreated;

    /// <returns>null when allowed; otherwise how long the client should wait.</returns>
    public ValueTask<TimeSpan?> TryAcquireSubmissionAsync(HttpContext context) =>
        _limiter.TryAcquireAsync("submit|" + ClientKey(context.Connection.RemoteIpAddress));

    public ValueTask<TimeSpan?> TryAcquireAvailabilityAsync(HttpContext context) =>
        _limiter.TryAcquireAsync("availability|" + ClientKey(context.Connection.RemoteIpAddress));

    /// <summary>Changes and cancellations from visitors' own links (<c>/callback/{token}</c>).</summary>
    public ValueTask<TimeSpan?> TryAcquireVisitorLinkAsync(HttpContext context) =>
        _limiter.TryAcquireAsync("link|" + ClientKey(context.Connection.RemoteIpAddress));

    /// <summary>Submissions to one queue from all clients together. Only for a queue that exists.</summary>
    public ValueTask<TimeSpan?> TryAcquireQueueAsync(string existingQueueSlug) => _limiter.TryAcquireAsync(QueuePrefix + existingQueueSlug);

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

    public void Dispose() => _limiter.Dispose();
}
