using System.Diagnostics;
using System.Globalization;

namespace CornerSpot.Bench.Harness;

/// <summary>CPU time used so far by this process and, separately, by the processes it started (Playwright's driver and
/// the Chromium it launched), read from /proc; other users' processes on this shared machine are not counted.</summary>
public static class ProcessCpu
{
    // USER_HZ: the unit of /proc/[pid]/stat's utime and stime; 100 on every Linux build this bench targets.
    private const double TicksPerSecond = 100;

    public static TimeSpan Own()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>CPU of the live descendants of this process (a descendant that exited meanwhile drops out, so compare
    /// figures taken while the browser is running).</summary>
    public static TimeSpan Children()
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("Child-process CPU is read from /proc (Linux only).");
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // exited while we looked
            }
            // The command name (field 2) is parenthesised and may hold spaces; the fields after it are plain.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        var self = Environment.ProcessId;
        long total = 0;
        foreach (var (pid, t) in ticks)
        {
            for (var p = parents.GetValueOrDefault(pid); p > 1; p = parents.GetValueOrDefault(p))
            {
                if (p != self) continue;
                total += t;
                break;
            }
        }
        return TimeSpan.FromSeconds(total / TicksPerSecond);
    }
}
