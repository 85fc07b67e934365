using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CornerSpot.Domain.Persistence.Sqlite;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Widget;

/// <summary>
/// The console as a real process under intake load, killed with SIGKILL again and again: whatever it acknowledged is in
/// the database exactly once, and no client ever got a 5xx, not even while it was starting.
/// </summary>
public sealed class IntakeDurabilityTests(ITestOutputHelper output)
{
    private const int Clients = 5;
    private const int SubmissionsPerClient = 30;
    private const int Kills = 5;

    private sealed record Submission(string Key, string Name, string Phone);

    [Fact]
    public async Task Every_acknowledged_callback_survives_repeated_kills_exactly_once_and_no_answer_is_a_5xx()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        var ct = timeout.Token;
        using var file = new TempSqliteFile();
        await using var server = new ConsoleProcess(file.ConnectionString, new Dictionary<string, string>
        {
            ["Widget__RateLimit__PermitLimit"] = "1000000",
            ["Widget__RateLimit__QueuePermitLimit"] = "1000000",
        });
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        output.WriteLine($"Seed {seed}");

        var acknowledged = new ConcurrentDictionary<string, Guid>();
        var answers = new ConcurrentBag<int>();
        var acks = new AckCounter();
        var connectionFailures = 0;

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
                    answers.Add((int)response.StatusCode);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                        acknowledged[s.Key] = body.GetProperty("id").GetGuid();
                        acks.Increment();
                        return;
                    }
                    if ((int)response.StatusCode < 500)
                        throw new InvalidOperationException($"{s.Key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                    // A 5xx is counted (and fails the test below); the client still retries, as the widget would.
                }
                catch (HttpRequestException) when (!ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref connectionFailures);
                    // Killed: the same request goes to the next generation. A blip on a live process is retried at once.
                    if (generation.Killing.IsCancellationRequested) await server.AfterAsync(generation.Number).WaitAsync(ct);
                }
            }
        }

        await server.StartAsync().WaitAsync(ct);
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            for (var i = 0; i < SubmissionsPerClient; i++)
                await SubmitUntilAcknowledgedAsync(http, new Submission(
                    $"durability-{c}-{i}-{Guid.NewGuid():N}", $"Visitor {c}-{i}", $"+44 20 7946 {c * SubmissionsPerClient + i:0000}"));
        }, ct)).ToList();
        var allClients = Task.WhenAll(clients);

        for (var kill = 0; kill < Kills; kill++)
        {
            // A random number of acknowledgements into this generation, with the other clients' requests in flight.
            await Task.WhenAny(acks.WhenAtLeastAsync(acks.Count + random.Next(1, 10)), allClients).WaitAsync(ct);
            await server.KillAsync();
            output.WriteLine($"Kill {kill + 1} after {acks.Count} acknowledgements");
            await server.StartAsync().WaitAsync(ct);
        }
        await allClients.WaitAsync(ct);
        await server.KillAsync();

        await using var db = new SqliteCornerSpotDb(new DbContextOptionsBuilder<SqliteCornerSpotDb>().UseSqlite(file.ConnectionString).Options);
        var callbacks = await db.CallbackRequests.Select(c => new { c.Id, c.PhoneE164 }).ToListAsync(ct);
        var records = await db.IdempotencyRecords.Select(r => new { r.Key, r.CallbackRequestId }).ToListAsync(ct);
        output.WriteLine($"{acknowledged.Count} acknowledged, {callbacks.Count} stored, {answers.Count} answers, {connectionFailures} connection failures");

        Assert.DoesNotContain(answers, status => status >= 500);
        Assert.Equal(Clients * SubmissionsPerClient, acknowledged.Count);
        foreach (var (key, id) in acknowledged)
        {
            Assert.Single(callbacks, c => c.Id == id);
            Assert.Equal(id, Assert.Single(records, r => r.Key == key).CallbackRequestId);
        }
        Assert.Equal(acknowledged.Count, callbacks.Count);
        Assert.Equal(callbacks.Count, callbacks.Select(c => c.PhoneE164).Distinct().Count());
        Assert.True(connectionFailures > 0, "No request was cut off by a kill: the kills did not land under load.");
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
