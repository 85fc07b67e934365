using Bunit;
using CornerSpot.Domain.Agents;
using CornerSpot.Web.Presence;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Team;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Team;
using CornerSpot.Web.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Components.Team;

/// <summary>The team page on a real SQLite file with the real in-process feed and presence tracker.</summary>
public sealed class TeamPageTests : MudTestContext, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private DomainHarness _harness = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private IInboxEvents Events => _harness.Get<IInboxEvents>();
    private PresenceTracker Presence => _harness.Get<PresenceTracker>();

    public async ValueTask InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync(s => s.AddSingleton<PresenceTracker>().AddSingleton<AgentStatus>());
        Services.AddLogging();
        Services.AddSingleton(_harness.Get<TeamOverview>());
        Services.AddSingleton(_harness.Get<TeamActivity>());
        Services.AddSingleton(Events);
        Services.AddSingleton(Presence);
        Services.AddSingleton(_harness.Get<IConfiguration>());
        Services.AddScoped<CircuitConnection>();
        // The page's coalescing window and reconcile timer run on real time; the domain keeps the fake clock.
        Services.AddSingleton(TimeProvider.System);
        RenderInteractively();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _harness.DisposeAsync();
    }

    private static string Tile(IRenderedComponent<TeamPage> cut, string testId) =>
        cut.Find($"[data-testid={testId}] .cs-stat-value").TextContent.Trim();

    private static string Hint(IRenderedComponent<TeamPage> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").TextContent;

    private IRenderedComponent<TeamPage> OpenLoaded()
    {
        var cut = Render<TeamPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=total-pending]")), Patience);
        return cut;
    }

    [Fact]
    public async Task A_burst_of_submissions_ends_with_the_counts_the_overview_reports()
    {
        await _harness.QueueAsync("sales", "Sales");
        var cut = OpenLoaded();
        Assert.Equal("0", Tile(cut, "total-pending"));
        var intake = _harness.Get<CallbackIntake>();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => intake.SubmitAsync(
            new CallbackSubmission { Name = $"Visitor {i}", Phone = $"020 7946 0{i:000}", Country = "GB", Queue = i % 3 == 0 ? "sales" : "general" },
            null, Ct))));

        Assert.All(results, r => Assert.IsType<IntakeResult.Accepted>(r));
        var expected = await _harness.Get<TeamOverview>().GetAsync(Ct);
        Assert.Equal(50, expected.Total.Pending);
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(expected.Total.Pending.ToString(), Tile(cut, "total-pending"));
            foreach (var queue in expected.Queues)
                Assert.Equal(queue.Pending.ToString(), cut.Find($"[data-queue-pending='{queue.Name}']").TextContent.Trim());
        }, Patience);
    }

    [Fact]
    public async Task The_agents_online_tile_follows_circuits_and_the_stored_presence()
    {
        var ada = await _harness.AgentAsync("Ada Lovelace");
        var cut = OpenLoaded();
        Assert.Equal("0", Tile(cut, "agents-online"));

        Presence.CircuitOpened("c1", ada);
        cut.WaitForAssertion(() => Assert.Equal("1", Tile(cut, "agents-online")), Patience);
        Assert.Contains("Ada Lovelace", Hint(cut, "agents-online"));

        await _harness.Get<AgentStatus>().SetAsync(Principals.WithRole(Roles.Agent, ada), AgentPresence.Away, Ct);
        cut.WaitForAssertion(() => Assert.Equal("0", Tile(cut, "agents-online")), Patience);
        Assert.DoesNotContain("Ada Lovelace", Hint(cut, "agents-online"));
    }

    [Fact]
    public async Task Unsubscribes_from_inbox_events_and_presence_when_disposed()
    {
        var (events, presence) = (Events.SubscriberCount, Presence.SubscriberCount);
        OpenLoaded();
        Assert.Equal((events + 1, presence + 1), (Events.SubscriberCount, Presence.SubscriberCount));

        await DisposeComponentsAsync();

        Assert.Equal((events, presence), (Events.SubscriberCount, Presence.SubscriberCount));
    }

    [Fact]
    public async Task A_thousand_render_and_dispose_cycles_leave_no_subscriptions_behind()
    {
        var (events, presence) = (Events.SubscriberCount, Presence.SubscriberCount);

        for (var i = 0; i < 1_000; i++)
        {
            // Half are disposed while their first query is still running, half once loaded.
            var cut = i % 2 == 0 ? Render<TeamPage>() : OpenLoaded();
            await DisposeComponentsAsync();
        }

        Assert.Equal((events, presence), (Events.SubscriberCount, Presence.SubscriberCount));
    }

    [Fact]
    public async Task Shows_todays_calls_per_agent_and_queue_and_an_export_link_for_today()
    {
        var callback = await _harness.Get<CallbackIntake>().SubmitAsync(
            new CallbackSubmission { Name = "Visitor", Phone = "+44 20 7946 0001" }, null, Ct);
        var id = Assert.IsType<IntakeResult.Accepted>(callback).Receipt.Id;
        await _harness.Get<CallbackWork>().LogCallAsync(id, new CallingAgent("agent-ada", "Ada Agent"), CallOutcome.NoAnswer, null, Ct);

        var cut = OpenLoaded();

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-agent-attempts='Ada Agent']").TextContent.Trim()), Patience);
        Assert.Equal("1", cut.Find("[data-funnel-requested='General']").TextContent.Trim());
        Assert.Equal("/dashboard/team/export.csv?from=2026-11-25&to=2026-11-25",
            cut.Find("[data-testid=export-csv]").GetAttribute("href"));
    }
}
