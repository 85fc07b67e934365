using System.Net;
using CornerSpot.Bench.Harness;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>Requests/s of POST /api/widget/callbacks with unique bodies and Idempotency-Keys at fixed concurrency on
/// loopback, interleaved with the same load on <see cref="IntakeBaseline"/>; then the app alone at 1, 4, 16 and 64
/// clients, for "How cost grows".</summary>
public static class IntakeThroughput
{
    private const int Concurrency = 16;
    private const double GoalRatio = 0.8;
    private static readonly int[] GrowthClients = [1, 4, 16, 64];

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var visitors = new Visitors();
        await using var app = BenchApp.Start(BenchPaths.FreshDatabase("intake-app"));
        await using var baseline = await IntakeBaseline.StartAsync(BenchPaths.FreshDatabase("intake-baseline"));
        var (rows, rounds) = await CompareAsync(app.BaseAddress, baseline.BaseAddress, visitors, options,
            "Intake throughput, req/s (median of rounds)", "Intake latency p50 / p99");

        // Short rounds of the app alone: enough requests for a p99 at each level, little enough time to keep the run lean.
        var growthDuration = TimeSpan.FromSeconds(options.Quick ? 1 : 3);
        var growth = new List<GrowthPoint>();
        var growthLines = new List<string>();
        foreach (var clients in GrowthClients)
        {
            using var client = LoadRun.Client(app.BaseAddress, clients);
            var run = await LoadRun.RunAsync(client, visitors.Next, HttpStatusCode.Created, clients, growthDuration);
            if (run.Failed > 0) throw new InvalidOperationException($"{run.Failed} intake requests at {clients} clients did not answer 201.");
            var p99 = Stats.Percentile(run.LatenciesMs, 99);
            growth.Add(new GrowthPoint(GrowthSeries.IntakeRps, clients, run.RequestsPerSecond));
            growth.Add(new GrowthPoint(GrowthSeries.IntakeP99, clients, p99));
            growthLines.Add($"| {clients} | {run.RequestsPerSecond:N0} | {Report.Ms(Stats.Median(run.LatenciesMs))} | {Report.Ms(p99)} | {run.Ok:N0} |");
            Console.WriteLine($"   {clients} client(s): {run.RequestsPerSecond:N0} req/s, p99 {Report.Ms(p99)}");
        }

        return new BenchResult("Intake throughput", rows,
            [
                $"`POST /api/widget/callbacks` with a unique visitor (name, phone, note, page) and a unique `Idempotency-Key` per request,",
                $"{Concurrency} closed-loop clients on loopback, rounds after a 2 s warm-up each, app and baseline",
                "alternating. The baseline is a bare Kestrel endpoint in the bench writing the same five rows in one transaction",
                "with raw Microsoft.Data.Sqlite and the same pragmas; it validates nothing.",
                "",
                .. rounds,
                "",
                $"Then the app alone, {growthDuration.TotalSeconds:0} s at each number of closed-loop clients (same database, growing):",
                "",
                "| Clients | req/s | p50 | p99 | Requests |",
                "|---|---|---|---|---|",
                .. growthLines,
            ],
            growth);
    }

    /// <summary>Warms both sides, then runs interleaved rounds of the same load on each, alternating who goes first.</summary>
    /// <returns>The two table rows (throughput against the goal, then latency) and the per-round table.</returns>
    internal static async Task<(IReadOnlyList<MetricRow> Rows, IReadOnlyList<string> Rounds)> CompareAsync(
        Uri appAddress, Uri baselineAddress, Visitors visitors, BenchOptions options, string throughputMetric, string latencyMetric)
    {
        var duration = TimeSpan.FromSeconds(options.Quick ? 2 : 6);
        var rounds = options.Quick ? 1 : 3;
        using var appClient = LoadRun.Client(appAddress, Concurrency);
        using var baselineClient = LoadRun.Client(baselineAddress, Concurrency);

        Task<LoadResult> Load(HttpClient client, TimeSpan d) =>
            LoadRun.RunAsync(client, visitors.Next, HttpStatusCode.Created, Concurrency, d);

        // JIT, connection pools, the database's page cache: warm both before anything counts.
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

        return (
            [
                new MetricRow(throughputMetric, Report.N(appRps), Report.N(baseRps), Report.X(ratio), "≥ 0.80× baseline",
                    ratio >= GoalRatio, $"{Concurrency} concurrent clients, {rounds}×{duration.TotalSeconds:0} s interleaved"),
                new MetricRow(latencyMetric, $"{Report.Ms(p50)} / {Report.Ms(p99)}", $"{Report.Ms(bp50)} / {Report.Ms(bp99)}",
                    $"{Report.X(p50 / bp50)} / {Report.X(p99 / bp99)}", "—", null),
            ],
            [
                $"{rounds} rounds of {duration.TotalSeconds:0} s each side:",
                "",
                "| Round | CornerSpot req/s | Baseline req/s | Ratio |",
                "|---|---|---|---|",
                .. appRuns.Select((a, i) => $"| {i + 1} | {a.RequestsPerSecond:N0} | {baselineRuns[i].RequestsPerSecond:N0} | {ratios[i]:0.00}× |"),
            ]);
    }
}
