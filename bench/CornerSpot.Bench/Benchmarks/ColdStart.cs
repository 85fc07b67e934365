using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using CornerSpot.Bench.Harness;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>Process start → first 200 of the login page, on a fresh database each time (migrations, default queue and
/// first admin included): the app as `dotnet publish` makes it for a server (ReadyToRun), and, for reference, the build
/// output that `dotnet run` starts.</summary>
public static class ColdStart
{
    private const double GoalMs = 2_000;

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var configuration = typeof(ColdStart).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var buildDir = Path.Combine(BenchPaths.Root, "CornerSpot.Web", "bin", configuration, "net10.0");
        if (!File.Exists(Path.Combine(buildDir, "CornerSpot.Web.dll")))
            throw new FileNotFoundException("Build CornerSpot.Web first (the bench's build does).", buildDir);
        var (publishDir, publishTime) = await PublishAsync(configuration);

        var runs = options.Quick ? 2 : 5;
        List<double> published = [], built = [];
        // Interleaved, so both meet the same machine.
        for (var i = 0; i < runs; i++)
        {
            published.Add(await StartOnceAsync(publishDir, $"published-{i}"));
            built.Add(await StartOnceAsync(buildDir, $"build-{i}"));
        }

        var median = Stats.Median(published);
        return new BenchResult("Cold start",
            [
                new MetricRow("Cold start, process → login page 200 (median)", Report.Ms(median), "—", "—", "≤ 2,000 ms", median <= GoalMs,
                    $"worst of {runs}: {Report.Ms(published.Max())}; `dotnet publish` output (ReadyToRun), fresh SQLite file"),
                new MetricRow("Cold start of the build output (`dotnet run`), for reference", Report.Ms(Stats.Median(built)), "—", "—", "—", null,
                    $"worst of {runs}: {Report.Ms(built.Max())}; {configuration} build, JIT only"),
            ],
            [
                $"`dotnet CornerSpot.Web.dll` started {runs} times from `dotnet publish CornerSpot.Web -c {configuration}` (the README's",
                $"deployment command; the project publishes ReadyToRun for this platform; publishing took {publishTime.TotalSeconds:0} s) and {runs} times",
                "from the build output, alternating, each on a fresh SQLite file: the first start creates the schema (migrations),",
                "the default queue and the first admin (a password hash). The clock stops at the first 200 answer to",
                "`GET /account/login`, polled every 10 ms.",
                "",
                $"Published: {string.Join(", ", published.Select(Report.Ms))}. Build output: {string.Join(", ", built.Select(Report.Ms))}.",
            ]);
    }

    private static async Task<(string Directory, TimeSpan Took)> PublishAsync(string configuration)
    {
        var output = Path.Combine(BenchPaths.Work, "publish");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var clock = Stopwatch.StartNew();
        var info = new ProcessStartInfo("dotnet", ["publish", Path.Combine(BenchPaths.Root, "CornerSpot.Web"), "-c", configuration, "-o", output, "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        return (output, clock.Elapsed);
    }

    private static async Task<double> StartOnceAsync(string appDir, string run)
    {
        var dll = Path.Combine(appDir, "CornerSpot.Web.dll");
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
