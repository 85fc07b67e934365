using static CornerSpot.Domain.Callbacks.CallbackLimits;

namespace CornerSpot.Domain.Callbacks;

/// <summary>What makes a preferred time window acceptable: the widget's submission and the visitor's "Change time" on
/// their own link are held to the same rule.</summary>
public static class PreferredWindowRule
{
    /// <summary>The first thing wrong with the window, as the visitor is told it; null when it is fine (or absent).</summary>
    public static string? Problem(TimeWindow? window, DateTimeOffset now) => window switch
    {
        null or { Start: null, End: null } => null,
        { Start: null } or { End: null } => CallbackMessages.WindowBoth,
        { Start: var start, End: var end } when start >= end => CallbackMessages.WindowOrder,
        { End: var end } when end <= now => CallbackMessages.WindowPast,
        { Start: var start } when start > now.AddDays(MaxWindowDaysAhead) => CallbackMessages.WindowTooFar,
        _ => null,
    };
}
