using CornerSpot.Domain.Customers;
using CornerSpot.Domain.Queues;

namespace CornerSpot.Domain.Conversations;

public enum ConversationStatus { Open = 0, Pending = 1, Resolved = 2 }

public sealed class Conversation
{
    public Guid Id { get; set; }
    public Guid QueueId { get; set; }
    public Queue? Queue { get; set; }
    public Guid CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public ConversationStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastActivityAt { get; set; }
    /// <summary>The newest message, shortened, so the inbox list needs no join on messages.</summary>
    public string Preview { get; set; } = "";
    public List<Message> Messages { get; set; } = [];
}

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

    public static string ToPreview(string body)
    {
        var oneLine = string.Join(' ', body.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= PreviewLength ? oneLine : string.Concat(oneLine.AsSpan(0, PreviewLength - 1), "…");
    }
}
