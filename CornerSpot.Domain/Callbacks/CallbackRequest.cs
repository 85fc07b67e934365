using CornerSpot.Domain.Conversations;

namespace CornerSpot.Domain.Callbacks;

public sealed class CallbackRequest
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Conversation? Conversation { get; set; }
    public required string Name { get; set; }
    public required string PhoneE164 { get; set; }
    public required string PhoneAsTyped { get; set; }
    public DateTime? PreferredStartUtc { get; set; }
    public DateTime? PreferredEndUtc { get; set; }
    public string? VisitorTimeZone { get; set; }
    public string? Note { get; set; }
    /// <summary>The email the visitor typed on this request; the customer's own is only filled from it when empty.</summary>
    public string? Email { get; set; }
    /// <summary>The page the visitor was on (origin and path).</summary>
    public string? PageUrl { get; set; }
    public DateTime RequestedAt { get; set; }
    public CallbackStatus Status { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedById { get; set; }
    public string? ResolvedByName { get; set; }
    /// <summary>Why it was resolved; null for "Mark resolved" and while Pending.</summary>
    public CallbackOutcome? Outcome { get; set; }

    /// <summary>The agent calling now ("I'm calling"); the claim lapses <c>Callbacks:ClaimMinutes</c> after ClaimedAt.</summary>
    public string? ClaimedById { get; set; }
    public string? ClaimedByName { get; set; }
    public DateTime? ClaimedAt { get; set; }
    /// <summary>Unanswered calls logged (No answer, Left voicemail, Busy).</summary>
    public int AttemptCount { get; set; }
    /// <summary>When to try again after an unanswered call.</summary>
    public DateTime? NextTryAt { get; set; }
    /// <summary>How many times the visitor asked (a repeat request while Pending updates this one).</summary>
    public int RequestCount { get; set; } = 1;
    public DateTime LastRequestedAt { get; set; }
    public List<CallbackActivity> Activities { get; set; } = [];
}
