using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Presence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

/// <summary>An agent in Chromium on one node of two; visitors and failures on the other.</summary>
public sealed class SeveralNodesBrowserTests(RedisServer redis, BrowserFixture chromium) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ILocator Row(IPage page, string name) =>
        page.Locator("[data-testid=conversation-row]", new PageLocatorOptions { HasTextString = name });

    private async Task<IPage> InboxAsync(Uri baseAddress)
    {
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString().TrimEnd('/') });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, "/dashboard/chat/inbox");
        return page;
    }

    private static async Task<HttpResponseMessage> PostCallbackAsync(KestrelApp node, string name, string phone)
    {
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        return await http.PostAsJsonAsync("/api/widget/callbacks", new { name, phone }, Ct);
    }

    [Fact]
    public async Task A_callback_posted_to_one_node_appears_in_an_inbox_open_on_the_other()
    {
        await using var nodes = NodePair.Start(redis);
        var agent = await InboxAsync(nodes.Second.BaseAddress);

        Assert.Equal(HttpStatusCode.Created, (await PostCallbackAsync(nodes.First, "Hedy Lamarr", "+1 212 555 0199")).StatusCode);

        await Assertions.Expect(Row(agent, "Hedy Lamarr")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Assertions.Expect(agent.GetByText("New callback request from Hedy Lamarr")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task With_Redis_down_submissions_are_taken_and_an_open_inbox_shows_them_once_Redis_is_back()
    {
        await using var ownRedis = new RedisServer();
        await ownRedis.StartAsync();
        // The periodic reconciliation is pushed out of the way: only Redis coming back can bring the rows in time.
        await using var nodes = NodePair.Start(ownRedis, new Dictionary<string, string?> { ["Live:ReconcileSeconds"] = "600" });
        var agent = await InboxAsync(nodes.Second.BaseAddress);

        await ownRedis.StopAsync();
        Assert.Equal(HttpStatusCode.Created, (await PostCallbackAsync(nodes.First, "Ada Lovelace", "+44 20 7946 0958")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostCallbackAsync(nodes.First, "Alan Turing", "+44 20 7946 0959")).StatusCode);
        await ownRedis.StartAsync();

        await Assertions.Expect(Row(agent, "Ada Lovelace")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(Row(agent, "Alan Turing")).ToBeVisibleAsync(new() { Timeout = 1_000 });
    }

    [Fact]
    public async Task Behind_the_proxy_the_console_moves_to_the_other_node_still_signed_in_when_its_node_dies()
    {
        await using var nodes = NodePair.Start(redis);
        await using var proxy = await ConsoleProxy.StartAsync(nodes);
        var agent = await InboxAsync(proxy.BaseAddress);
        await Assertions.Expect(agent.Locator("h1")).ToHaveTextAsync("Live Chat Inbox");

        var (holder, other) = Connected(nodes.First) ? (nodes.First, nodes.Second) : (nodes.Second, nodes.First);
        Assert.True(Connected(holder) && !Connected(other), "exactly one node holds the agent's circuit");
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = other.Services.GetRequiredService<PresenceTracker>().Subscribe(_ =>
        {
            if (Connected(other)) arrived.TrySetResult();
        });

        await holder.DisposeAsync();

        // Only a signed-in browser can open a circuit: the console came back on the other node without a new sign-in.
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await Assertions.Expect(agent).ToHaveURLAsync(new Regex("/dashboard/chat/inbox$"));
        await Assertions.Expect(agent.Locator("h1")).ToHaveTextAsync("Live Chat Inbox");
        Assert.Equal(HttpStatusCode.Created, (await PostCallbackAsync(other, "Katherine Johnson", "+1 757 555 0101")).StatusCode);
        await Assertions.Expect(Row(agent, "Katherine Johnson")).ToBeVisibleAsync(new() { Timeout = 5_000 });
    }

    private static bool Connected(KestrelApp node) => node.Services.GetRequiredService<PresenceTracker>().ConnectedAgentIds().Count > 0;
}
