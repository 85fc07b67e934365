using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CornerSpot.Bench.Harness;
using CornerSpot.Domain.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>
/// CornerSpot as a separate process under intake load from 8 clients, SIGKILLed 20 times at random moments and started
/// again on the same database; clients retry every unacknowledged callback with its Idempotency-Key. At the end every
/// acknowledged (201) callback must be stored exactly once. The suite's IntakeDurabilityTests is the short version.
/// </summary>
public static class Durability
{
    private const int Clients = 8;

    private sealed record Submission(string Key, string Name, string Phone);

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var kills = options.Quick ? 5 : 20;
        var path = BenchPaths.FreshDatabase("durability");
        await using var server = new AppProcess(path, new Dictionary<string, string>
        {
            // Eight clients on loopback are one IP: the per-IP limit would answer 429 instead of measuring durability.
            ["Widget__RateLimit__PermitLimit"] = "1000000",
            ["Widget__RateLimit__QueuePermitLimit"] = "1000000",
        });
        var random = new Random(20261202);
        var acknowledged = new ConcurrentDictionary<string, Guid>();
        var statuses = new ConcurrentDictionary<int, int>();
        var cutOff = 0;
        var acks = new AckCounter();
        var stopping = new CancellationTokenSource();
        // The kills stop after 4 minutes however many were made (a loaded machine restarts slowly); the row then says
        // how many there were and is not met. Acknowledged work still has 3 more minutes to drain.
        using var killing = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(7));
        var ct = timeout.Token;
        var restarts = new List<double>();

        async Task SubmitUntilAcknowledgedAsync(HttpClient http, Submission s)
        {
            while (true)
            {
                var generation = server.Current;
                Uri baseUri;
                try
                {
                    baseUri = await generation.Ready.WaitAsync(ct);
                }
                catch (InvalidOperationException)
                {
                    await server.AfterAsync(generation.Number).WaitAsync(ct); // killed before it was listening
                    continue;
                }
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "api/widget/callbacks"))
                    {
                        Content = JsonContent.Create(new { name = s.Name, phone = s.Phone, country = "GB" }),
                    };
                    request.Headers.Add("Idempotency-Key", s.Key);
                    using var response = await http.SendAsync(request, ct);
                    statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                        acknowledged[s.Key] = body.GetProperty("id").GetGuid();
                        acks.Increment();
                        return;
                    }
                    if ((int)response.StatusCode < 500)
                        throw new InvalidOperationException($"Intake answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref cutOff);
                    // Killed: the same request goes to the next generation. A blip on a live process is retried at once.
                    if (generation.Killing.IsCancellationRequested) await server.AfterAsync(generation.Number).WaitAsync(ct);
                }
            }
        }

        var total = Stopwatch.StartNew();
        await server.StartAsync().WaitAsync(ct);
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            // Unique phone numbers too (Ofcom's drama range), so a duplicate shows as a repeated number.
            for (var i = 0; !stopping.IsCancellationRequested && i < 1_000; i++)
                await SubmitUntilAcknowledgedAsync(http, new Submission(
                    $"bench-durability-{c}-{i}-{Guid.NewGuid():N}", $"Visitor {c}-{i}", $"+44 20 7946 {c * 1_000 + i:0000}"));
        }, ct)).ToList();

        var killed = 0;
        try
        {
            for (; killed < kills; killed++)
            {
                // A random number of acknowledgements into this generation, with the other clients' requests in flight.
                await acks.WhenAtLeastAsync(acks.Count + random.Next(1, 40)).WaitAsync(killing.Token);
                await server.KillAsync();
                Console.WriteLine($"   kill {killed + 1} after {acks.Count:N0} acknowledgements ({total.Elapsed:mm\\:ss})");
                var restart = Stopwatch.StartNew();
                await server.StartAsync().WaitAsync(ct);
                restarts.Add(restart.Elapsed.TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (killing.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            Console.WriteLine($"   stopped killing after {killed} kills: 4 minutes are up");
        }
        await stopping.CancelAsync();
        await Task.WhenAll(clients).WaitAsync(ct);
        await server.KillAsync();
        var elapsed = total.Elapsed;

        await using var db = new SqliteCornerSpotDb(new DbContextOptionsBuilder<SqliteCornerSpotDb>().UseSqlite($"Data Source={path}").Options);
        var callbacks = await db.CallbackRequests.Select(c => new { c.Id, c.PhoneE164 }).ToListAsync(ct);
        var records = await db.IdempotencyRecords.Select(r => new { r.Key, r.CallbackRequestId }).ToListAsync(ct);
        SqliteConnection.ClearAllPools();

        var stored = callbacks.Select(c => c.Id).ToHashSet();
        var lost = acknowledged.Count(a => !stored.Contains(a.Value) || records.Count(r => r.Key == a.Key && r.CallbackRequestId == a.Value) != 1);
        var duplicated = callbacks.Count - callbacks.Select(c => c.PhoneE164).Distinct().Count()
                         + records.Count - records.Select(r => r.Key).Distinct().Count();
        var unacknowledgedStored = callbacks.Count(c => !acknowledged.Values.Contains(c.Id));
        var fiveHundreds = statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
        var met = lost == 0 && duplicated == 0 && unacknowledgedStored == 0 && killed == kills;
        return new BenchResult("Durability (20 kills)",
            [new MetricRow("Durability (20 kills)", $"{lost} lost, {duplicated} duplicated", "—", "—", "0 lost, 0 duplicated", met,
                $"{acknowledged.Count:N0} acknowledged, {callbacks.Count:N0} stored; {killed} of {kills} SIGKILLs, {Clients} clients, {elapsed.TotalSeconds:0} s")],
            [
                $"`dotnet CornerSpot.Web.dll` as its own process on one SQLite file, {Clients} clients posting callbacks",
                "(`POST /api/widget/callbacks`, each with its own Idempotency-Key and phone number) as fast as it answers. After a",
                $"random 1–40 acknowledgements into each generation the process is SIGKILLed ({killed} of {kills} times; the kills stop",
                "after 4 minutes on a slow machine) and started again on the",
                "same file; a client whose request was cut off retries it, same key, on the next generation, until it gets its 201.",
                "Then the database is read: every acknowledged id must be stored once, with its one idempotency record, and nothing",
                "unacknowledged or repeated may be stored.",
                "",
                $"- Acknowledged: {acknowledged.Count:N0}; stored callbacks: {callbacks.Count:N0}; idempotency records: {records.Count:N0}.",
                $"- Lost (acknowledged, not stored once): {lost}; duplicated: {duplicated}; stored but never acknowledged: {unacknowledgedStored}.",
                $"- Requests cut off by a kill (retried): {cutOff:N0}; answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} × {s.Value:N0}"))}" +
                $"{(fiveHundreds > 0 ? " (5xx answers were retried)" : "")}.",
                $"- Restart to listening after a kill: median {Report.Ms(Stats.Median(restarts))}, worst {Report.Ms(restarts.Count > 0 ? restarts.Max() : double.NaN)};" +
                $" whole run {elapsed.TotalSeconds:0} s.",
            ]);
    }

    /// <summary>Counts acknowledgements and lets the killer wait for a number of them without polling.</summary>
    private sealed class AckCounter
    {
        private readonly object _lock = new();
        private readonly List<(int Target, TaskCompletionSource Done)> _waiters = [];
        private int _count;

        public int Count
        {
            get { lock (_lock) return _count; }
        }

        public void Increment()
        {
            List<TaskCompletionSource> done;
            lock (_lock)
            {
                _count++;
                done = _waiters.Where(w => w.Target <= _count).Select(w => w.Done).ToList();
                _waiters.RemoveAll(w => w.Target <= _count);
            }
            foreach (var d in done) d.TrySetResult();
        }

        public Task WhenAtLeastAsync(int target)
        {
            lock (_lock)
            {
                if (_count >= target) return Task.CompletedTask;
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((target, done));
                return done.Task;
            }
        }
    }
}
