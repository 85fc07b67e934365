namespace CornerSpot.Domain.Live;

/// <summary>The first agent to reply took the conversation ("{Agent} joined the chat").</summary>
public sealed record ConversationAssigned(Guid ConversationId, Guid QueueId, string AgentId, string AgentName, DateTime At)
    : InboxEvent(ConversationId, QueueId);
