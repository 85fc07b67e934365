using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Team;
using CornerSpot.Tests.Support;

namespace CornerSpot.Tests.Team;

public sealed class TeamActivityTests : IAsyncLifetime
{
    private static readonly CallingAgent Ada = new("agent-ada", "Ada Agent");
    private static readonly CallingAgent Bob = new("agent-bob", "Bob Agent");

    /// <summary>"Today" in the tests that look back: the fake clock can only move forward from the harness's start.</summary>
    private static readonly DateTimeOffset Today = DomainHarness.Start.AddDays(20);

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

    private CallbackWork Work => _h.Get<CallbackWork>();

    private async Task<Guid> RequestAsync(string phone, string queue = "general") =>
        (await _h.CallbackAsync(new CallbackSubmission { Name = "Visitor", Phone = phone, Queue = queue })).Id;

    private Task LogAsync(Guid callback, CallingAgent agent, CallOutcome outcome) => Work.LogCallAsync(callback, agent, outcome, null, Ct);

    private Task<TeamDay> TodayAsync() => _h.Get<TeamActivity>().GetAsync(Ct);

    [Fact]
    public async Task The_funnel_counts_each_callback_once_per_step_today()
    {
        var twice = await RequestAsync("+44 20 7946 0001");
        var once = await RequestAsync("+44 20 7946 0002");
        await RequestAsync("+44 20 7946 0003");
        await LogAsync(twice, Ada, CallOutcome.NoAnswer);
        await LogAsync(twice, Bob, CallOutcome.Reached);
        await LogAsync(once, Ada, CallOutcome.Reached);

        var general = (await TodayAsync()).Funnels.Single(f => f.Name == "General");

        Assert.Equal((3, 2, 2, 2), (general.Requested, general.Attempted, general.Reached, general.Resolved));
    }

    [Fact]
    public async Task Per_agent_today_counts_claims_now_attempts_reached_and_resolved()
    {
        var a = await RequestAsync("+44 20 7946 0001");
        var b = await RequestAsync("+44 20 7946 0002");
        var c = await RequestAsync("+44 20 7946 0003");
        var d = await RequestAsync("+44 20 7946 0004");
        await LogAsync(a, Ada, CallOutcome.NoAnswer);
        await LogAsync(a, Ada, CallOutcome.Busy);
        await LogAsync(b, Ada, CallOutcome.Reached);
        await Work.ResolveAsync(c, Bob, Ct);
        await Work.ClaimAsync(d, Bob, takeOver: false, Ct);

        var agents = (await TodayAsync()).Agents;

        Assert.Equal(
            [new AgentToday("agent-ada", "Ada Agent", 0, 3, 1, 1), new AgentToday("agent-bob", "Bob Agent", 1, 0, 0, 1)],
            agents);
    }

    [Fact]
    public async Task The_median_time_to_first_attempt_counts_callbacks_first_called_today()
    {
        _h.Clock.SetUtcNow(Today.AddDays(-1));
        var yesterdays = await RequestAsync("+44 20 7946 0009");
        await LogAsync(yesterdays, Ada, CallOutcome.NoAnswer);
        _h.Clock.SetUtcNow(Today); // 10:00
        var a = await RequestAsync("+44 20 7946 0001"); // requested 10:00
        var b = await RequestAsync("+44 20 7946 0002"); // requested 10:01
        _h.Clock.SetUtcNow(Today.AddMinutes(10));
        await LogAsync(a, Ada, CallOutcome.NoAnswer); // 10 minutes
        await LogAsync(yesterdays, Ada, CallOutcome.Reached); // not its first call
        _h.Clock.SetUtcNow(Today.AddMinutes(30));
        await LogAsync(b, Bob, CallOutcome.Reached); // 29 minutes

        var day = await TodayAsync();

        Assert.Equal(TimeSpan.FromMinutes(19.5), day.Funnels.Single(f => f.Name == "General").MedianToFirstAttempt);
        Assert.Equal(TimeSpan.FromMinutes(19.5), day.Total.MedianToFirstAttempt);
        Assert.Equal(3, day.Total.Attempted);
    }

    [Fact]
    public async Task Reach_by_hour_is_in_the_queues_local_time_over_the_last_two_weeks()
    {
        _h.Clock.SetUtcNow(Today.AddDays(-TeamActivity.ReachDays - 1));
        await LogAsync(await RequestAsync("+44 20 7946 0009", "sales"), Ada, CallOutcome.Reached); // too long ago
        _h.Clock.SetUtcNow(Today.AddDays(-3).AddHours(5)); // 15:00 UTC, 10:00 in New York
        await LogAsync(await RequestAsync("+44 20 7946 0001", "sales"), Ada, CallOutcome.Reached);
        await LogAsync(await RequestAsync("+44 20 7946 0002", "sales"), Ada, CallOutcome.NoAnswer);
        _h.Clock.SetUtcNow(Today.AddHours(4)); // 14:00 UTC in General
        await LogAsync(await RequestAsync("+44 20 7946 0003"), Bob, CallOutcome.Reached);

        var hours = (await TodayAsync()).ReachByHour;

        Assert.Equal(24, hours.Count);
        Assert.Equal((2, 1, 0.5), (hours[10].Attempts, hours[10].Reached, hours[10].Rate!.Value));
        Assert.Equal((1, 1), (hours[14].Attempts, hours[14].Reached));
        Assert.Equal(3, hours.Sum(h => h.Attempts));
    }
}
