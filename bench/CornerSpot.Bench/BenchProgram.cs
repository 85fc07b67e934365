using System.Diagnostics;
using CornerSpot.Bench.Benchmarks;
using CornerSpot.Bench.Harness;

namespace CornerSpot.Bench;

/// <summary><c>dotnet run -c Release --project bench/CornerSpot.Bench [-- --only intake,search] [--quick]</c>.
/// A full run writes docs/benchmarks.md; --only or --quick write artifacts/bench/partial.md instead.</summary>
public static class BenchProgram
{
    private static readonly (string Key, Func<BenchOptions, Task<BenchResult>> Run)[] Benchmarks =
    [
        ("coldstart", ColdStart.RunAsync),
        ("intake", IntakeThroughput.RunAsync),
        ("intake-pg", PostgresIntake.RunAsync),
        ("push", PushLatency.RunAsync),
        ("chat", ChatLatency.RunAsync),
        ("crossnode", CrossNodePush.RunAsync),
        ("memory", CircuitMemory.RunAsync),
        ("search", SearchAtScale.RunAsync),
        ("search-pg", PostgresSearch.RunAsync),
        ("signin", SignInToInbox.RunAsync),
        ("durability", Durability.RunAsync),
    ];

    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var unknown = options.Only.Except(Benchmarks.Select(b => b.Key)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown benchmark(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", Benchmarks.Select(b => b.Key))}.");
            return 2;
        }

        var total = Stopwatch.StartNew();
        var results = new List<BenchResult>();
        foreach (var (key, run) in Benchmarks.Where(b => options.Only.Count == 0 || options.Only.Contains(b.Key)))
        {
            Console.WriteLine($"== {key} ({total.Elapsed:mm\\:ss})");
            var started = total.Elapsed;
            var result = await run(options);
            results.Add(result);
            Console.WriteLine($"   ({key} took {(total.Elapsed - started).TotalSeconds:0} s)");
            foreach (var row in result.Rows)
                Console.WriteLine($"   {row.Metric}: {row.CornerSpot} vs {row.Baseline} ({row.Ratio}); goal {row.Goal}: {(row.Met is null ? "—" : row.Met.Value ? "met" : "MISSED")}");
        }

        var findingsPath = Path.Combine(BenchPaths.Root, "bench", "CornerSpot.Bench", "findings.md");
        var markdown = Report.Markdown(results, "dotnet run -c Release --project bench/CornerSpot.Bench", total.Elapsed,
            File.Exists(findingsPath) ? await File.ReadAllTextAsync(findingsPath) : "");
        var output = options.IsPartial ? Path.Combine(BenchPaths.Work, "partial.md") : Path.Combine(BenchPaths.Root, "docs", "benchmarks.md");
        await File.WriteAllTextAsync(output, markdown);
        Console.WriteLine($"Wrote {Path.GetRelativePath(BenchPaths.Root, output)} in {total.Elapsed:mm\\:ss}.");
        return 0;
    }
}
