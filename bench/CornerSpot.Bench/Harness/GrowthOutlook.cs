using System.Globalization;

namespace CornerSpot.Bench.Harness;

/// <summary>The "How cost grows" table and the paragraph that extrapolates it to 1,000 agents on one 8-core machine,
/// both computed from the growth points the benchmarks of this run measured.</summary>
public static class GrowthOutlook
{
    private const int Agents = 1_000;
    private const int Cores = 8;
    private const double PushGoalMs = 100;

    public static IEnumerable<string> Markdown(IReadOnlyList<GrowthPoint> points)
    {
        if (points.Count == 0) yield break;
        var widest = GrowthSeries.All.Max(s => points.Count(p => p.Series == s.Name));
        yield return "## How cost grows";
        yield return "";
        yield return $"| What | Unit | Load |{string.Concat(Enumerable.Repeat(" |", widest))}";
        yield return $"|---|---|---|{string.Concat(Enumerable.Repeat("---|", widest))}";
        foreach (var (name, load, unit) in GrowthSeries.All)
        {
            var series = Of(points, name);
            if (series.Count == 0) continue;
            var cells = series.Select(p => $"{Format(p.X)}: **{Format(p.Value)}**").Concat(Enumerable.Repeat("", widest - series.Count));
            yield return $"| {name} | {unit} | {load} | {string.Join(" | ", cells)} |";
        }
        yield return "";
        yield return Paragraph(points);
    }

    /// <summary>Which resource 1,000 open consoles on 8 cores exhaust first, from the measured slopes.</summary>
    public static string Paragraph(IReadOnlyList<GrowthPoint> points)
    {
        var parts = new List<string> { $"**Extrapolated to {Agents:N0} agents on one {Cores}-core machine** (straight lines through this run's points, measured on {Environment.ProcessorCount} shared cores; a guide, not a measurement)." };
        var limits = new List<(string What, double ArrivalsPerSecond)>();

        var cpu = Of(points, GrowthSeries.ServerCpuPerArrival);
        double? fanOutMs = null;
        if (cpu.Count >= 2)
        {
            var (slope, at) = Fit(cpu, Agents);
            fanOutMs = Math.Max(at, 0);
            var rate = Cores * 1000 / fanOutMs.Value;
            limits.Add(("server CPU for the live updates of the open consoles", rate));
            parts.Add($"Each arrival costs {Format(slope)} ms of server CPU per open console ({Format(cpu[0].X)}–{Format(cpu[^1].X)} consoles measured), " +
                      $"so with {Agents:N0} consoles open one arrival costs about {Format(fanOutMs.Value / 1000)} CPU-seconds: {Cores} cores keep up with " +
                      $"about {Format(rate)} arrivals a second ({Format(rate * 3600)} an hour), and even spread perfectly over {Cores} cores the last " +
                      $"console sees an arrival no sooner than {Format(fanOutMs.Value / Cores)} ms after it " +
                      $"({(fanOutMs.Value / Cores > PushGoalMs ? "over" : "within")} the {PushGoalMs:0} ms push goal).");
        }
        else parts.Add("Server CPU per arrival was not measured at two or more console counts in this run.");

        var heap = Of(points, GrowthSeries.Heap);
        var memoryMb = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1048576.0;
        double? heapMb = null;
        if (heap.Count >= 2)
        {
            var (slope, at) = Fit(heap, Agents);
            heapMb = at;
            parts.Add($"Memory grows {Format(slope * 1024)} KB of managed heap per open console, about {Format(at / 1024)} GB for {Agents:N0} " +
                      $"(the working set is larger), against {Format(memoryMb / 1024)} GB on this machine.");
        }
        else parts.Add("Heap per console was not measured at two or more console counts in this run.");

        var intake = Of(points, GrowthSeries.IntakeRps);
        if (intake.Count > 0)
        {
            var best = intake.MaxBy(p => p.Value)!;
            var p99 = Of(points, GrowthSeries.IntakeP99).FirstOrDefault(p => p.X == best.X);
            limits.Add(("intake (SQLite takes one write at a time, so more cores hardly raise it)", best.Value));
            parts.Add($"Intake on SQLite peaked at {Format(best.Value)} req/s with {Format(best.X)} clients" +
                      (p99 is null ? "" : $" (p99 {Format(p99.Value)} ms)") + ".");
        }

        var search = Of(points, GrowthSeries.SearchSqlite).Concat(Of(points, GrowthSeries.SearchPostgres)).ToList();
        if (search.Count > 0)
            parts.Add($"Search does not grow with the number of agents: p95 {string.Join(", ", search.Select(p => $"{Format(p.Value)} ms at {Format(p.X)}"))} conversations.");

        var first = limits.Count == 0 ? default : limits.MinBy(l => l.ArrivalsPerSecond);
        if (heapMb is { } mb && mb > 0.8 * memoryMb)
            parts.Add($"What runs out first: memory, before any load arrives ({Format(mb / 1024)} GB of heap for {Agents:N0} open consoles).");
        else if (first.What is not null)
            parts.Add($"What runs out first: {first.What}, at about {Format(first.ArrivalsPerSecond)} arrivals a second" +
                      (fanOutMs is { } ms && ms / Cores > PushGoalMs ? $"; the push latency goal is lost long before that, at any arrival rate." : "."));
        return string.Join(" ", parts);
    }

    private static List<GrowthPoint> Of(IReadOnlyList<GrowthPoint> points, string series) =>
        points.Where(p => p.Series == series).OrderBy(p => p.X).ToList();

    /// <summary>Least-squares line through the points: its slope, and its value at <paramref name="x"/>.</summary>
    private static (double Slope, double At) Fit(IReadOnlyList<GrowthPoint> points, double x)
    {
        var slope = Stats.Slope(points.Select(p => (p.X, p.Value)).ToList());
        var intercept = points.Average(p => p.Value) - slope * points.Average(p => p.X);
        return (slope, intercept + slope * x);
    }

    private static string Format(double v) =>
        double.IsNaN(v) ? "—"
        : Math.Abs(v) >= 100 ? v.ToString("N0", CultureInfo.InvariantCulture)
        : Math.Abs(v) >= 10 ? v.ToString("0.#", CultureInfo.InvariantCulture)
        : v.ToString("0.##", CultureInfo.InvariantCulture);
}
