using System.Globalization;
using System.Text;

namespace CornerSpot.Bench.Harness;

/// <summary>One line of the results table.</summary>
/// <param name="Met">Whether the goal was met; null where the line is informational.</param>
public sealed record MetricRow(string Metric, string CornerSpot, string Baseline, string Ratio, string Goal, bool? Met, string Notes = "");

/// <summary>What one benchmark measured: its table lines, the detail behind them, and the points it adds to
/// "How cost grows".</summary>
public sealed record BenchResult(string Title, IReadOnlyList<MetricRow> Rows, IReadOnlyList<string> Details, IReadOnlyList<GrowthPoint>? Growth = null)
{
    public IReadOnlyList<GrowthPoint> GrowthPoints => Growth ?? [];
}

public static class Report
{
    public static string Ms(double v) => double.IsNaN(v) ? "—" : v.ToString(v < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";
    public static string X(double v) => double.IsNaN(v) ? "—" : v.ToString("0.00", CultureInfo.InvariantCulture) + "×";
    public static string N(double v, string format = "N0") => v.ToString(format, CultureInfo.InvariantCulture);

    public static string Markdown(IReadOnlyList<BenchResult> results, string command, TimeSpan elapsed, string findings)
    {
        var md = new StringBuilder();
        md.AppendLine("# CornerSpot benchmarks");
        md.AppendLine();
        md.AppendLine($"Written by `{command}` on {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC in {elapsed.TotalMinutes:0.0} min. Do not edit by hand:");
        md.AppendLine("run the command again. Each CornerSpot figure is measured in the same run as its baseline, interleaved");
        md.AppendLine("where the issue asks, because this machine is shared and noisy: ratios hold, absolute times drift.");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        foreach (var line in Machine.Describe()) md.AppendLine($"- {line}");
        md.AppendLine();
        md.AppendLine("## Results");
        md.AppendLine();
        md.AppendLine("| Metric | CornerSpot | Baseline | Ratio | Goal | Met | Notes |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in results.SelectMany(r => r.Rows))
            md.AppendLine($"| {row.Metric} | {row.CornerSpot} | {row.Baseline} | {row.Ratio} | {row.Goal} | {(row.Met is null ? "" : row.Met.Value ? "yes" : "**no**")} | {row.Notes} |");
        md.AppendLine();
        foreach (var line in GrowthOutlook.Markdown(results.SelectMany(r => r.GrowthPoints).ToList())) md.AppendLine(line);
        md.AppendLine();
        foreach (var result in results)
        {
            md.AppendLine($"## {result.Title}");
            md.AppendLine();
            foreach (var line in result.Details) md.AppendLine(line);
            md.AppendLine();
        }
        if (findings.Length > 0)
        {
            md.AppendLine(findings.TrimEnd());
            md.AppendLine();
        }
        return md.ToString();
    }
}
