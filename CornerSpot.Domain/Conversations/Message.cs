namespace CornerSpot.Domain.Conversations;

public enum MessageAuthor { Visitor = 0, Agent = 1, System = 2 }

public sealed class Message
{
    public const int PreviewLength = 140;

    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public MessageAuthor Author { get; set; }
    public string? AuthorName { get; set; }
    public required string Body { get; set; }
    public DateTime SentAt { get; set; }
    /// <summary>An internal note: agents only, never sent to the visitor (not in the stream, not in catch-up).</summary>
    public bool IsInternal { get; set; }
    /// <summary>The agent who wrote an agent message or note.</summary>
    public string? AgentId { get; set; }

    public static string ToPreview(string body)
    {
        var oneLine = string.Join(' ', body.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= PreviewLength ? oneLine : string.Concat(oneLine.AsSpan(0, PreviewLength - 1), "…");
    }
}
