namespace CornerSpot.Domain.Chat;

/// <summary>How many messages a conversation may receive a minute (<see cref="ChatOptions.MessagesPerMinute"/>). On this
/// node alone by default (<see cref="LocalChatMessageLimiter"/>); the web app replaces it with one that holds across
/// every node when Redis is configured.</summary>
public interface IChatMessageLimiter
{
    /// <summary>Counts one message for the conversation.</summary>
    /// <returns>null when allowed; otherwise how long the visitor should wait.</returns>
    ValueTask<TimeSpan?> TryAcquireAsync(Guid conversationId);
}
