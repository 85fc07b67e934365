using System.Diagnostics;
using System.Net;

namespace CornerSpot.Bench.Harness;

public sealed record LoadResult(int Ok, int Failed, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMs)
{
    public double RequestsPerSecond => Ok / Elapsed.TotalSeconds;
}

/// <summary>A closed-loop load generator: a fixed number of workers, each sending its next request as soon as the
/// last one is answered, for a fixed time.</summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(HttpClient client, Func<HttpRequestMessage> next, HttpStatusCode expected,
        int concurrency, TimeSpan duration)
    {
        var ok = 0;
        var failed = 0;
        var latencies = new List<double>[concurrency];
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(4096);
            while (clock.Elapsed < duration)
            {
                using var request = next();
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode == expected) Interlocked.Increment(ref ok);
                else Interlocked.Increment(ref failed);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return new LoadResult(ok, failed, clock.Elapsed, latencies.SelectMany(l => l).ToList());
    }

    public static HttpClient Client(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
}
