using System.Net.Http.Json;
using CornerSpot.Bench.Harness;
using CornerSpot.Domain;
using Microsoft.Playwright;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>Two app nodes on one PostgreSQL database and one redis-server (private instances started here): the 201 of
/// <c>POST /api/widget/callbacks</c> on node A → the visitor's row in 5 inbox pages open on node B. Beside the bare
/// SignalR hub of <see cref="PushBaseline"/> pushing to as many pages on one node, timed the same way.</summary>
public static class CrossNodePush
{
    private const int Pages = 5;
    private const double GoalMs = 250;

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var samples = options.Quick ? 6 : 20;
        var visitors = new Visitors();
        await using var postgres = BenchPostgres.Start();
        await using var redis = await BenchRedis.StartAsync();
        Dictionary<string, string?> Node(string name) => new()
        {
            ["Database:Provider"] = "Postgres",
            [$"ConnectionStrings:{DomainServices.ConnectionStringName}"] = postgres.ConnectionString("cornerspot"),
            ["Redis:Configuration"] = redis.Configuration,
            ["Redis:Prefix"] = "cornerspot-bench",
            ["Cluster:NodeName"] = name,
        };
        // BenchApp's SQLite path is overridden by the PostgreSQL connection string above.
        await using var nodeA = BenchApp.Start(BenchPaths.FreshDatabase("cross-node-unused-a"), Node("node-a"));
        await using var nodeB = BenchApp.Start(BenchPaths.FreshDatabase("cross-node-unused-b"), Node("node-b"));
        await using var baseline = await PushBaseline.StartAsync();
        await using var browser = await BrowserSession.LaunchAsync();
        var appContext = await browser.SignedInContextAsync(nodeB.BaseAddress, BenchApp.AdminEmail, BenchApp.AdminPassword);
        var baselineContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseline.BaseAddress.ToString().TrimEnd('/') });
        baselineContext.SetDefaultTimeout(60_000);
        using var clientA = LoadRun.Client(nodeA.BaseAddress, 1);
        using var baselineClient = LoadRun.Client(baseline.BaseAddress, 1);

        var appPages = new List<IPage>();
        var baselinePages = new List<IPage>();
        await PushLatency.OpenPagesAsync(appContext, "/dashboard/chat/inbox", appPages, Pages);
        await PushLatency.OpenPagesAsync(baselineContext, "/", baselinePages, Pages);
        await Task.Delay(TimeSpan.FromSeconds(1)); // let the new circuits' first renders and JS imports finish

        var app = await PushLatency.MeasureAsync(appPages, name => PushLatency.AckAsync(clientA, visitors.Next(name)), "Cross-node", samples);
        var floor = await PushLatency.MeasureAsync(baselinePages, name => PushLatency.AckAsync(baselineClient,
            new HttpRequestMessage(HttpMethod.Post, "/callbacks") { Content = JsonContent.Create(new { name }) }), "Cross-node baseline", samples);
        await appContext.CloseAsync();
        await baselineContext.CloseAsync();

        var p95 = Stats.Percentile(app.FromAck, 95);
        var bp95 = Stats.Percentile(floor.FromAck, 95);
        Console.WriteLine($"   node A 201 → row on node B: p50 {Report.Ms(Stats.Median(app.FromAck))} p95 {Report.Ms(p95)}; baseline p95 {Report.Ms(bp95)}");
        return new BenchResult("Cross-node push",
            [
                new MetricRow("Cross-node push", Report.Ms(p95), Report.Ms(bp95), Report.X(p95 / bp95), "p95 ≤ 250 ms", p95 <= GoalMs,
                    $"p50 {Report.Ms(Stats.Median(app.FromAck))} vs {Report.Ms(Stats.Median(floor.FromAck))}; {samples} arrivals × {Pages} pages on node B"),
            ],
            [
                "Two nodes of the app in this process, each on its own Kestrel loopback port, on one PostgreSQL 15 database and one",
                "redis-server, both private instances started by the bench (fsync off; nothing saved by Redis). From the 201 of",
                $"`POST /api/widget/callbacks` on node A back in the bench to the visitor's row in each of {Pages} inbox pages open on",
                "node B (tabs of one signed-in Chromium context), timed in the page as in the push benchmark, arrivals spaced the",
                "same way. Baseline: the push benchmark's bare SignalR hub, one node, as many pages, right after.",
            ]);
    }
}
