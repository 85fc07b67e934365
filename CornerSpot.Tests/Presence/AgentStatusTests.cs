using CornerSpot.Domain.Agents;
using CornerSpot.Web.Presence;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Presence;

/// <summary>The agent's own Online/Away choice, through the whole app on a real SQLite file.</summary>
public sealed class AgentStatusTests : AppTest
{

    private PresenceTracker Presence => App.Services.GetRequiredService<PresenceTracker>();
    private AgentStatus Status => App.Services.GetRequiredService<AgentStatus>();

    [Fact]
    public async Task Choosing_Away_makes_a_connected_agent_unavailable_and_says_so()
    {
        var ada = await App.CreateAgentAsync("ada@example.com", "Ada-Lovelace-1", Roles.Agent);
        Presence.CircuitOpened("c1", ada);
        var before = await Presence.CountAvailableAsync(Ct);
        var raised = new List<string>();
        using var subscription = Presence.Subscribe(raised.Add);

        var stored = await Status.SetAsync(Principals.WithRole(Roles.Agent, ada), AgentPresence.Away, Ct);

        var after = await Presence.CountAvailableAsync(Ct);
        Assert.True(stored);
        Assert.Equal([1, 0], [before, after]);
        Assert.Equal([ada], raised);
        await using var db = App.Db();
        Assert.Equal(AgentPresence.Away, (await db.Users.FindAsync([ada], Ct))!.Presence);
    }

    [Fact]
    public async Task Choosing_Online_again_makes_the_agent_available_again()
    {
        var ada = await App.CreateAgentAsync("ada@example.com", "Ada-Lovelace-1", Roles.Agent);
        var user = Principals.WithRole(Roles.Agent, ada);
        Presence.CircuitOpened("c1", ada);
        await Status.SetAsync(user, AgentPresence.Away, Ct);

        await Status.SetAsync(user, AgentPresence.Online, Ct);

        Assert.Equal(1, await Presence.CountAvailableAsync(Ct));
        Assert.Equal(AgentPresence.Online, await Status.GetAsync(user, Ct));
    }

    [Fact]
    public async Task The_choice_is_read_back_for_the_agent_named_by_the_claim_only()
    {
        var ada = await App.CreateAgentAsync("ada@example.com", "Ada-Lovelace-1", Roles.Agent);
        var grace = await App.CreateAgentAsync("grace@example.com", "Grace-Hopper-1", Roles.Agent);

        await Status.SetAsync(Principals.WithRole(Roles.Agent, ada), AgentPresence.Away, Ct);

        Assert.Equal(AgentPresence.Away, await Status.GetAsync(Principals.WithRole(Roles.Agent, ada), Ct));
        Assert.Equal(AgentPresence.Online, await Status.GetAsync(Principals.WithRole(Roles.Agent, grace), Ct));
    }

    [Fact]
    public async Task An_unknown_agent_stores_nothing_and_raises_nothing()
    {
        var raised = new List<string>();
        using var subscription = Presence.Subscribe(raised.Add);

        var stored = await Status.SetAsync(Principals.WithRole(Roles.Agent, "no-such-agent"), AgentPresence.Away, Ct);

        Assert.False(stored);
        Assert.Empty(raised);
    }
}
