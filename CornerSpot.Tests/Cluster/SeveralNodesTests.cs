using System.Net;
using System.Net.Http.Json;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Settings;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Cluster;
using CornerSpot.Web.Presence;
using CornerSpot.Web.Widget;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Cluster;

/// <summary>Two nodes of one installation on one database and one Redis answer a visitor the same.</summary>
public sealed class SeveralNodesTests(RedisServer redis)
{
    private const string Availability = "/api/widget/availability";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient Client(KestrelApp node, string? clientAddress = null)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress };
        if (clientAddress is not null) client.DefaultRequestHeaders.Add(AppFactory.ClientAddressHeader, clientAddress);
        return client;
    }

    [Fact]
    public async Task An_agent_with_the_console_open_on_one_node_counts_as_online_on_the_other()
    {
        await using var nodes = NodePair.Start(redis);
        await using (var db = nodes.First.Db())
        {
            var admin = await db.Users.SingleAsync(Ct);
            Assert.Equal(AgentPresence.Online, admin.Presence);
            nodes.First.Services.GetRequiredService<PresenceTracker>().CircuitOpened("circuit-on-node-1", admin.Id);
        }
        // Redis runs one connection's commands in order: once this answers, node 1's presence write has landed.
        await nodes.First.Services.GetRequiredService<RedisConnection>().Database.PingAsync();

        var answer = await Client(nodes.Second).GetFromJsonAsync<WidgetEndpoints.Availability>(Availability, Ct);

        Assert.Equal(1, answer!.AgentsOnline);
    }

    [Fact]
    public async Task The_widget_rate_limit_is_one_limit_across_both_nodes()
    {
        await using var nodes = NodePair.Start(redis, new Dictionary<string, string?> { ["Widget:RateLimit:PermitLimit"] = "3" });
        const string visitor = "203.0.113.7";

        var statuses = new List<HttpStatusCode>();
        foreach (var node in new[] { nodes.First, nodes.Second, nodes.First, nodes.Second })
            statuses.Add((await Client(node, visitor).GetAsync(Availability, Ct)).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task The_chat_message_limit_is_one_limit_per_conversation_across_both_nodes()
    {
        await using var nodes = NodePair.Start(redis, new Dictionary<string, string?> { ["Chat:MessagesPerMinute"] = "3" });
        var started = await (await Client(nodes.First).PostAsJsonAsync("/api/widget/conversations",
            new { message = "Hello, is anyone there?" }, Ct)).Content.ReadFromJsonAsync<ChatEndpoints.ChatStarted>(Ct);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        foreach (var (node, i) in new[] { nodes.Second, nodes.First, nodes.Second }.Select((n, i) => (n, i)))
        {
            var client = Client(node);
            client.DefaultRequestHeaders.Add(VisitorToken.Header, started!.VisitorToken);
            last = await client.PostAsJsonAsync($"/api/widget/conversations/{started.ConversationId}/messages", new { text = $"message {i}" }, Ct);
            statuses.Add(last.StatusCode);
        }

        // The first message counted on node 1; two more fill the limit of 3, whichever node takes them.
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task An_origin_an_admin_allows_on_one_node_is_honoured_by_the_other()
    {
        await using var nodes = NodePair.Start(redis);
        // Node 2 has read (and keeps) the default list, which allows any site.
        Assert.Equal("*", await AllowedOriginAsync(nodes.Second, "https://elsewhere.example"));
        var relayed = NodePair.NextEventAsync<WidgetOriginsChanged>(nodes.Second);

        var store = nodes.First.Services.GetRequiredService<WidgetSettingsStore>();
        Assert.Null(await store.SaveAllowedOriginsAsync(await nodes.First.PrincipalAsync(), "https://shop.example.com", Ct));
        await relayed.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal("https://shop.example.com", await AllowedOriginAsync(nodes.Second, "https://shop.example.com"));
        Assert.Null(await AllowedOriginAsync(nodes.Second, "https://elsewhere.example"));
    }

    [Fact]
    public async Task A_callback_form_an_admin_turns_off_on_one_node_is_refused_by_the_other()
    {
        await using var nodes = NodePair.Start(redis);
        var client = Client(nodes.Second);
        // Node 2 has read (and keeps) the default queue for intake.
        Assert.Equal(HttpStatusCode.Created, (await PostCallbackAsync(client, "+44 20 7946 0101")).StatusCode);
        var relayed = NodePair.NextEventAsync<QueuesChanged>(nodes.Second);

        await using (var db = nodes.First.Db())
        {
            var general = await db.Queues.SingleAsync(q => q.Slug == Queue.DefaultSlug, Ct);
            Assert.Null(await nodes.First.Services.GetRequiredService<QueueAdministration>()
                .SetCallbackEnabledAsync(await nodes.First.PrincipalAsync(), general.Id, false, Ct));
        }
        await relayed.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, (await PostCallbackAsync(client, "+44 20 7946 0102")).StatusCode);
    }

    private static Task<HttpResponseMessage> PostCallbackAsync(HttpClient client, string phone) =>
        client.PostAsJsonAsync("/api/widget/callbacks", new { name = "Visitor", phone }, Ct);

    [Fact]
    public async Task A_node_that_cannot_reach_Redis_limits_on_its_own_and_says_so_once()
    {
        await using var down = new RedisServer();
        await using var node = KestrelApp.Start(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = down.Configuration, // never started
            ["Widget:RateLimit:PermitLimit"] = "2",
        });
        var client = Client(node, "203.0.113.8");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await client.GetAsync(Availability, Ct)).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Single(node.Logs.Lines, l => l.Contains("counts rate limits on its own", StringComparison.Ordinal));
    }

    /// <summary>The Access-Control-Allow-Origin a node answers a widget call from <paramref name="origin"/> with.</summary>
    private static async Task<string?> AllowedOriginAsync(KestrelApp node, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Availability);
        request.Headers.Add("Origin", origin);
        using var response = await Client(node).SendAsync(request, Ct);
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
    }
}
