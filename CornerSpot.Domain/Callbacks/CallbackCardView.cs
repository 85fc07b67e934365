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
    string CustomerName)
{
    public static readonly Expression<Func<CallbackRequest, CallbackCardView>> Projection = c => new CallbackCardView(
        c.Id, c.ConversationId, c.Name, c.PhoneE164, c.PreferredStartUtc, c.PreferredEndUtc, c.VisitorTimeZone, c.Note,
        c.RequestedAt, c.Status, c.ResolvedAt, c.ResolvedByName, c.Conversation!.Customer!.Name);

    public string PhoneForDisplay => PhoneNumberParser.FormatForDisplay(PhoneE164);

    /// <summary>Anyone can type a known customer's number: what they called themselves stays on this request.</summary>
    public bool NameDiffersFromCustomer => !string.Equals(Name, CustomerName, StringComparison.Ordinal);

    public bool HasPreferredWindow => PreferredStartUtc.HasValue && PreferredEndUtc.HasValue;
}
