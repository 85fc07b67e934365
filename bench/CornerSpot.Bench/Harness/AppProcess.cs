using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace CornerSpot.Bench.Harness;

/// <summary>
/// CornerSpot as its own process (<c>dotnet CornerSpot.Web.dll</c> from the build output, Production, the given SQLite
/// file, a free loopback port), killed with SIGKILL and started again. Each start is a generation. A trimmed copy of the
/// test suite's ConsoleProcess (the bench does not reference the test project).
/// </summary>
public sealed class AppProcess(string databasePath, IReadOnlyDictionary<string, string>? settings = null) : IAsyncDisposable
{
    private readonly object _lock = new();
    private Generation _current = new(0, null, Task.FromException<Uri>(new InvalidOperationException("Not started.")), new());
    private TaskCompletionSource<Generation> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="Killing">Cancelled just before the kill, so a client whose request failed knows why.</param>
    public sealed record Generation(int Number, Process? Process, Task<Uri> Ready, CancellationTokenSource Killing);

    public static string AppDirectory { get; } = Path.Combine(BenchPaths.Root, "CornerSpot.Web", "bin",
        typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release", "net10.0");

    public Generation Current
    {
        get { lock (_lock) return _current; }
    }

    /// <summary>Starts a new generation; the task ends when it is listening.</summary>
    public Task<Uri> StartAsync()
    {
        var dll = Path.Combine(AppDirectory, "CornerSpot.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build CornerSpot.Web first (the bench's build does).", dll);
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__CornerSpot"] = $"Data Source={databasePath}",
                ["Bootstrap__AdminEmail"] = BenchApp.AdminEmail,
                ["Bootstrap__AdminPassword"] = BenchApp.AdminPassword,
                // Plain HTTP on loopback: the product's HTTPS-only default would redirect every request.
                ["Security__AllowHttp"] = "true",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;

        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Now listening on:", StringComparison.Ordinal) == true) ready.TrySetResult(new Uri($"http://127.0.0.1:{port}/"));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (errors) errors.AppendLine(e.Data);
        };
        process.Exited += (_, _) =>
        {
            lock (errors) ready.TrySetException(new InvalidOperationException($"CornerSpot.Web exited before listening: {errors}"));
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        TaskCompletionSource<Generation> started;
        lock (_lock)
        {
            _current.Process?.Dispose();
            _current = new Generation(_current.Number + 1, process, ready.Task, new CancellationTokenSource());
            started = _next;
            _next = new TaskCompletionSource<Generation>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        started.SetResult(_current);
        return ready.Task;
    }

    /// <summary>The first generation after the given one (already running, or the next to start).</summary>
    public Task<Generation> AfterAsync(int generation)
    {
        lock (_lock) return _current.Number > generation ? Task.FromResult(_current) : _next.Task;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, like a power cut or the OOM killer.</summary>
    public async Task KillAsync()
    {
        Generation generation;
        lock (_lock) generation = _current;
        var process = generation.Process;
        if (process is null || process.HasExited) return;
        await generation.Killing.CancelAsync();
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        lock (_lock) _current.Process?.Dispose();
    }
}
