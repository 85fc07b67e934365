using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CornerSpot.Tests.Support;

/// <summary>
/// A private <c>redis-server</c> from Debian's package on a free loopback port: nothing saved to disk, stopped with the
/// test run. One serves the whole run (<c>[assembly: AssemblyFixture]</c>); a test that stops and starts Redis makes its own.
/// Installs the package with apt-get when it is missing, as the build does for Chromium.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public const string ServerPath = "/usr/bin/redis-server";

    private Process? _process;

    public int Port { get; } = FreePort();

    /// <summary>What <c>Redis:Configuration</c> is set to for a node using this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public async ValueTask InitializeAsync() => await StartAsync();

    /// <summary>Starts the server (again, on the same port) and returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        EnsureInstalled();
        var info = new ProcessStartInfo(ServerPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Runs in the foreground (no --daemonize) so its "Ready" line can be awaited and the process is ours to stop.
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
            info.ArgumentList.Add(arg);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true) ready.TrySetResult();
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server on port {Port} exited at start"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Stops the server at once, as a crash would, and returns once it has exited.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process) return;
        _process = null;
        if (!process.HasExited) process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static void EnsureInstalled()
    {
        if (File.Exists(ServerPath)) return;
        using var apt = Process.Start(new ProcessStartInfo("/bin/sh",
            ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server"]))!;
        apt.WaitForExit();
        if (!File.Exists(ServerPath)) throw new InvalidOperationException("redis-server is missing and apt-get could not install it.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
