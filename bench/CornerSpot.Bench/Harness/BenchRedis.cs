using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CornerSpot.Bench.Harness;

/// <summary>A private <c>redis-server</c> (Debian's package) on a free loopback port, nothing saved to disk, as
/// CornerSpot.Tests/Support/RedisServer.cs starts one; stopped with the benchmark.</summary>
public sealed class BenchRedis(Process process, int port) : IAsyncDisposable
{
    /// <summary>What <c>Redis:Configuration</c> is set to for a node using this server.</summary>
    public string Configuration => $"127.0.0.1:{port}";

    public static async Task<BenchRedis> StartAsync()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var info = new ProcessStartInfo("/usr/bin/redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
            info.ArgumentList.Add(arg);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true) ready.TrySetResult();
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server on port {port} exited at start"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(20));
        return new BenchRedis(process, port);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
