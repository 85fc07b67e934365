using System.Data.Common;
using System.Diagnostics;
using CornerSpot.Bench.Harness;
using CornerSpot.Web.Demo;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain;
using CornerSpot.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>The inbox's search and filter query through the app's own <see cref="InboxQuery"/>, on databases seeded
/// by the demo seeder, against the very SQL it sent, replayed raw through Microsoft.Data.Sqlite. Measured with the
/// full-text indexes (the default) and with LIKE scans (<c>Inbox:SearchIndex=false</c>), the way it was before.</summary>
public static class SearchAtScale
{
    private const double GoalP95Ms = 50;
    private const double GoalRatio = 3;

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        int[] sizes = options.Quick ? [20_000] : [100_000, 1_000_000];
        var rows = new List<MetricRow>();
        var details = new List<string>
        {
            "Each case runs through `InboxQuery.ListAsync` (page 1, 50 rows, with the total count), then the commands it sent",
            "(captured by an EF interceptor, with their parameters) are replayed raw on a pooled Microsoft.Data.Sqlite connection,",
            "reading every row. p50/p95 are over all cases' samples together. The databases come from the demo seeder",
            "(`DemoData.SeedAsync`), which writes through the same triggers that keep the search indexes current.",
            "",
        };
        foreach (var size in sizes)
        {
            var path = BenchPaths.FreshDatabase($"search-{size}");
            var seeding = await SeedAsync(path, size);
            Console.WriteLine($"   seeded {size:N0} conversations in {seeding.TotalSeconds:0} s ({new FileInfo(path).Length / 1048576.0:N0} MB)");
            details.Add($"### {size:N0} conversations (seeded in {seeding.TotalSeconds:0} s, {new FileInfo(path).Length / 1048576.0:N0} MB file)");
            details.Add("");
            details.Add("| Mode | Case | Matches | CornerSpot p50 | CornerSpot p95 | Raw p50 | Raw p95 |");
            details.Add("|---|---|---|---|---|---|---|");

            var cases = await CasesAsync(path);
            foreach (var indexed in new[] { true, false })
            {
                // LIKE at a million conversations takes seconds a query: a few samples say enough.
                var samples = indexed ? (options.Quick ? 5 : 15) : size >= 1_000_000 ? 2 : 5;
                var (app, raw) = await MeasureAsync(path, indexed, cases, samples, details);
                var p95 = Stats.Percentile(app, 95);
                var rawP95 = Stats.Percentile(raw, 95);
                var mode = indexed ? "FTS5 (default)" : "LIKE (before)";
                var isGoalSize = size >= 1_000_000 || options.Quick;
                rows.Add(new MetricRow($"Search & filter at {size:N0}, {mode}, p50 / p95",
                    $"{Report.Ms(Stats.Percentile(app, 50))} / {Report.Ms(p95)}",
                    $"{Report.Ms(Stats.Percentile(raw, 50))} / {Report.Ms(rawP95)} raw",
                    Report.X(p95 / rawP95),
                    isGoalSize ? "p95 ≤ 50 ms and ≤ 3× raw" : "—",
                    isGoalSize ? p95 <= GoalP95Ms && p95 <= GoalRatio * rawP95 : null,
                    $"{cases.Count} cases × {samples} samples"));
            }
            details.Add("");
            SqliteConnection.ClearAllPools();
        }
        return new BenchResult("Search at scale", rows, details);
    }

    private sealed record Case(string Label, InboxFilter Filter);

    private static async Task<TimeSpan> SeedAsync(string path, int conversations)
    {
        await using var services = Domain(path, indexed: true, interceptor: null);
        await services.InitialiseDatabaseAsync();
        var seeder = ActivatorUtilities.CreateInstance<DemoData>(services);
        var clock = Stopwatch.StartNew();
        await seeder.SeedAsync(conversations, null, CancellationToken.None);
        return clock.Elapsed;
    }

    /// <summary>What agents do all day: open the inbox, narrow it, look someone up by name, email, phone or words.</summary>
    private static async Task<IReadOnlyList<Case>> CasesAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        // A real customer's number, from the middle of the table: agents search by its last digits.
        cmd.CommandText = "SELECT PhoneE164 FROM Customers ORDER BY rowid LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM Customers)";
        var phone = (string)(await cmd.ExecuteScalarAsync())!;
        return
        [
            new("Inbox, first page", new InboxFilter()),
            new("Pending", new InboxFilter(Status: InboxStatusFilter.Pending)),
            new("Billing queue, pending", new InboxFilter(Queue: "billing", Status: InboxStatusFilter.Pending)),
            new("Surname", new InboxFilter(Search: "Okafor")),
            new("Surname, pending only", new InboxFilter(Search: "Lovelace", Status: InboxStatusFilter.Pending)),
            new("Email fragment", new InboxFilter(Search: "grace.hopper")),
            new("Phone, last 7 digits", new InboxFilter(Search: phone[^7..])),
            new("Words from a message", new InboxFilter(Search: "charged twice")),
            new("No match", new InboxFilter(Search: "xylophone")),
        ];
    }

    private static async Task<(List<double> App, List<double> Raw)> MeasureAsync(
        string path, bool indexed, IReadOnlyList<Case> cases, int samples, List<string> details)
    {
        var capture = new CommandCapture();
        await using var services = Domain(path, indexed, capture);
        var inbox = services.GetRequiredService<InboxQuery>();
        var all = (App: new List<double>(), Raw: new List<double>());
        await using var raw = new SqliteConnection($"Data Source={path}");
        await raw.OpenAsync();
        await using (var pragma = raw.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync();
        }

        foreach (var c in cases)
        {
            var isScan = !indexed && c.Filter.Search is not null;
            if (!isScan) await inbox.ListAsync(c.Filter, CancellationToken.None); // warm: page cache, EF's query cache
            var app = new List<double>();
            var replay = new List<double>();
            var total = 0;
            for (var i = 0; i < samples; i++)
            {
                capture.Start();
                var started = Stopwatch.GetTimestamp();
                var listing = await inbox.ListAsync(c.Filter, CancellationToken.None);
                app.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                total = listing.Total;
                var commands = capture.Stop();

                started = Stopwatch.GetTimestamp();
                foreach (var command in commands) await command.RunAsync(raw);
                replay.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            all.App.AddRange(app);
            all.Raw.AddRange(replay);
            details.Add($"| {(indexed ? "FTS5" : "LIKE")} | {c.Label}{(c.Filter.Search is { } q ? $" `{q}`" : "")} | {total:N0} | " +
                        $"{Report.Ms(Stats.Percentile(app, 50))} | {Report.Ms(Stats.Percentile(app, 95))} | " +
                        $"{Report.Ms(Stats.Percentile(replay, 50))} | {Report.Ms(Stats.Percentile(replay, 95))} |");
        }
        return all;
    }

    private static ServiceProvider Domain(string path, bool indexed, IInterceptor? interceptor)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{DomainServices.ConnectionStringName}"] = $"Data Source={path}",
                ["Inbox:SearchIndex"] = indexed ? "true" : "false",
            }).Build())
            .AddLogging();
        if (interceptor is not null) services.AddSingleton(interceptor);
        return services.AddCornerSpotDomain(p => p).BuildServiceProvider();
    }

    /// <summary>A command as EF sent it: its SQL and its parameters' values.</summary>
    private sealed record SentCommand(string Sql, IReadOnlyList<(string Name, object Value)> Parameters)
    {
        public async Task RunAsync(SqliteConnection connection)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = Sql;
            foreach (var (name, value) in Parameters) cmd.Parameters.AddWithValue(name, value);
            await using var reader = await cmd.ExecuteReaderAsync();
            var values = new object[64];
            while (await reader.ReadAsync()) reader.GetValues(values);
        }
    }

    /// <summary>Records the queries one ListAsync sends.</summary>
    private sealed class CommandCapture : DbCommandInterceptor
    {
        private List<SentCommand>? _commands;

        public void Start() => _commands = [];

        public List<SentCommand> Stop()
        {
            var commands = _commands ?? [];
            _commands = null;
            return commands;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            _commands?.Add(new SentCommand(command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value ?? DBNull.Value)).ToList()));
            return ValueTask.FromResult(result);
        }
    }
}
