namespace CornerSpot.Bench.Harness;

/// <summary>The series of the "How cost grows" table, in its order, with their load and unit.</summary>
public static class GrowthSeries
{
    public const string IntakeRps = "Intake throughput (SQLite)";
    public const string IntakeP99 = "Intake latency p99 (SQLite)";
    public const string PushP95 = "Push latency p95";
    public const string ServerCpuPerArrival = "Server CPU per arrival";
    public const string Heap = "Managed heap, app process";
    public const string SearchSqlite = "Search p95 (SQLite FTS5)";
    public const string SearchPostgres = "Search p95 (PostgreSQL)";

    public static readonly (string Name, string Load, string Unit)[] All =
    [
        (IntakeRps, "clients", "req/s"),
        (IntakeP99, "clients", "ms"),
        (PushP95, "consoles", "ms"),
        (ServerCpuPerArrival, "consoles", "ms"),
        (Heap, "consoles", "MB"),
        (SearchSqlite, "conversations", "ms"),
        (SearchPostgres, "conversations", "ms"),
    ];

    public static string Unit(string series) => All.FirstOrDefault(s => s.Name == series).Unit ?? "";
}
