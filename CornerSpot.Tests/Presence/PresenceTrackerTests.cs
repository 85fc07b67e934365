using CornerSpot.Domain.Agents;
using CornerSpot.Web.Presence;
using CornerSpot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Presence;

public sealed class AgentPresenceTests : IAsyncLifetime
{
    private DomainHarness _harness = null!;
    private PresenceTracker _presence = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync(s => s.AddSingleton<PresenceTracker>());
        _presence = _harness.Get<PresenceTracker>();
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private async Task<string> AddAgentAsync(string name, AgentPresence presence = AgentPresence.Online, bool disabled = false)
    {
        await using var db = _harness.Db();
        var agent = new Agent
        {
            UserName = $"{name}@example.com", Email = $"{name}@example.com", DisplayName = name,
            Presence = presence, IsDisabled = disabled, CreatedAt = _harness.Clock.GetUtcNow().UtcDateTime,
        };
        db.Users.Add(agent);
        await db.SaveChangesAsync(Ct);
        return agent.Id;
    }

    [Fact]
    public async Task An_online_agent_without_an_open_circuit_is_not_available()
    {
        await AddAgentAsync("ada");

        Assert.Equal(0, await _presence.CountAvailableAsync(Ct));
    }

    [Fact]
    public async Task An_online_agent_with_an_open_circuit_is_available()
    {
        var ada = await AddAgentAsync("ada");

        _presence.CircuitOpened("c1", ada);

        Assert.Equal(1, await _presence.CountAvailableAsync(Ct));
    }

    [Fact]
    public async Task An_agent_with_several_circuits_counts_once_and_stays_available_until_the_last_closes()
    {
        var ada = await AddAgentAsync("ada");
        _presence.CircuitOpened("c1", ada);
        _presence.CircuitOpened("c2", ada);

        var withTwo = await _presence.CountAvailableAsync(Ct);
        _presence.CircuitClosed("c1");
        var withOne = await _presence.CountAvailableAsync(Ct);
        _presence.CircuitClosed("c2");
        var withNone = await _presence.CountAvailableAsync(Ct);

        Assert.Equal([1, 1, 0], [withTwo, withOne, withNone]);
    }

    [Fact]
    public async Task Away_and_disabled_agents_are_not_counted()
    {
        var ada = await AddAgentAsync("ada");
        var grace = await AddAgentAsync("grace", AgentPresence.Away);
        var alan = await AddAgentAsync("alan", disabled: true);
        _presence.CircuitOpened("c1", ada);
        _presence.CircuitOpened("c2", grace);
        _presence.CircuitOpened("c3", alan);

        Assert.Equal(1, await _presence.CountAvailableAsync(Ct));
    }

    [Fact]
    public async Task Two_online_agents_count_as_two()
    {
        _presence.CircuitOpened("c1", await AddAgentAsync("ada"));
        _presence.CircuitOpened("c2", await AddAgentAsync("grace"));

        Assert.Equal(2, await _presence.CountAvailableAsync(Ct));
    }

    [Fact]
    public async Task A_circuit_whose_connection_dropped_does_not_count_until_it_reconnects()
    {
        var ada = await AddAgentAsync("ada");
        _presence.CircuitOpened("c1", ada);

        _presence.ConnectionChanged("c1", connected: false);
        var whileDown = await _presence.CountAvailableAsync(Ct);
        _presence.ConnectionChanged("c1", connected: true);
        var afterReconnect = await _presence.CountAvailableAsync(Ct);

        Assert.Equal([0, 1], [whileDown, afterReconnect]);
    }

    [Fact]
    public async Task Signing_out_in_a_circuit_removes_it()
    {
        var ada = await AddAgentAsync("ada");
        _presence.CircuitOpened("c1", ada);

        _presence.CircuitUserChanged("c1", null);

        Assert.Equal(0, await _presence.CountAvailableAsync(Ct));
        Assert.Empty(_presence.ConnectedAgentIds());
    }

    [Fact]
    public async Task A_user_change_arriving_after_the_circuit_closed_does_not_bring_the_agent_back_online()
    {
        var ada = await AddAgentAsync("ada");
        _presence.CircuitOpened("c1", ada);
        _presence.CircuitClosed("c1");

        _presence.CircuitUserChanged("c1", ada);

        Assert.Equal(0, await _presence.CountAvailableAsync(Ct));
        Assert.Empty(_presence.ConnectedAgentIds());
    }

    [Fact]
    public async Task Going_away_makes_a_connected_agent_unavailable()
    {
        var ada = await AddAgentAsync("ada");
        _presence.CircuitOpened("c1", ada);

        await using (var db = _harness.Db())
        {
            var agent = await db.Users.FindAsync([ada], Ct);
            agent!.Presence = AgentPresence.Away;
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(0, await _presence.CountAvailableAsync(Ct));
    }

    [Fact]
    public async Task Opening_losing_regaining_and_closing_a_circuit_each_raise_Changed_for_its_agent()
    {
        var ada = await AddAgentAsync("ada");
        var raised = new List<string>();
        using var subscription = _presence.Subscribe(raised.Add);

        _presence.CircuitOpened("c1", ada);
        _presence.ConnectionChanged("c1", connected: false);
        _presence.ConnectionChanged("c1", connected: true);
        _presence.CircuitClosed("c1");

        Assert.Equal([ada, ada, ada, ada], raised);
    }

    [Fact]
    public void Nothing_is_raised_for_a_circuit_it_does_not_know()
    {
        var raised = new List<string>();
        using var subscription = _presence.Subscribe(raised.Add);

        _presence.ConnectionChanged("unknown", connected: false);
        _presence.CircuitClosed("unknown");

        Assert.Empty(raised);
    }

    [Fact]
    public void A_circuit_changing_hands_raises_Changed_for_both_agents()
    {
        _presence.CircuitOpened("c1", "ada");
        var raised = new List<string>();
        using var subscription = _presence.Subscribe(raised.Add);

        _presence.CircuitUserChanged("c1", "grace");

        Assert.Equal(["ada", "grace"], raised);
    }

    [Fact]
    public void A_stored_presence_change_raises_Changed()
    {
        var raised = new List<string>();
        using var subscription = _presence.Subscribe(raised.Add);

        _presence.StoredPresenceChanged("ada");

        Assert.Equal(["ada"], raised);
    }

    [Fact]
    public void Handlers_run_outside_the_lock()
    {
        var readFromAnotherThread = false;
        // The lock is re-entrant on one thread, so only another thread shows whether it is still held.
        using var subscription = _presence.Subscribe(_ => readFromAnotherThread = Task.Run(() => _presence.ConnectedAgentIds()).Wait(TimeSpan.FromSeconds(5)));

        _presence.CircuitOpened("c1", "ada");

        Assert.True(readFromAnotherThread);
    }

    [Fact]
    public void A_failing_handler_does_not_stop_the_others_or_the_change()
    {
        var raised = new List<string>();
        using var failing = _presence.Subscribe(_ => throw new InvalidOperationException("a dead circuit"));
        using var subscription = _presence.Subscribe(raised.Add);

        _presence.CircuitOpened("c1", "ada");

        Assert.Equal(["ada"], raised);
        Assert.Contains("ada", _presence.ConnectedAgentIds());
    }
}
