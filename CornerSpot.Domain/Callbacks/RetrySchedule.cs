using CornerSpot.Domain.Queues;

namespace CornerSpot.Domain.Callbacks;

/// <summary>When to try an unanswered callback again. A pure function of the clock, the visitor's window, the
/// queue's business hours and the visitor's time zone, so it can be tested across DST changes.</summary>
public static class RetrySchedule
{
    // Opening times and call hours fall on 5-minute marks in practice; the search steps on them.
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SearchLimit = TimeSpan.FromDays(14);

    /// <summary>
    /// The start of the visitor's preferred window when it is still ahead; otherwise <see cref="CallbackOptions.RetryAfter"/>
    /// from now. Then moved forward to the first moment the queue is open and it is within the call hours where the
    /// visitor is (the queue's time zone when theirs is unknown).
    /// </summary>
    public static DateTime NextTry(DateTime nowUtc, DateTime? windowStartUtc, DateTime? windowEndUtc,
        BusinessHoursSchedule queueHours, TimeZoneInfo visitorZone, CallbackOptions options)
    {
        var candidate = windowStartUtc is { } start && windowEndUtc is { } end && start > nowUtc && end > start
            ? start
            : nowUtc + options.RetryAfter;
        if (IsGoodTime(candidate, queueHours, visitorZone, options)) return candidate;

        var t = RoundUp(candidate);
        for (var limit = candidate + SearchLimit; t < limit; t += Step)
            if (IsGoodTime(t, queueHours, visitorZone, options)) return t;
        // Never open and never in call hours (a misconfigured queue): do not hide the callback, ask for it at once.
        return candidate;
    }

    /// <summary>Whether an agent may call now: the visitor's local time is within the call hours.</summary>
    public static bool IsWithinCallHours(DateTime utc, TimeZoneInfo visitorZone, CallbackOptions options) =>
        options.IsWithinCallHours(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, visitorZone)));

    private static bool IsGoodTime(DateTime utc, BusinessHoursSchedule queueHours, TimeZoneInfo visitorZone, CallbackOptions options) =>
        queueHours.IsOpenAt(new DateTimeOffset(utc, TimeSpan.Zero)) && IsWithinCallHours(utc, visitorZone, options);

    private static DateTime RoundUp(DateTime utc)
    {
        var ticks = (utc.Ticks + Step.Ticks - 1) / Step.Ticks * Step.Ticks;
        return new DateTime(ticks, DateTimeKind.Utc);
    }
}
