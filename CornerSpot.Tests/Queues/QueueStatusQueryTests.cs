using CornerSpot.Domain.Queues;
using CornerSpot.Tests.Support;

namespace CornerSpot.Tests.Queues;

public sealed class QueueStatusQueryTests : IAsyncLifetime
{
    private DomainHarness _harness = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await DomainHarness.CreateAsync();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private async Task AddQueueAsync(string slug, bool archived = false, bool callbacks = true, string timeZone = "UTC", params BusinessHours[] hours)
    {
        await using var db = _harness.Db();
        db.Queues.Add(new Queue
        {
            Id = Guid.CreateVersion7(), Name = slug, Slug = slug, IsArchived = archived, CallbackEnabled = callbacks,
            TimeZone = timeZone, Hours = [.. hours],
        });
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Stored_hours_are_evaluated_in_the_queue_time_zone_at_the_clock_time()
    {
        // DomainHarness.Start is Wednesday 2026-11-25 10:00 UTC, 05:00 in New York.
        await AddQueueAsync("support", timeZone: "America/New_York",
            hours: new BusinessHours { Day = DayOfWeek.Wednesday, Opens = new(9, 0), Closes = new(17, 0) });
        var query = _harness.Get<QueueStatusQuery>();

        var early = await query.GetAsync("support", Ct);
        _harness.Clock.Advance(TimeSpan.FromHours(4));
        var later = await query.GetAsync("support", Ct);

        Assert.Equal(new QueueStatus("support", "support", CallbackEnabled: true, WithinBusinessHours: false), early);
        Assert.True(later!.WithinBusinessHours);
    }

    [Fact]
    public async Task Archived_and_unknown_queues_have_no_status()
    {
        await AddQueueAsync("old", archived: true);
        var query = _harness.Get<QueueStatusQuery>();

        Assert.Null(await query.GetAsync("old", Ct));
        Assert.Null(await query.GetAsync("nope", Ct));
        Assert.Null(await query.GetAsync(new string('x', 41), Ct));
    }
}
