using Microsoft.Extensions.Configuration;

namespace CornerSpot.Domain.Chat;

/// <summary>How chats behave (<c>Chat:*</c>). The widget receives these with its limits, so there is one source.</summary>
public sealed record ChatOptions(TimeSpan AnswerTime, int MessagesPerMinute, int MaxStreamsPerClient)
{
    /// <summary>The longest message a visitor or an agent can send.</summary>
    public const int MaxMessageLength = 2000;

    /// <summary>At most one typing event per side per this interval.</summary>
    public static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(2);

    public static readonly ChatOptions Default = new(TimeSpan.FromSeconds(120), 20, 10);

    public static ChatOptions From(IConfiguration config)
    {
        var s = config.GetSection("Chat");
        return new(
            TimeSpan.FromSeconds(Math.Max(1, s.GetValue("AnswerSeconds", 120.0))),
            Math.Max(1, s.GetValue("MessagesPerMinute", 20)),
            Math.Max(1, s.GetValue("MaxStreamsPerClient", 10)));
    }
}
