using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Team;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Team;

public sealed class TeamOverviewTests : IAsyncLifetime
{
    private DomainHarness _h = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _h = await DomainHarness.CreateAsync();
        await using var db = _h.Db();
        db.Queues.Add(new Queue { Id = Guid.NewGuid(), Name = "Sales", Slug = "sales", TimeZone = "America/New_York" });
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private async Task<Guid> SubmitAsync(string queue, string phone, TimeWindow? window = null)
    {
        var result = await _h.Get<CallbackIntake>().SubmitAsync(
            new CallbackSubmission { Name = "Visitor", Phone = phone, Queue = queue, PreferredWindow = window }, null, Ct);
        return Assert.IsType<IntakeResult.Accepted>(result).Receipt.Id;
    }

    private async Task ResolveAsync(Guid callbackId)
    {
        await using var db = _h.Db();
        var callback = await db.CallbackRequests.SingleAsync(c => c.Id == callbackId, Ct);
        callback.Status = CallbackStatus.Resolved;
        callback.ResolvedAt = _h.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Counts_pending_per_queue_and_in_total_with_the_oldest_request()
    {
        await SubmitAsync("general", "+44 20 7946 0001");
        _h.Clock.Advance(TimeSpan.FromMinutes(5));
        await SubmitAsync("general", "+44 20 7946 0002");
        await SubmitAsync("sales", "+44 20 7946 0003");

        var snapshot = await _h.Get<TeamOverview>().GetAsync(Ct);

        var general = snapshot.Queues.Single(q => q.Name == "General");
        Assert.Equal(2, general.Pending);
        Assert.Equal(DomainHarness.Start.UtcDateTime, general.OldestPendingAt);
        Assert.Equal(1, snapshot.Queues.Single(q => q.Name == "Sales").Pending);
        Assert.Equal(3, snapshot.Total.Pending);
        Assert.Equal(DomainHarness.Start.UtcDateTime, snapshot.Total.OldestPendingAt);
    }

    [Fact]
    public async Task A_pending_request_whose_preferred_window_has_ended_is_overdue()
    {
        var start = DomainHarness.Start.AddMinutes(30);
        await SubmitAsync("general", "+44 20 7946 0001", new TimeWindow { Start = start, End = start.AddHours(1) });
        await SubmitAsync("general", "+44 20 7946 0002", new TimeWindow { Start = start, End = start.AddHours(3) });
        await SubmitAsync("general", "+44 20 7946 0003");

        _h.Clock.Advance(TimeSpan.FromHours(2));
        var snapshot = await _h.Get<TeamOverview>().GetAsync(Ct);

        Assert.Equal(1, snapshot.Total.Overdue);
    }

    [Fact]
    public async Task Resolved_today_and_the_median_time_to_resolve_count_only_todays_resolutions()
    {
        var yesterday = await SubmitAsync("general", "+44 20 7946 0001");
        await ResolveAsync(yesterday); // resolved 2026-11-25, 10:00 UTC
        _h.Clock.Advance(TimeSpan.FromDays(1)); // now 2026-11-26, 10:00 UTC
        var a = await SubmitAsync("general", "+44 20 7946 0002");
        var b = await SubmitAsync("general", "+44 20 7946 0003");
        var c = await SubmitAsync("general", "+44 20 7946 0004");
        _h.Clock.Advance(TimeSpan.FromMinutes(10));
        await ResolveAsync(a);
        _h.Clock.Advance(TimeSpan.FromMinutes(20));
        await ResolveAsync(b);
        _h.Clock.Advance(TimeSpan.FromMinutes(60));
        await ResolveAsync(c);

        var general = (await _h.Get<TeamOverview>().GetAsync(Ct)).Queues.Single(q => q.Name == "General");

        Assert.Equal(3, general.ResolvedToday);
        Assert.Equal(TimeSpan.FromMinutes(30), general.MedianResolutionToday);
        Assert.Equal(0, general.Pending);
    }

    [Fact]
    public async Task Today_is_the_queues_own_calendar_day()
    {
        _h.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));
        await ResolveAsync(await SubmitAsync("general", "+44 20 7946 0001"));
        await ResolveAsync(await SubmitAsync("sales", "+44 20 7946 0002"));

        // 03:00 UTC on the 26th is a new day in UTC (General) but still the 25th in New York (Sales).
        _h.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));
        var snapshot = await _h.Get<TeamOverview>().GetAsync(Ct);

        Assert.Equal(0, snapshot.Queues.Single(q => q.Name == "General").ResolvedToday);
        Assert.Equal(1, snapshot.Queues.Single(q => q.Name == "Sales").ResolvedToday);
        Assert.Equal(1, snapshot.Total.ResolvedToday);
    }
}
