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
