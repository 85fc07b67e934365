using System.Diagnostics;
using CornerSpot.Bench.Harness;
using CornerSpot.Domain.Persistence;
using Npgsql;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>Search at 1,000,000 conversations on PostgreSQL: the cases of <see cref="SearchAtScale"/> through the app's
/// <c>InboxQuery</c> (trigram and word indexes), against the same SQL replayed raw through Npgsql. The database is
/// seeded by the demo seeder's PostgreSQL path (binary COPY, indexes built once at the end).</summary>
public static class PostgresSearch
{
    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var size = options.Quick ? 20_000 : 1_000_000;
        // 5 samples a case (45 per side, p95 = the third-slowest): at a million the slow cases take seconds each, and the
        // seeding already takes minutes of the run's 20.
        var samples = 5;
        var clock = Stopwatch.StartNew();
        await using var postgres = BenchPostgres.Start();
        var database = new SearchAtScale.Database(DatabaseProvider.Postgres, postgres.ConnectionString("cornerspot"));
        var seeding = await SearchAtScale.SeedAsync(database, size);
        var bytes = await DatabaseBytesAsync(database.ConnectionString);
        Console.WriteLine($"   seeded {size:N0} conversations in {seeding.TotalSeconds:0} s ({bytes / 1048576.0:N0} MB)");

        var details = new List<string>
        {
            "The cases of the SQLite search benchmark, on one private PostgreSQL 15 (defaults but fsync off), through",
            "`InboxQuery.ListAsync` with `Database:Provider=Postgres`: names, emails and phone digits through `pg_trgm` GIN",
            "indexes, message words through a `tsvector` GIN index. Raw: the captured commands replayed one after another on",
            "a pooled Npgsql connection with the parameters EF typed (the app runs its customer and message lookups side by",
            "side on two connections). Seeded by `DemoData.SeedAsync` (binary COPY per batch, secondary",
            "indexes dropped during the load and built once at the end, then ANALYZE).",
            "",
            $"### {size:N0} conversations (seeded in {seeding.TotalSeconds:0} s, {bytes / 1048576.0:N0} MB database)",
            "",
            SearchAtScale.CaseHeader,
            "|---|---|---|---|---|---|---|",
        };
        var cases = await SearchAtScale.CasesAsync(database);
        var (app, raw) = await SearchAtScale.MeasureAsync(database, indexed: true, cases, samples, "pg_trgm + tsvector", details);
        var p95 = Stats.Percentile(app, 95);
        var rawP95 = Stats.Percentile(raw, 95);
        details.Add("");
        details.Add($"Seeding and measuring took {clock.Elapsed.TotalSeconds:0} s.");
        NpgsqlConnection.ClearAllPools();
        return new BenchResult("Search on PostgreSQL",
            [
                new MetricRow($"Search at {size:N0} on PostgreSQL", $"{Report.Ms(Stats.Percentile(app, 50))} / {Report.Ms(p95)}",
                    $"{Report.Ms(Stats.Percentile(raw, 50))} / {Report.Ms(rawP95)} raw", Report.X(p95 / rawP95),
                    SearchAtScale.Goal, SearchAtScale.Met(p95, rawP95), $"p50 / p95; {cases.Count} cases × {samples} samples"),
            ],
            details,
            [new GrowthPoint(GrowthSeries.SearchPostgres, size, p95)]);
    }

    private static async Task<long> DatabaseBytesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
