using System.Threading.RateLimiting;

namespace CornerSpot.Web.Widget;

/// <summary>
/// Limits widget calls per client IP and queue (submissions and availability checks counted apart).
/// Applied in the handlers because a submission's queue is in its body.
/// </summary>
public sealed class WidgetRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public WidgetRateLimiter(IConfiguration config)
    {
        var permits = config.GetValue("Widget:RateLimit:PermitLimit", 10);
        var window = TimeSpan.FromSeconds(config.GetValue("Widget:RateLimit:WindowSeconds", 60));
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
    }

    /// <returns>null when allowed; otherwise how long the client should wait.</returns>
    public TimeSpan? TryAcquire(HttpContext context, string? queue)
    {
        var key = $"{context.Connection.RemoteIpAddress}|{queue}";
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(60);
    }

    public void Dispose() => _limiter.Dispose();
}
