using Microsoft.Extensions.Configuration;

namespace CornerSpot.Domain.Callbacks;

/// <summary>How callbacks are worked (<c>Callbacks:*</c>).</summary>
public sealed record CallbackOptions(
    TimeSpan ClaimDuration,
    int MaxAttempts,
    TimeSpan RetryAfter,
    TimeOnly CallHoursStart,
    TimeOnly CallHoursEnd)
{
    public static readonly CallbackOptions Default =
        new(TimeSpan.FromMinutes(15), 3, TimeSpan.FromMinutes(120), new TimeOnly(8, 0), new TimeOnly(21, 0));

    public static CallbackOptions From(IConfiguration config)
    {
        var s = config.GetSection("Callbacks");
        return new(
            TimeSpan.FromMinutes(Math.Max(1, s.GetValue("ClaimMinutes", 15.0))),
            Math.Max(1, s.GetValue("MaxAttempts", 3)),
            TimeSpan.FromMinutes(Math.Max(1, s.GetValue("RetryMinutes", 120.0))),
            TimeOnly.TryParse(s["CallHours:Start"], out var start) ? start : Default.CallHoursStart,
            TimeOnly.TryParse(s["CallHours:End"], out var end) ? end : Default.CallHoursEnd);
    }

    /// <summary>Whether a local time of day is inside the call hours.</summary>
    public bool IsWithinCallHours(TimeOnly local) => local >= CallHoursStart && local < CallHoursEnd;
}
