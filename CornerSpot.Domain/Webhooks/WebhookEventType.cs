namespace CornerSpot.Domain.Webhooks;

/// <summary>
/// What an endpoint can subscribe to. Flags, stored as a number on the endpoint; the wire name ("callback.requested")
/// and the label ("Callback requested") come from the member's name, so a new event type is one line here.
/// </summary>
[Flags]
public enum WebhookEventType
{
    None = 0,
    CallbackRequested = 1 << 0,
    CallbackClaimed = 1 << 1,
    CallbackAttempted = 1 << 2,
    CallbackResolved = 1 << 3,
    CallbackCancelled = 1 << 4,
    ChatMessage = 1 << 5,
    ConversationResolved = 1 << 6,
}
