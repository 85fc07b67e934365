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

    /// <summary>SHA-256 of the chat visitor's token (hex); null for a conversation that did not start as a chat.</summary>
    public string? VisitorTokenHash { get; set; }
    /// <summary>The first agent to reply.</summary>
    public string? AssignedAgentId { get; set; }
    public string? AssignedAgentName { get; set; }
    public DateTime? AssignedAt { get; set; }
    /// <summary>Visitor messages since an agent last read or replied.</summary>
    public int UnreadCount { get; set; }
}
