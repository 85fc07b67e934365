using Bunit;
using CornerSpot.Domain.Agents;
using CornerSpot.Web.Presence;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Layout;
using CornerSpot.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Components.Layout;

/// <summary>The app bar's Online/Away control on a real SQLite file.</summary>
public sealed class PresenceMenuTests : MudTestContext, IAsyncLifetime
{
    private DomainHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync(s => s.AddSingleton<PresenceTracker>().AddSingleton<AgentStatus>());
        Services.AddLogging();
        Services.AddSingleton(_harness.Get<PresenceTracker>());
        Services.AddSingleton(_harness.Get<AgentStatus>());
        RenderInteractively();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _harness.DisposeAsync();
    }

    private IRenderedComponent<PresenceMenu> Open(string agentId)
    {
        var cut = Render<PresenceMenu>(p => p.Add(x => x.User, Principals.WithRole(Roles.Agent, agentId)));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=presence]")));
        return cut;
    }

    private static string Shown(IRenderedComponent<PresenceMenu> cut) => cut.Find("[data-testid=presence-label]").TextContent.Trim();

    [Fact]
    public async Task Shows_the_stored_presence_once_rendered()
    {
        var ada = await _harness.AgentAsync("ada", AgentPresence.Away);

        var cut = Open(ada);

        Assert.Equal("Away", Shown(cut));
        Assert.Contains("cs-presence__dot--away", cut.Find("[data-testid=presence-toggle]").InnerHtml);
    }

    [Fact]
    public async Task Choosing_Away_stores_it_on_the_agent()
    {
        var ada = await _harness.AgentAsync("ada");
        var cut = Open(ada);
        Assert.Equal("Online", Shown(cut));

        // The menu opens in the browser (menu.js); its items are in the component's markup.
        cut.Find("[data-testid=presence-away]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Away", Shown(cut)));
        Assert.Equal(AgentPresence.Away, await _harness.StoredPresenceAsync(ada));
        Assert.Equal("true", cut.Find("[data-testid=presence-away]").GetAttribute("aria-checked"));
        Assert.Equal("false", cut.Find("[data-testid=presence-online]").GetAttribute("aria-checked"));
    }

    [Fact]
    public async Task Another_tab_of_the_same_agent_follows_the_change()
    {
        var ada = await _harness.AgentAsync("ada");
        var grace = await _harness.AgentAsync("grace");
        var first = Open(ada);
        var second = Open(ada);
        var someoneElse = Open(grace);

        first.Find("[data-testid=presence-away]").Click();

        second.WaitForAssertion(() => Assert.Equal("Away", Shown(second)));
        Assert.Equal("Online", Shown(someoneElse));
    }

    [Fact]
    public async Task Unsubscribes_from_presence_when_disposed()
    {
        var presence = _harness.Get<PresenceTracker>();
        var before = presence.SubscriberCount;
        Open(await _harness.AgentAsync("ada"));
        Assert.Equal(before + 1, presence.SubscriberCount);

        await DisposeComponentsAsync();

        Assert.Equal(before, presence.SubscriberCount);
    }
}
