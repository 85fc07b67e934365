using CornerSpot.Domain.Search;
using Microsoft.Data.Sqlite;

namespace CornerSpot.Web.Demo;

/// <summary>Prepared INSERTs, one per table, reused for every row, a transaction per batch. Values are bound the way
/// EF binds them (Guid and DateTime as TEXT) so EF reads them back unchanged.</summary>
internal sealed class SqliteDemoRowWriter : DemoRowWriter
{
    // Pages of SQLite cache (KiB when negative) while seeding: the phone and search indexes take rows in random order,
    // and with the default 2 MB most inserts of a large seed would wait on a page read.
    private const int SeedingCacheKiB = 256 * 1024;
    private const int DefaultCacheKiB = 2_000;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<Table, SqliteCommand> _commands;
    private SqliteTransaction? _tx;

    public SqliteDemoRowWriter(SqliteConnection connection)
    {
        _connection = connection;
        _commands = Tables.ToDictionary(t => t, t => Prepare(connection, t));
    }

    public override async Task StartAsync(bool bulk, CancellationToken ct)
    {
        await SetCacheAsync(SeedingCacheKiB, ct);
        // A large seed fills the search indexes once at the end, far faster than row by row through their triggers.
        if (bulk) await ExecuteAsync(_connection, SearchIndexSql.DropTriggers(), ct);
    }

    public override async Task BeginBatchAsync(CancellationToken ct)
    {
        _tx = (SqliteTransaction)await _connection.BeginTransactionAsync(ct);
        foreach (var cmd in _commands.Values) cmd.Transaction = _tx;
    }

    public override async Task CommitBatchAsync(CancellationToken ct)
    {
        await _tx!.CommitAsync(ct);
        await _tx.DisposeAsync();
        _tx = null;
    }

    public override async Task FinishAsync(bool bulk, CancellationToken ct)
    {
        await ExecuteAsync(_connection, ["""
            UPDATE Customers SET LastSeenAt = COALESCE(
                (SELECT MAX(c.LastActivityAt) FROM Conversations c WHERE c.CustomerId = Customers.Id), LastSeenAt)
            """], ct);
        if (bulk)
        {
            await ExecuteAsync(_connection, SearchIndexSql.CreateTriggers(), ct);
            await ExecuteAsync(_connection, SearchIndexSql.Rebuild(), ct);
        }
        // Fresh planner statistics for the grown tables (see DatabaseSetup.OptimiseDatabaseAsync).
        await ExecuteAsync(_connection, ["PRAGMA analysis_limit = 1000", "ANALYZE"], ct);
        // The connection goes back to the pool: it must not keep a seeding-sized cache.
        await SetCacheAsync(DefaultCacheKiB, ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_tx is not null) await _tx.DisposeAsync();
        foreach (var cmd in _commands.Values) await cmd.DisposeAsync();
    }

    private Task SetCacheAsync(int kib, CancellationToken ct) => ExecuteAsync(_connection, [$"PRAGMA cache_size = -{kib}"], ct);

    protected override void Write(Table table, object?[] values)
    {
        var cmd = _commands[table];
        for (var i = 0; i < values.Length; i++)
        {
            var p = cmd.Parameters[i];
            // Guid and DateTime as TEXT (uppercase Guid, "yyyy-MM-dd HH:mm:ss.FFFFFFF"), exactly as EF stores them.
            p.SqliteType = values[i] is int or bool ? SqliteType.Integer : SqliteType.Text;
            p.Value = values[i] ?? DBNull.Value;
        }
        cmd.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, Table table)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) " +
                          $"VALUES ({string.Join(", ", table.Columns.Select(c => "$" + c))})";
        foreach (var column in table.Columns)
            cmd.Parameters.Add(new SqliteParameter("$" + column, SqliteType.Text));
        return cmd;
    }
}
