using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CornerSpot.Bench.Harness;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Chat;
using Microsoft.Playwright;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>A live chat both ways with five agent consoles open on the conversation. Visitor → agent: the 201 of the
/// widget's <c>POST …/messages</c> → the message's text in the DOM of every console, against <see cref="PushBaseline"/>
/// (a bare SignalR hub) pushing the same text to as many pages. Agent → visitor: <see cref="ChatConversations.ReplyAsync"/>
/// returned → the message event on the widget's event stream (an SSE client in the bench, reading what the widget's
/// EventSource reads), against <see cref="SseBaseline"/> (a bare SSE endpoint) sending the same JSON.</summary>
public static class ChatLatency
{
    private const int Consoles = 5;
    private const int Warmup = 3;
    private const double GoalMs = 100;

    /// <summary>Past the inbox's 150 ms coalescing window, as in the push benchmark: each message is a lone event.</summary>
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(350);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private const string BubbleSelector = "[data-testid=message] .cs-msg__bubble";

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var samples = options.Quick ? 10 : 50;
        var max = int.MaxValue.ToString(CultureInfo.InvariantCulture);
        // One conversation gets every message: the per-conversation limit (20 a minute) would measure the limiter.
        await using var app = BenchApp.Start(BenchPaths.FreshDatabase("chat-app"), new Dictionary<string, string?> { ["Chat:MessagesPerMinute"] = max });
        await using var pushBaseline = await PushBaseline.StartAsync();
        await using var sseBaseline = await SseBaseline.StartAsync();
        await using var browser = await BrowserSession.LaunchAsync();
        using var appClient = LoadRun.Client(app.BaseAddress, 1);
        using var baselineClient = LoadRun.Client(pushBaseline.BaseAddress, 1);

        // The visitor starts the chat as the widget does.
        using var startResponse = await appClient.PostAsJsonAsync("/api/widget/conversations",
            new { name = "Bench visitor", message = "Hello, is anyone there?", queue = "general", pageUrl = "https://shop.example/pricing" });
        if (startResponse.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Starting a chat answered {(int)startResponse.StatusCode}: {await startResponse.Content.ReadAsStringAsync()}");
        var started = (await startResponse.Content.ReadFromJsonAsync<Started>())!;
        var agent = new CallingAgent("bench-agent", "Bench agent");
        var chats = app.Services.GetRequiredService<ChatConversations>();

        // Five consoles open on the conversation (tabs of one signed-in agent, each its own circuit), and as many baseline pages.
        var appContext = await browser.SignedInContextAsync(app.BaseAddress, BenchApp.AdminEmail, BenchApp.AdminPassword);
        var baselineContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = pushBaseline.BaseAddress.ToString().TrimEnd('/') });
        baselineContext.SetDefaultTimeout(60_000);
        var consoles = await OpenAsync(appContext, $"/dashboard/chat/inbox/{started.ConversationId}", BubbleSelector);
        var baselinePages = await OpenAsync(baselineContext, "/", RowWatch.RowNames);
        await using var widget = await SseWatch.OpenAsync(app.BaseAddress, $"/api/widget/conversations/{started.ConversationId}/events",
            new Dictionary<string, string> { [VisitorToken.Header] = started.VisitorToken });
        await using var sseClient = await SseWatch.OpenAsync(sseBaseline.BaseAddress, "/events", new Dictionary<string, string>());
        Console.WriteLine("   consoles, baseline pages and both event streams open");
        await Task.Delay(TimeSpan.FromSeconds(1)); // let the new circuits' first renders and JS imports finish

        async Task<DateTime> VisitorSends(string text)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/widget/conversations/{started.ConversationId}/messages")
            {
                Content = JsonContent.Create(new { text }),
            };
            request.Headers.Add(VisitorToken.Header, started.VisitorToken);
            request.Headers.Add("Idempotency-Key", $"bench-{Guid.NewGuid():N}");
            return await Ack(appClient, request);
        }
        Task<DateTime> BaselineSends(string text) =>
            Ack(baselineClient, new HttpRequestMessage(HttpMethod.Post, "/callbacks") { Content = JsonContent.Create(new { name = text }) });
        async Task AgentSends(string text)
        {
            if (await chats.ReplyAsync(started.ConversationId, agent, text, isInternal: false, CancellationToken.None) is not ChatResult.Posted)
                throw new InvalidOperationException("The agent's reply was not posted.");
        }
        Task BaselinePublishes(string text)
        {
            sseBaseline.Publish(text);
            return Task.CompletedTask;
        }

        // Interleaved in halves, so a noisy neighbour favours neither side.
        var (toAgent, toAgentBase, toVisitor, toVisitorBase) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        foreach (var half in new[] { "A", "B" })
        {
            var n = samples / 2 + (half == "A" ? samples % 2 : 0);
            toAgent.AddRange(await ToPagesAsync(consoles, VisitorSends, $"Visitor {half}", n));
            toAgentBase.AddRange(await ToPagesAsync(baselinePages, BaselineSends, $"Baseline visitor {half}", n));
            toVisitor.AddRange(await ToStreamAsync(widget, AgentSends, $"Agent {half}", n));
            toVisitorBase.AddRange(await ToStreamAsync(sseClient, BaselinePublishes, $"Baseline agent {half}", n));
        }
        await appContext.CloseAsync();
        await baselineContext.CloseAsync();
        Console.WriteLine($"   visitor → agent p50/p95 {Report.Ms(Stats.Median(toAgent))}/{Report.Ms(Stats.Percentile(toAgent, 95))}, baseline " +
                          $"{Report.Ms(Stats.Median(toAgentBase))}/{Report.Ms(Stats.Percentile(toAgentBase, 95))}; agent → visitor " +
                          $"{Report.Ms(Stats.Median(toVisitor))}/{Report.Ms(Stats.Percentile(toVisitor, 95))}, baseline " +
                          $"{Report.Ms(Stats.Median(toVisitorBase))}/{Report.Ms(Stats.Percentile(toVisitorBase, 95))}");

        MetricRow Row(string metric, List<double> mine, List<double> floor, string what)
        {
            var p95 = Stats.Percentile(mine, 95);
            var bp95 = Stats.Percentile(floor, 95);
            return new MetricRow(metric, Report.Ms(p95), Report.Ms(bp95), Report.X(p95 / bp95), "p95 ≤ 100 ms", p95 <= GoalMs,
                $"p50 {Report.Ms(Stats.Median(mine))} vs {Report.Ms(Stats.Median(floor))}; {what}");
        }

        return new BenchResult("Chat latency",
            [
                Row("Chat, visitor → agent", toAgent, toAgentBase, $"{samples} messages × {Consoles} consoles open on the conversation"),
                Row("Chat, agent → visitor", toVisitor, toVisitorBase, $"{samples} replies to the widget's event stream (SSE client), {Consoles} consoles open"),
            ],
            [
                $"One chat, started through `POST /api/widget/conversations`, with {Consoles} agent consoles open on it",
                "(`/dashboard/chat/inbox/{id}`, tabs of one signed-in Chromium context, each its own circuit).",
                "",
                "Visitor → agent: from the 201 of `POST /api/widget/conversations/{id}/messages` (with `X-Visitor-Token`) back in the bench",
                "to the message's text in `[data-testid=message] .cs-msg__bubble` of each console, read in the page by a MutationObserver",
                "with `Date.now()` as in the push benchmark; the percentile is over every (message, console) pair. Baseline: the push",
                "benchmark's bare SignalR hub and page, the same text pushed to as many pages, timed the same way from its 201.",
                "",
                "Agent → visitor: from `ChatConversations.ReplyAsync` returning (the reply is stored; the composer calls the same",
                "service) to the `message` event carrying its text on `GET /api/widget/conversations/{id}/events`, read by an SSE client",
                "in the bench — the stream the widget's EventSource reads, not the widget's DOM. Baseline: a bare SSE endpoint that",
                "writes the same JSON to its open streams, timed from the write to its arrival in the same kind of client.",
                "",
                $"Messages are {Spacing.TotalMilliseconds:0} ms apart or more, the next only after the last arrived everywhere; {Warmup}",
                "unrecorded messages before each series; each side runs in two halves, interleaved with its baseline.",
            ]);
    }

    private sealed record Started(Guid ConversationId, string VisitorToken);

    private static async Task<List<IPage>> OpenAsync(IBrowserContext context, string path, string selector)
    {
        var pages = new List<IPage>();
        for (var i = 0; i < Consoles; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            await page.Locator("[data-interactive=true]").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            await RowWatch.InstallAsync(page, selector);
            pages.Add(page);
        }
        return pages;
    }

    private static async Task<DateTime> Ack(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        using (var response = await client.SendAsync(request))
        {
            var ack = TimeProvider.System.GetUtcNow().UtcDateTime;
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"{request.RequestUri} answered {(int)response.StatusCode}, not 201: {await response.Content.ReadAsStringAsync()}");
            return ack;
        }
    }

    /// <summary>ms from each 201 to the text in each page.</summary>
    private static async Task<List<double>> ToPagesAsync(IReadOnlyList<IPage> pages, Func<string, Task<DateTime>> send, string prefix, int samples)
    {
        var latencies = new List<double>(samples * pages.Count);
        for (var s = 0; s < Warmup + samples; s++)
        {
            var text = $"{prefix} message {s:00}";
            var started = Stopwatch.GetTimestamp();
            var ack = RowWatch.UnixMs(await send(text));
            // Ask the pages only after the spacing: Playwright round trips during the push would load the machine under test.
            var rest = Spacing - Stopwatch.GetElapsedTime(started);
            if (rest > TimeSpan.Zero) await Task.Delay(rest);
            var seen = await Task.WhenAll(pages.Select(p => RowWatch.SeenAtAsync(p, text, Timeout)));
            if (s >= Warmup) latencies.AddRange(seen.Select(t => t - ack));
        }
        return latencies;
    }

    /// <summary>ms from each send returning to its event on the stream (negative: the event came first).</summary>
    private static async Task<List<double>> ToStreamAsync(SseWatch stream, Func<string, Task> send, string prefix, int samples)
    {
        var latencies = new List<double>(samples);
        for (var s = 0; s < Warmup + samples; s++)
        {
            var text = $"{prefix} message {s:00}";
            var started = Stopwatch.GetTimestamp();
            await send(text);
            var sent = Stopwatch.GetTimestamp();
            var seen = await stream.SeenAtAsync(text, Timeout);
            if (s >= Warmup) latencies.Add(Stopwatch.GetElapsedTime(sent, seen).TotalMilliseconds);
            var rest = Spacing - Stopwatch.GetElapsedTime(started);
            if (rest > TimeSpan.Zero) await Task.Delay(rest);
        }
        return latencies;
    }
}
