using Npgsql;
using NpgsqlTypes;

namespace CornerSpot.Web.Demo;

/// <summary>Collects a batch's rows per table and sends each table's with one binary COPY, in one transaction per
/// batch (customers first, for the foreign keys). A bulk seed drops the tables' secondary indexes first (the trigram
/// and word indexes of the search among them) and builds them again from their own definitions at the end: one
/// build is far faster than millions of index insertions.</summary>
internal sealed class PostgresDemoRowWriter(NpgsqlConnection connection) : DemoRowWriter
{
    // Memory for each index build at the end; PostgreSQL's default of 64 MB spills a million rows' trigrams to disk.
    private const string BuildMemory = "512MB";

    private readonly Dictionary<Table, List<object?[]>> _rows = Tables.ToDictionary(t => t, _ => new List<object?[]>());
    private readonly List<string> _setAside = [];

    public override async Task StartAsync(bool bulk, CancellationToken ct)
    {
        if (!bulk) return;
        var tables = string.Join(", ", Tables.Select(t => $"'{t.Name}'"));
        await using (var cmd = new NpgsqlCommand($"""
            SELECT indexname, indexdef FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename IN ({tables})
              AND indexname NOT IN (SELECT conname FROM pg_constraint)
            """, connection))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            var dropped = new List<string>();
            while (await reader.ReadAsync(ct))
            {
                dropped.Add($"DROP INDEX \"{reader.GetString(0)}\"");
                _setAside.Add(reader.GetString(1));
            }
            await reader.CloseAsync();
            await ExecuteAsync(connection, dropped, ct);
        }
    }

    public override Task BeginBatchAsync(CancellationToken ct) => Task.CompletedTask;

    public override async Task CommitBatchAsync(CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var table in Tables)
        {
            var rows = _rows[table];
            await using var importer = await connection.BeginBinaryImportAsync(
                $"COPY \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                foreach (var value in row) await WriteAsync(importer, value, ct);
            }
            await importer.CompleteAsync(ct);
            rows.Clear();
        }
        await tx.CommitAsync(ct);
    }

    public override async Task FinishAsync(bool bulk, CancellationToken ct)
    {
        // Before the indexes come back, so that the update does not maintain them row by row.
        await ExecuteAsync(connection, ["""
            UPDATE "Customers" AS cu SET "LastSeenAt" = latest.at
            FROM (SELECT "CustomerId", MAX("LastActivityAt") AS at FROM "Conversations" GROUP BY "CustomerId") AS latest
            WHERE latest."CustomerId" = cu."Id" AND latest.at > cu."LastSeenAt"
            """], ct);
        if (_setAside.Count > 0)
            await ExecuteAsync(connection, [$"SET maintenance_work_mem = '{BuildMemory}'", .. _setAside, "RESET maintenance_work_mem"], ct);
        // Fresh planner statistics for the grown tables: without them PostgreSQL guesses at the search's selectivity.
        await ExecuteAsync(connection, [$"ANALYZE {string.Join(", ", Tables.Select(t => $"\"{t.Name}\""))}"], ct);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected override void Write(Table table, object?[] values) => _rows[table].Add(values);

    private static Task WriteAsync(NpgsqlBinaryImporter importer, object? value, CancellationToken ct) => value switch
    {
        null => importer.WriteNullAsync(ct),
        Guid g => importer.WriteAsync(g, NpgsqlDbType.Uuid, ct),
        string s => importer.WriteAsync(s, NpgsqlDbType.Text, ct),
        DateTime d => importer.WriteAsync(d, NpgsqlDbType.TimestampTz, ct),
        int i => importer.WriteAsync(i, NpgsqlDbType.Integer, ct),
        bool b => importer.WriteAsync(b, NpgsqlDbType.Boolean, ct),
        _ => throw new NotSupportedException($"No COPY mapping for {value.GetType().Name}."),
    };
}
