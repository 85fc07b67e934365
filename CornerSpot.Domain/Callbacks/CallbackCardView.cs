using System.Linq.Expressions;
using CornerSpot.Domain.Phones;

namespace CornerSpot.Domain.Callbacks;

/// <summary>Everything the callback card shows. Times are UTC; the card converts them for the agent and the visitor.</summary>
public sealed record CallbackCardView(
    Guid Id,
    Guid ConversationId,
    string Name,
    string PhoneE164,
    DateTime? PreferredStartUtc,
    DateTime? PreferredEndUtc,
    string? VisitorTimeZone,
    string? Note,
    DateTime RequestedAt,
    CallbackStatus Status,
    DateTime? ResolvedAt,
    string? ResolvedByName,
    string CustomerName,
    CallbackOutcome? Outcome = null,
    string? ClaimedById = null,
    string? ClaimedByName = null,
    DateTime? ClaimedAt = null,
    int AttemptCount = 0,
    DateTime? NextTryAt = null,
    int RequestCount = 1,
    DateTime? LastRequestedAt = null)
{
    public static readonly Expression<Func<CallbackRequest, CallbackCardView>> Projection = c => new CallbackCardView(
        c.Id, c.ConversationId, c.Name, c.PhoneE164, c.PreferredStartUtc, c.PreferredEndUtc, c.VisitorTimeZone, c.Note,
        c.RequestedAt, c.Status, c.ResolvedAt, c.ResolvedByName, c.Conversation!.Customer!.Name, c.Outcome,
        c.ClaimedById, c.ClaimedByName, c.ClaimedAt, c.AttemptCount, c.NextTryAt, c.RequestCount, c.LastRequestedAt);

    /// <summary>Attempts allowed before "Close as unreachable" (<c>Callbacks:MaxAttempts</c>).</summary>
    public int MaxAttempts { get; init; } = CallbackOptions.Default.MaxAttempts;

    /// <summary>The card's "Activity" timeline, oldest first.</summary>
    public IReadOnlyList<CallbackActivityView> Activity { get; init; } = [];

    /// <summary>Someone is calling now (a claim that has not lapsed; the query drops lapsed ones).</summary>
    public bool IsClaimed => ClaimedById is not null && Status == CallbackStatus.Pending;

    public bool IsClaimedBy(string? agentId) => IsClaimed && agentId is not null && ClaimedById == agentId;

    public bool CanCloseAsUnreachable => Status == CallbackStatus.Pending && AttemptCount >= MaxAttempts;

    public string PhoneForDisplay => PhoneNumberParser.FormatForDisplay(PhoneE164);

    /// <summary>Anyone can type a known customer's number: what they called themselves stays on this request.</summary>
    public bool NameDiffersFromCustomer => !string.Equals(Name, CustomerName, StringComparison.Ordinal);

    public bool HasPreferredWindow => PreferredStartUtc.HasValue && PreferredEndUtc.HasValue;
}
