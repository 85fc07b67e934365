using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Queues;

namespace CornerSpot.Tests.Callbacks;

public sealed class RetryScheduleTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly CallbackOptions Options = CallbackOptions.Default;
    private static readonly BusinessHoursSchedule AlwaysOpen = new("UTC", []);

    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    private static BusinessHoursSchedule Weekdays9To17(string zone) => new(zone,
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new BusinessHours { Day = d, Opens = new(9, 0), Closes = new(17, 0) })]);

    [Fact]
    public void Without_a_window_the_next_try_is_the_retry_interval_later()
    {
        var now = Utc(2026, 11, 25, 10);

        Assert.Equal(now.AddMinutes(120), RetrySchedule.NextTry(now, null, null, AlwaysOpen, London, Options));
    }

    [Fact]
    public void A_window_still_ahead_is_where_the_next_try_goes()
    {
        var now = Utc(2026, 11, 25, 10);
        var start = Utc(2026, 11, 26, 14);

        Assert.Equal(start, RetrySchedule.NextTry(now, start, start.AddHours(2), AlwaysOpen, London, Options));
    }

    [Fact]
    public void A_window_already_under_way_counts_as_passed()
    {
        var now = Utc(2026, 11, 25, 10);

        Assert.Equal(now.AddMinutes(120), RetrySchedule.NextTry(now, now.AddHours(-1), now.AddHours(3), AlwaysOpen, London, Options));
    }

    [Fact]
    public void A_try_that_would_fall_after_closing_moves_to_the_next_opening()
    {
        // Friday 16:30 in London + 2 h is after 17:00: Monday 09:00 London (GMT) is 09:00 UTC.
        var now = Utc(2026, 11, 27, 16, 30);

        Assert.Equal(Utc(2026, 11, 30, 9), RetrySchedule.NextTry(now, null, null, Weekdays9To17("Europe/London"), London, Options));
    }

    [Fact]
    public void A_try_outside_the_visitor_s_call_hours_waits_for_their_morning()
    {
        // 19:30 UTC + 2 h is 21:30 in London, after the 21:00 end of call hours: 08:00 the next day.
        var now = Utc(2026, 11, 25, 19, 30);

        Assert.Equal(Utc(2026, 11, 26, 8), RetrySchedule.NextTry(now, null, null, AlwaysOpen, London, Options));
    }

    [Fact]
    public void Call_hours_are_the_visitor_s_even_when_the_queue_is_elsewhere()
    {
        // 12:00 UTC + 2 h is 14:00 UTC = 09:00 in New York (EST): inside their call hours.
        var now = Utc(2026, 11, 25, 12);

        Assert.Equal(Utc(2026, 11, 25, 14), RetrySchedule.NextTry(now, null, null, AlwaysOpen, NewYork, Options));
        // 10:00 UTC + 2 h is 07:00 in New York: wait until 08:00 there, 13:00 UTC.
        Assert.Equal(Utc(2026, 11, 25, 13), RetrySchedule.NextTry(Utc(2026, 11, 25, 10), null, null, AlwaysOpen, NewYork, Options));
    }

    [Fact]
    public void Opening_hours_follow_the_wall_clock_across_the_spring_DST_change()
    {
        // Friday 27 March 2026 16:00 London (GMT, 16:00 UTC) + 2 h is closed; the clocks go forward on Sunday 29th,
        // so Monday 09:00 London is 08:00 UTC.
        var now = Utc(2026, 3, 27, 16);

        Assert.Equal(Utc(2026, 3, 30, 8), RetrySchedule.NextTry(now, null, null, Weekdays9To17("Europe/London"), London, Options));
    }

    [Fact]
    public void Call_hours_follow_the_wall_clock_across_the_autumn_DST_change()
    {
        // Saturday 24 October 2026 18:30 UTC + 2 h is 21:30 BST: too late. Clocks go back on Sunday 25th, and 08:00 on
        // Sunday in London is then 08:00 UTC.
        var now = Utc(2026, 10, 24, 18, 30);

        Assert.Equal(Utc(2026, 10, 25, 8), RetrySchedule.NextTry(now, null, null, AlwaysOpen, London, Options));
    }

    [Theory]
    [InlineData(7, 59, false)]
    [InlineData(8, 0, true)]
    [InlineData(20, 59, true)]
    [InlineData(21, 0, false)]
    public void Call_hours_include_their_start_and_end_before_their_close(int hour, int minute, bool expected)
    {
        Assert.Equal(expected, RetrySchedule.IsWithinCallHours(Utc(2026, 11, 25, hour, minute), London, Options));
    }
}
