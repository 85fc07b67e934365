namespace CornerSpot.Domain.Queues;

/// <summary>
/// Answers "is this queue open at instant t?" from its weekly opening intervals, read as wall-clock
/// times in the queue's IANA time zone.
/// </summary>
/// <remarks>
/// <para>No intervals at all means always open.</para>
/// <para>An interval whose <see cref="BusinessHours.Closes"/> is at or before its <see cref="BusinessHours.Opens"/>
/// runs past midnight: Friday 22:00–06:00 is open from Friday 22:00 until Saturday 06:00, and 00:00–00:00
/// is open the whole day.</para>
/// <para>Intervals are wall-clock times, so "09:00–17:00" means 09:00–17:00 on the clocks of the queue's
/// city on both sides of a DST change. On the day the clocks go forward the skipped hour simply never
/// happens; on the day they go back the repeated hour counts twice.</para>
/// <para>A time zone id the machine does not know is read as UTC rather than failing a public request.</para>
/// </remarks>
public sealed class BusinessHoursSchedule
{
    private readonly TimeZoneInfo _zone;
    private readonly IReadOnlyList<BusinessHours> _hours;

    public BusinessHoursSchedule(string? timeZoneId, IEnumerable<BusinessHours> hours)
    {
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId ?? "UTC", out var zone) ? zone : TimeZoneInfo.Utc;
        _hours = [.. hours];
    }

    public static BusinessHoursSchedule For(Queue queue) => new(queue.TimeZone, queue.Hours);

    public bool IsAlwaysOpen => _hours.Count == 0;

    public bool IsOpenAt(DateTimeOffset instant)
    {
        if (IsAlwaysOpen) return true;

        var local = TimeZoneInfo.ConvertTime(instant, _zone);
        var today = local.DayOfWeek;
        var yesterday = (DayOfWeek)(((int)today + 6) % 7);
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);

        foreach (var h in _hours)
        {
            var overnight = h.Closes <= h.Opens;
            if (h.Day == today && time >= h.Opens && (overnight || time < h.Closes)) return true;
            if (overnight && h.Day == yesterday && time < h.Closes) return true;
        }
        return false;
    }
}

public static class QueueScheduleExtensions
{
    public static bool IsWithinBusinessHours(this Queue queue, DateTimeOffset instant) =>
        BusinessHoursSchedule.For(queue).IsOpenAt(instant);
}
