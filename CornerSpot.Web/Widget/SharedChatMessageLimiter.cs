using CornerSpot.Domain.Chat;
using CornerSpot.Web.Cluster;

namespace CornerSpot.Web.Widget;

/// <summary>The per-conversation message limit (<c>Chat:MessagesPerMinute</c>) through <see cref="WindowLimiter"/>: one
/// limit across every node when Redis is configured, this node's own when it is not or while Redis is down.</summary>
public sealed class SharedChatMessageLimiter(ChatOptions options, SharedCounter? shared = null) : IChatMessageLimiter, IDisposable
{
    private readonly WindowLimiter _limiter = new("chat", TimeSpan.FromMinutes(1), _ => options.MessagesPerMinute, shared);

    public ValueTask<TimeSpan?> TryAcquireAsync(Guid conversationId) => _limiter.TryAcquireAsync(conversationId.ToString("N"));

    public void Dispose() => _limiter.Dispose();
}
