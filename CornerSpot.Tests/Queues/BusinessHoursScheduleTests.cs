using CornerSpot.Domain.Queues;

namespace CornerSpot.Tests.Queues;

public sealed class BusinessHoursScheduleTests
{
    private static BusinessHoursSchedule Schedule(string timeZone, params (DayOfWeek Day, string Opens, string Closes)[] hours) =>
        new(timeZone, hours.Select(h => new BusinessHours { Day = h.Day, Opens = TimeOnly.Parse(h.Opens), Closes = TimeOnly.Parse(h.Closes) }));

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly (DayOfWeek, string, string)[] Weekdays9To5 =
    [
        (DayOfWeek.Monday, "09:00", "17:00"), (DayOfWeek.Tuesday, "09:00", "17:00"), (DayOfWeek.Wednesday, "09:00", "17:00"),
        (DayOfWeek.Thursday, "09:00", "17:00"), (DayOfWeek.Friday, "09:00", "17:00"),
    ];

    [Fact]
    public void No_hours_means_always_open()
    {
        var schedule = Schedule("Europe/London");

        Assert.True(schedule.IsOpenAt(Utc("2026-11-29T03:00:00")));
    }

    [Theory]
    [InlineData("2026-11-25T08:59:00", false)]
    [InlineData("2026-11-25T09:00:00", true)]
    [InlineData("2026-11-25T16:59:59", true)]
    [InlineData("2026-11-25T17:00:00", false)]
    [InlineData("2026-11-28T12:00:00", false)] // Saturday
    [InlineData("2026-11-29T12:00:00", false)] // Sunday
    public void Weekday_hours_open_at_opening_time_and_close_at_closing_time(string utc, bool open)
    {
        var schedule = Schedule("Europe/London", Weekdays9To5);

        Assert.Equal(open, schedule.IsOpenAt(Utc(utc)));
    }

    [Theory]
    [InlineData("2026-11-25T11:59:00", true)]
    [InlineData("2026-11-25T12:00:00", false)]
    [InlineData("2026-11-25T12:30:00", false)]
    [InlineData("2026-11-25T13:00:00", true)]
    [InlineData("2026-11-25T16:30:00", true)]
    [InlineData("2026-11-25T17:00:00", false)]
    public void A_day_with_a_lunch_break_is_closed_between_its_intervals(string utc, bool open)
    {
        var schedule = Schedule("Europe/London",
            (DayOfWeek.Wednesday, "09:00", "12:00"), (DayOfWeek.Wednesday, "13:00", "17:00"));

        Assert.Equal(open, schedule.IsOpenAt(Utc(utc)));
    }

    [Theory]
    [InlineData("2026-11-25T10:00:00", false)] // 05:00 in New York
    [InlineData("2026-11-25T14:00:00", true)]  // 09:00
    [InlineData("2026-11-25T21:59:00", true)]  // 16:59
    [InlineData("2026-11-25T22:00:00", false)] // 17:00
    public void Hours_are_read_in_the_queue_time_zone_not_in_utc(string utc, bool open)
    {
        var schedule = Schedule("America/New_York", Weekdays9To5);

        Assert.Equal(open, schedule.IsOpenAt(Utc(utc)));
    }

    [Theory]
    [InlineData("2026-11-26T23:30:00", false)] // Friday 08:30 in Tokyo, still Thursday in UTC
    [InlineData("2026-11-27T00:30:00", true)]  // Friday 09:30 in Tokyo
    [InlineData("2026-11-27T08:30:00", false)] // Friday 17:30 in Tokyo
    public void The_weekday_is_the_queue_time_zone_weekday(string utc, bool open)
    {
        var schedule = Schedule("Asia/Tokyo", (DayOfWeek.Friday, "09:00", "17:00"));

        Assert.Equal(open, schedule.IsOpenAt(Utc(utc)));
    }

    [Theory]
    [InlineData("2026-11-27T21:59:00", false)] // Friday 21:59
    [InlineData("2026-11-27T22:00:00", true)]  // Friday 22:00
    [InlineData("2026-11-28T05:59:00", true)]  // Saturday 05:59, after midnight
    [InlineData("2026-11-28T06:00:00", false)] // Saturday 06:00
    [InlineData("2026-11-28T23:00:00", false)] // Saturday night has no interval of its own
    [InlineData("2026-11-26T23:00:00", false)] // Thursday night
    public void An_interval_that_closes_before_it_opens_runs_past_midnight(string utc, bool open)
    {
        var schedule = Schedule("Europe/London", (DayOfWeek.Friday, "22:00", "06:00"));

        Assert.Equal(open, schedule.IsOpenAt(Utc(utc)));
    }

    [Theory]
    [InlineData("2026-11-25T00:00:00", true)]
    [InlineData("2026-11-25T23:59:59", true)]
    [InlineData("2026-11-26T00:00:00", false)]
    public void Midnight_to_midnight_is_the_whole_day(string utc, bool open)
    {
        var schedule = Schedule("Europe/London", (DayOfWeek.Wednesday, "00:00", "00:00"));

        Assert.Equal(open, schedule.IsOpenAt(Utc(utc)));
    }

    // Europe/London goes from GMT to BST at 01:00 UTC on Sunday 2026-03-29.
    [Theory]
    [InlineData("2026-03-28T08:30:00", false)] // Saturday 08:30 GMT: not a Sunday
    [InlineData("2026-03-29T07:59:00", false)] // Sunday 08:59 BST
    [InlineData("2026-03-29T08:00:00", true)]  // Sunday 09:00 BST, though 08:00 in UTC
    [InlineData("2026-03-29T15:59:00", true)]  // 16:59 BST
    [InlineData("2026-03-29T16:00:00", false)] // 17:00 BST, though 16:00 in UTC
    public void London_hours_follow_the_clocks_going_forward(string utc, bool open)
    {
        var schedule = Schedule("Europe/London", (DayOfWeek.Sunday, "09:00", "17:00"));

        Assert.Equal(open, schedule.IsOpenAt(Utc(utc)));
    }

    [Theory]
    [InlineData("2026-03-29T00:59:00", false)] // 00:59 GMT
    [InlineData("2026-03-29T01:00:00", true)]  // the clocks jump from 01:00 GMT to 02:00 BST
    [InlineData("2026-03-29T01:59:00", true)]  // 02:59 BST
    [InlineData("2026-03-29T02:00:00", false)] // 03:00 BST
    public void An_interval_over_the_skipped_hour_is_open_for_what_is_left_of_it(string utc, bool open)
    {
        var schedule = Schedule("Europe/London", (DayOfWeek.Sunday, "01:00", "03:00"));

        Assert.Equal(open, schedule.IsOpenAt(Utc(utc)));
    }

    [Theory]
    [InlineData("2026-03-29T04:59:00", true)]  // 05:59 BST
    [InlineData("2026-03-29T05:00:00", false)] // 06:00 BST, though 05:00 in UTC
    public void An_overnight_interval_ends_at_the_wall_clock_time_after_the_clocks_go_forward(string utc, bool open)
    {
        var schedule = Schedule("Europe/London", (DayOfWeek.Saturday, "22:00", "06:00"));

        Assert.Equal(open, schedule.IsOpenAt(Utc(utc)));
    }

    // Europe/London goes from BST back to GMT at 01:00 UTC on Sunday 2026-10-25: 01:00–02:00 happens twice.
    [Theory]
    [InlineData("2026-10-24T16:30:00", false)] // Saturday 17:30 BST
    [InlineData("2026-10-24T15:59:00", true)]  // Saturday 16:59 BST
    [InlineData("2026-10-25T07:59:00", false)] // Sunday 07:59 GMT (would be 08:59 in BST)
    [InlineData("2026-10-25T08:00:00", true)]  // Sunday 08:00 GMT
    [InlineData("2026-10-25T08:59:00", true)]  // Sunday 08:59 GMT (would be 09:59 in BST)
    public void London_hours_follow_the_clocks_going_back(string utc, bool open)
    {
        var schedule = Schedule("Europe/London", (DayOfWeek.Saturday, "09:00", "17:00"), (DayOfWeek.Sunday, "08:00", "09:00"));

        Assert.Equal(open, schedule.IsOpenAt(Utc(utc)));
    }

    [Theory]
    [InlineData("2026-10-24T23:59:00", false)] // 00:59 BST
    [InlineData("2026-10-25T00:00:00", true)]  // 01:00 BST
    [InlineData("2026-10-25T00:59:00", true)]  // 01:59 BST
    [InlineData("2026-10-25T01:00:00", true)]  // 01:00 GMT, the second time round
    [InlineData("2026-10-25T01:59:00", true)]  // 01:59 GMT
    [InlineData("2026-10-25T02:00:00", false)] // 02:00 GMT
    public void The_repeated_hour_is_open_both_times_round(string utc, bool open)
    {
        var schedule = Schedule("Europe/London", (DayOfWeek.Sunday, "01:00", "02:00"));

        Assert.Equal(open, schedule.IsOpenAt(Utc(utc)));
    }

    // America/New_York: EST to EDT at 07:00 UTC on 2026-03-08, EDT to EST at 06:00 UTC on 2026-11-01.
    [Theory]
    [InlineData("2026-03-01T13:30:00", false)] // Sunday before: 08:30 EST
    [InlineData("2026-03-01T14:00:00", true)]  // 09:00 EST
    [InlineData("2026-03-08T13:00:00", true)]  // 09:00 EDT
    [InlineData("2026-03-08T12:59:00", false)] // 08:59 EDT
    [InlineData("2026-03-08T21:00:00", false)] // 17:00 EDT
    [InlineData("2026-11-01T13:30:00", false)] // 08:30 EST
    [InlineData("2026-11-01T14:00:00", true)]  // 09:00 EST
    [InlineData("2026-11-01T21:59:00", true)]  // 16:59 EST
    [InlineData("2026-11-01T22:00:00", false)] // 17:00 EST
    public void New_York_hours_follow_both_clock_changes(string utc, bool open)
    {
        var schedule = Schedule("America/New_York", (DayOfWeek.Sunday, "09:00", "17:00"));

        Assert.Equal(open, schedule.IsOpenAt(Utc(utc)));
    }

    [Fact]
    public void An_unknown_time_zone_is_read_as_utc()
    {
        var schedule = Schedule("Mars/Olympus_Mons", (DayOfWeek.Wednesday, "09:00", "17:00"));

        Assert.True(schedule.IsOpenAt(Utc("2026-11-25T09:00:00")));
        Assert.False(schedule.IsOpenAt(Utc("2026-11-25T08:59:00")));
    }
}
