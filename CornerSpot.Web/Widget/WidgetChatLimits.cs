using CornerSpot.Domain.Chat;

namespace CornerSpot.Web.Widget;

/// <summary>What the widget's chat needs from the server's <c>Chat:*</c> options, written into the script with the
/// callback limits: the longest message, how long to wait for an agent, how many messages a minute, what to say.</summary>
public sealed record WidgetChatLimits(int Message, int AnswerSeconds, int MessagesPerMinute, IReadOnlyDictionary<string, string> Messages)
{
    public static WidgetChatLimits From(ChatOptions options) => new(
        ChatOptions.MaxMessageLength, (int)Math.Ceiling(options.AnswerTime.TotalSeconds), options.MessagesPerMinute,
        new Dictionary<string, string>
        {
            ["textRequired"] = ChatMessages.TextRequired,
            ["textTooLong"] = ChatMessages.TextTooLong,
            ["noAnswer"] = ChatMessages.NoAnswer,
        });
}
