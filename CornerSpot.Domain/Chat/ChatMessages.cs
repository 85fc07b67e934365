namespace CornerSpot.Domain.Chat;

/// <summary>What a visitor is told about a chat message or start; the widget receives these with its limits.</summary>
public static class ChatMessages
{
    public const string TextRequired = "Type a message.";
    public static readonly string TextTooLong = $"A message must be {ChatOptions.MaxMessageLength} characters or fewer.";
    public const string TextCharacters = "The message contains characters that cannot be sent.";
    public const string NoAnswer = "No one has answered yet — leave your number and we'll call you back";
}
