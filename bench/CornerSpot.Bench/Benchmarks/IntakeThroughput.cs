using System.Net;
using CornerSpot.Bench.Harness;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>Requests/s of POST /api/widget/callbacks with unique bodies and Idempotency-Keys at fixed concurrency on
/// loopback, interleaved with the same load on <see cref="IntakeBaseline"/>.</summary>
public static class IntakeThroughput
{
    private const int Concurrency = 16;
    private const double GoalRatio = 0.8;

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var duration = TimeSpan.FromSeconds(options.Quick ? 2 : 6);
        var rounds = options.Quick ? 1 : 3;
        var visitors = new Visitors();

        await using var app = BenchApp.Start(BenchPaths.FreshDatabase("intake-app"));
        await using var baseline = await IntakeBaseline.StartAsync(BenchPaths.FreshDatabase("intake-baseline"));
        using var appClient = LoadRun.Client(app.BaseAddress, Concurrency);
        using var baselineClient = LoadRun.Client(baseline.BaseAddress, Concurrency);

        Task<LoadResult> Load(HttpClient client, TimeSpan d) =>
            LoadRun.RunAsync(client, visitors.Next, HttpStatusCode.Created, Concurrency, d);

        // JIT, connection pools, SQLite page cache: warm both before anything counts.
        await Load(appClient, TimeSpan.FromSeconds(2));
        await Load(baselineClient, TimeSpan.FromSeconds(2));

        var appRuns = new List<LoadResult>();
        var baselineRuns = new List<LoadResult>();
        for (var round = 0; round < rounds; round++)
        {
            // Alternate who goes first, so a noisy neighbour or a growing database favours neither side.
            if (round % 2 == 0)
            {
                baselineRuns.Add(await Load(baselineClient, duration));
                appRuns.Add(await Load(appClient, duration));
            }
            else
            {
                appRuns.Add(await Load(appClient, duration));
                baselineRuns.Add(await Load(baselineClient, duration));
            }
            Console.WriteLine($"   round {round + 1}: app {appRuns[^1].RequestsPerSecond:N0} req/s, baseline {baselineRuns[^1].RequestsPerSecond:N0} req/s");
        }

        var failures = appRuns.Sum(r => r.Failed) + baselineRuns.Sum(r => r.Failed);
        if (failures > 0) throw new InvalidOperationException($"{failures} intake requests did not answer 201; the figures would be meaningless.");

        var ratios = appRuns.Zip(baselineRuns, (a, b) => a.RequestsPerSecond / b.RequestsPerSecond).ToList();
        var ratio = Stats.Median(ratios);
        var appRps = Stats.Median(appRuns.Select(r => r.RequestsPerSecond).ToList());
        var baseRps = Stats.Median(baselineRuns.Select(r => r.RequestsPerSecond).ToList());
        var appLatency = appRuns.SelectMany(r => r.LatenciesMs).ToList();
        var baseLatency = baselineRuns.SelectMany(r => r.LatenciesMs).ToList();
        var p50 = Stats.Percentile(appLatency, 50);
        var p99 = Stats.Percentile(appLatency, 99);
        var bp50 = Stats.Percentile(baseLatency, 50);
        var bp99 = Stats.Percentile(baseLatency, 99);

        return new BenchResult("Intake throughput",
            [
                new MetricRow("Intake throughput, req/s (median of rounds)", Report.N(appRps), Report.N(baseRps), Report.X(ratio), "≥ 0.80× baseline",
                    ratio >= GoalRatio, $"{Concurrency} concurrent clients, {rounds}×{duration.TotalSeconds:0} s interleaved"),
                new MetricRow("Intake latency p50 / p99", $"{Report.Ms(p50)} / {Report.Ms(p99)}", $"{Report.Ms(bp50)} / {Report.Ms(bp99)}",
                    $"{Report.X(p50 / bp50)} / {Report.X(p99 / bp99)}", "—", null),
            ],
            [
                $"`POST /api/widget/callbacks` with a unique visitor (name, phone, note, page) and a unique `Idempotency-Key` per request,",
                $"{Concurrency} closed-loop clients on loopback, {rounds} rounds of {duration.TotalSeconds:0} s after a 2 s warm-up each, app and baseline",
                "alternating. The baseline is a bare Kestrel endpoint in the bench writing the same five rows in one transaction",
                "with raw Microsoft.Data.Sqlite and the same pragmas; it validates nothing.",
                "",
                "| Round | CornerSpot req/s | Baseline req/s | Ratio |",
                "|---|---|---|---|",
                .. appRuns.Select((a, i) => $"| {i + 1} | {a.RequestsPerSecond:N0} | {baselineRuns[i].RequestsPerSecond:N0} | {ratios[i]:0.00}× |"),
            ]);
    }
}
