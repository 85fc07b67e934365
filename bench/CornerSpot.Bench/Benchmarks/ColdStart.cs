using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using CornerSpot.Bench.Harness;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>Process start → first 200 of the login page, on a fresh database each time (migrations, default queue and
/// first admin included).</summary>
public static class ColdStart
{
    private const double GoalMs = 2_000;

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var configuration = typeof(ColdStart).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var appDir = Path.Combine(BenchPaths.Root, "CornerSpot.Web", "bin", configuration, "net10.0");
        var dll = Path.Combine(appDir, "CornerSpot.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build CornerSpot.Web first (the bench's build does).", dll);

        var runs = options.Quick ? 2 : 5;
        var samples = new List<double>();
        for (var i = 0; i < runs; i++)
            samples.Add(await StartOnceAsync(appDir, dll, i));

        var median = Stats.Median(samples);
        var worst = samples.Max();
        return new BenchResult("Cold start",
            [new MetricRow("Cold start, process → login page 200 (median)", Report.Ms(median), "—", "—", "≤ 2,000 ms", median <= GoalMs,
                $"worst of {runs}: {Report.Ms(worst)}; `dotnet CornerSpot.Web.dll`, {configuration} build, fresh SQLite file")],
            [
                $"`dotnet CornerSpot.Web.dll` ({configuration} build) started {runs} times, each on a fresh SQLite file: the first start",
                "creates the schema (migrations), the default queue and the first admin (a password hash). The clock stops at the",
                "first 200 answer to `GET /account/login`, polled every 10 ms.",
                "",
                $"Runs: {string.Join(", ", samples.Select(Report.Ms))}.",
            ]);
    }

    private static async Task<double> StartOnceAsync(string appDir, string dll, int run)
    {
        var db = BenchPaths.FreshDatabase($"coldstart-{run}");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = appDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__CornerSpot"] = $"Data Source={db}",
                ["Bootstrap__AdminEmail"] = BenchApp.AdminEmail,
                ["Bootstrap__AdminPassword"] = BenchApp.AdminPassword,
                // Plain HTTP on loopback: the product's HTTPS-only default would redirect every request.
                ["Security__AllowHttp"] = "true",
            },
        };
        // The first request is answered only when the app has warmed up enough: on a loaded machine that takes more than a
        // few seconds, and its whole wait belongs to the cold start (a request before it listens is refused at once).
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited) throw new InvalidOperationException($"CornerSpot.Web exited with {process.ExitCode} during start.");
                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}/account/login");
                    if (response.StatusCode == HttpStatusCode.OK) return clock.Elapsed.TotalMilliseconds;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }
                await Task.Delay(10);
            }
            throw new TimeoutException("CornerSpot.Web did not answer the login page within 60 s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
