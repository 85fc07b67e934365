using CornerSpot.Domain.Callbacks;

namespace CornerSpot.Domain.Team;

/// <summary>One callback as "Export CSV" writes it: every field, the outcome and the attempt count. Times are UTC.</summary>
public sealed record CallbackExportRow(
    Guid Id,
    string Queue,
    string Name,
    string PhoneE164,
    string PhoneAsTyped,
    string? Email,
    string? Note,
    string? PageUrl,
    string? VisitorTimeZone,
    DateTime RequestedAt,
    int RequestCount,
    DateTime LastRequestedAt,
    DateTime? PreferredStartUtc,
    DateTime? PreferredEndUtc,
    CallbackStatus Status,
    CallbackOutcome? Outcome,
    int AttemptCount,
    DateTime? NextTryAt,
    string? ClaimedByName,
    DateTime? ClaimedAt,
    DateTime? ResolvedAt,
    string? ResolvedByName);
