using System.Threading.RateLimiting;

namespace CornerSpot.Domain.Chat;

/// <summary>The per-conversation message limit on this node alone: a fixed window of a minute per conversation.</summary>
public sealed class LocalChatMessageLimiter(ChatOptions options) : IChatMessageLimiter, IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _limiter = PartitionedRateLimiter.Create<Guid, Guid>(id =>
        RateLimitPartition.GetFixedWindowLimiter(id, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.MessagesPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    public ValueTask<TimeSpan?> TryAcquireAsync(Guid conversationId)
    {
        using var lease = _limiter.AttemptAcquire(conversationId);
        return ValueTask.FromResult<TimeSpan?>(lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1));
    }

    public void Dispose() => _limiter.Dispose();
}
