using System.Data.Common;
using System.Diagnostics;
using CornerSpot.Bench.Harness;
using CornerSpot.Web.Demo;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain;
using CornerSpot.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;
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
        var growth = new List<GrowthPoint>();
        var details = new List<string>
        {
            "Each case runs through `InboxQuery.ListAsync` (page 1, 50 rows, with the total count), then the commands it sent",
            "(captured by an EF interceptor, with their parameters) are replayed raw on a pooled Microsoft.Data.Sqlite connection,",
            "reading every row. p50/p95 are over all cases' samples together. The databases come from the demo seeder",
            "(`DemoData.SeedAsync`), which writes through the same triggers that keep the search indexes current.",
            "LIKE scans (the search before the indexes) are measured at 100,000 only: at a million they take seconds a query",
            "and minutes of the run, to say what 100,000 already says.",
            "",
        };
        foreach (var size in sizes)
        {
            var path = BenchPaths.FreshDatabase($"search-{size}");
            var database = new Database(DatabaseProvider.Sqlite, $"Data Source={path}");
            var seeding = await SeedAsync(database, size);
            Console.WriteLine($"   seeded {size:N0} conversations in {seeding.TotalSeconds:0} s ({new FileInfo(path).Length / 1048576.0:N0} MB)");
            details.Add($"### {size:N0} conversations (seeded in {seeding.TotalSeconds:0} s, {new FileInfo(path).Length / 1048576.0:N0} MB file)");
            details.Add("");
            details.Add(CaseHeader);
            details.Add("|---|---|---|---|---|---|---|");

            var cases = await CasesAsync(database);
            foreach (var indexed in size < 1_000_000 || options.Quick ? new[] { true, false } : [true])
            {
                var samples = indexed ? (options.Quick ? 5 : 15) : 5;
                var (app, raw) = await MeasureAsync(database, indexed, cases, samples, indexed ? "FTS5" : "LIKE", details);
                var p95 = Stats.Percentile(app, 95);
                var rawP95 = Stats.Percentile(raw, 95);
                var mode = indexed ? "FTS5 (default)" : "LIKE (before)";
                var isGoalSize = size >= 1_000_000 || options.Quick;
                if (indexed) growth.Add(new GrowthPoint(GrowthSeries.SearchSqlite, size, p95));
                rows.Add(new MetricRow($"Search & filter at {size:N0}, {mode}, p50 / p95",
                    $"{Report.Ms(Stats.Percentile(app, 50))} / {Report.Ms(p95)}",
                    $"{Report.Ms(Stats.Percentile(raw, 50))} / {Report.Ms(rawP95)} raw",
                    Report.X(p95 / rawP95),
                    isGoalSize ? Goal : "—",
                    isGoalSize ? Met(p95, rawP95) : null,
                    $"{cases.Count} cases × {samples} samples"));
            }
            details.Add("");
            SqliteConnection.ClearAllPools();
        }
        return new BenchResult("Search at scale", rows, details, growth);
    }

    internal const string Goal = "p95 ≤ 50 ms and ≤ 3× raw";

    internal const string CaseHeader = "| Mode | Case | Matches | CornerSpot p50 | CornerSpot p95 | Raw p50 | Raw p95 |";

    internal static bool Met(double p95, double rawP95) => p95 <= GoalP95Ms && p95 <= GoalRatio * rawP95;

    /// <summary>Where a search benchmark's database is.</summary>
    internal sealed record Database(DatabaseProvider Provider, string ConnectionString);

    internal sealed record Case(string Label, InboxFilter Filter);

    internal static async Task<TimeSpan> SeedAsync(Database database, int conversations)
    {
        await using var services = Domain(database, indexed: true, interceptor: null);
        await services.InitialiseDatabaseAsync();
        var seeder = ActivatorUtilities.CreateInstance<DemoData>(services);
        var clock = Stopwatch.StartNew();
        await seeder.SeedAsync(conversations, null, CancellationToken.None);
        return clock.Elapsed;
    }

    /// <summary>What agents do all day: open the inbox, narrow it, look someone up by name, email, phone or words.</summary>
    internal static async Task<IReadOnlyList<Case>> CasesAsync(Database database)
    {
        await using var services = Domain(database, indexed: true, interceptor: null);
        await using var db = await services.GetRequiredService<IDbContextFactory<CornerSpotDb>>().CreateDbContextAsync();
        // A real customer's number, from the middle of the table: agents search by its last digits.
        var phone = await db.Customers.OrderBy(c => c.Id).Skip(await db.Customers.CountAsync() / 2).Select(c => c.PhoneE164!).FirstAsync();
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

    internal static async Task<(List<double> App, List<double> Raw)> MeasureAsync(
        Database database, bool indexed, IReadOnlyList<Case> cases, int samples, string mode, List<string> details)
    {
        var capture = new CommandCapture();
        await using var services = Domain(database, indexed, capture);
        var inbox = services.GetRequiredService<InboxQuery>();
        var all = (App: new List<double>(), Raw: new List<double>());
        await using var raw = database.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(database.ConnectionString)
            : (DbConnection)new SqliteConnection(database.ConnectionString);
        await raw.OpenAsync();
        if (raw is SqliteConnection)
        {
            await using var pragma = raw.CreateCommand();
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
            details.Add($"| {mode} | {c.Label}{(c.Filter.Search is { } q ? $" `{q}`" : "")} | {total:N0} | " +
                        $"{Report.Ms(Stats.Percentile(app, 50))} | {Report.Ms(Stats.Percentile(app, 95))} | " +
                        $"{Report.Ms(Stats.Percentile(replay, 50))} | {Report.Ms(Stats.Percentile(replay, 95))} |");
        }
        return all;
    }

    private static ServiceProvider Domain(Database database, bool indexed, IInterceptor? interceptor)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = database.Provider.ToString(),
                [$"ConnectionStrings:{DomainServices.ConnectionStringName}"] = database.ConnectionString,
                ["Inbox:SearchIndex"] = indexed ? "true" : "false",
            }).Build())
            .AddLogging();
        if (interceptor is not null) services.AddSingleton(interceptor);
        return services.AddCornerSpotDomain(p => p).BuildServiceProvider();
    }

    /// <summary>A command as EF sent it: its SQL and its parameters' values.</summary>
    private sealed record SentCommand(string Sql, IReadOnlyList<DbParameter> Parameters)
    {
        public async Task RunAsync(DbConnection connection)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = Sql;
            // Npgsql's parameters are cloned with their types (timestamptz, uuid, text) as EF set them.
            foreach (var p in Parameters) cmd.Parameters.Add(p is ICloneable c ? c.Clone() : p);
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
            var sent = new SentCommand(command.CommandText,
                command.Parameters.Cast<DbParameter>()
                    .Select(p => p is ICloneable c ? (DbParameter)c.Clone() : new SqliteParameter(p.ParameterName, p.Value ?? DBNull.Value))
                    .ToList());
            // PostgreSQL's search runs its two lookups side by side; the replay runs every command in turn.
            if (_commands is { } commands) lock (commands) commands.Add(sent);
            return ValueTask.FromResult(result);
        }
    }
}
