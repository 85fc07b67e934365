using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace CornerSpot.Bench.Harness;

/// <summary>What the figures were measured on.</summary>
public static class Machine
{
    public static IEnumerable<string> Describe()
    {
        yield return $"CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores; memory {MemoryGiB():0.0} GiB";
        yield return $"OS: {RuntimeInformation.OSDescription}; .NET {Environment.Version}; GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}";
        yield return $"SQLite {SqliteVersion()} (Microsoft.Data.Sqlite, WAL, synchronous=NORMAL, busy_timeout=10000 for app and baselines)";
        yield return $"Chromium: {ChromiumVersion()} headless";
        yield return "The app runs in-process on a real loopback Kestrel socket, Production environment, log providers off (app and baselines alike)";
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : RuntimeInformation.ProcessArchitecture.ToString();

    private static double MemoryGiB() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT sqlite_version()";
        return (string)cmd.ExecuteScalar()!;
    }

    private static string ChromiumVersion()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(BrowserSession.ChromiumPath, "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return text;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "not installed";
        }
    }
}
