using CornerSpot.Bench.Harness;
using CornerSpot.Domain;
using CornerSpot.Domain.Persistence;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>Intake on PostgreSQL: the app and <see cref="IntakeBaseline"/> writing with raw Npgsql, each on its own
/// database of one private PostgreSQL 15, interleaved rounds as in <see cref="IntakeThroughput"/>.</summary>
public static class PostgresIntake
{
    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        await using var postgres = BenchPostgres.Start();
        postgres.CreateDatabase("baseline");
        // BenchApp's SQLite path is overridden by the PostgreSQL connection string.
        await using var app = BenchApp.Start(BenchPaths.FreshDatabase("intake-pg-unused"), new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            [$"ConnectionStrings:{DomainServices.ConnectionStringName}"] = postgres.ConnectionString("cornerspot"),
        });
        await using var baseline = await IntakeBaseline.StartAsync(DatabaseProvider.Postgres, postgres.ConnectionString("baseline"));
        var (rows, rounds) = await IntakeThroughput.CompareAsync(app.BaseAddress, baseline.BaseAddress, new Visitors(), options,
            "Intake on PostgreSQL, req/s (median of rounds)", "Intake on PostgreSQL, latency p50 / p99");
        return new BenchResult("Intake on PostgreSQL", rows,
            [
                "The intake benchmark on one private PostgreSQL 15 (fsync and synchronous_commit off, as in the tests): the app with",
                "`Database:Provider=Postgres` on one database, the baseline on another of the same server, writing the same five rows",
                "in one transaction with raw Npgsql (pooled connections); no Redis. 16 closed-loop clients, rounds alternating.",
                "",
                .. rounds,
            ]);
    }
}
