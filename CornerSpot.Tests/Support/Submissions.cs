using CornerSpot.Domain.Callbacks;

namespace CornerSpot.Tests.Support;

/// <summary>Known-good submissions, relative to <see cref="DomainHarness.Start"/>; tests change one thing with <c>with</c>.</summary>
public static class Submissions
{
    public static readonly CallbackSubmission Minimal = new() { Name = "Ada Lovelace", Phone = "020 7946 0958", Country = "GB" };

    public static readonly CallbackSubmission Complete = Minimal with
    {
        PreferredWindow = Window(TimeSpan.FromHours(23), TimeSpan.FromHours(25)),
        TimeZone = "Europe/London",
        Note = "Question about my invoice",
        Queue = "general",
        Email = "ada@example.com",
        PageUrl = "https://shop.example.com/pricing",
    };

    /// <summary>A window whose ends are offsets from the harness's start time.</summary>
    public static TimeWindow Window(TimeSpan? start, TimeSpan? end) => new()
    {
        Start = start is { } s ? DomainHarness.Start + s : null,
        End = end is { } e ? DomainHarness.Start + e : null,
    };
}
