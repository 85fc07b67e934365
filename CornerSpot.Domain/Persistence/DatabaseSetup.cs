using CornerSpot.Domain.Queues;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CornerSpot.Domain.Persistence;

/// <summary>Start-up and upkeep of the database: migrations, WAL, the default queue, planner statistics.</summary>
public static class DatabaseSetup
{
    /// <summary>The advisory lock under which start-up work runs on PostgreSQL (any fixed number; ours).</summary>
    private const long StartupLockKey = 0x436F726E_53706F74; // "CornSpot"

    /// <summary>Lets SQLite refresh the statistics its query planner uses, where they are missing or stale. Without
    /// them it guesses, and at a million conversations a guess like "walk every Pending row, then check the search"
    /// costs 200 ms where following the search costs 40. analysis_limit keeps each table's pass to a sample.
    /// PostgreSQL's autovacuum keeps its own statistics: nothing to do there.</summary>
    public static async Task OptimiseDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CornerSpotDb>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!db.Database.IsSqlite()) return;
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;", ct);
    }

    /// <summary>Creates or migrates the database (SQLite: switched to WAL) and makes sure the default queue exists;
    /// once, however many nodes start at the same moment.</summary>
    public static Task InitialiseDatabaseAsync(this IServiceProvider services, CancellationToken ct = default) =>
        services.RunStartupStepAsync(async () =>
        {
            var factory = services.GetRequiredService<IDbContextFactory<CornerSpotDb>>();
            await using var db = await factory.CreateDbContextAsync(ct);
            await db.Database.MigrateAsync(ct);
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
                await services.OptimiseDatabaseAsync(ct);
            }

            if (!await db.Queues.AnyAsync(q => q.Slug == Queue.DefaultSlug, ct))
            {
                var clock = services.GetRequiredService<TimeProvider>();
                db.Queues.Add(new Queue { Id = Guid.CreateVersion7(), Name = "General", Slug = Queue.DefaultSlug, CreatedAt = clock.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync(ct);
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup))
                    .LogInformation("Created the default queue 'General' ({Slug})", Queue.DefaultSlug);
            }
        }, ct);

    /// <summary>
    /// Runs a start-up step that must happen once (migrations, the default queue, the first admin). On PostgreSQL
    /// under a session advisory lock, so nodes starting together take turns and each later one finds the work done;
    /// SQLite is one machine's file, and its own write lock is enough.
    /// </summary>
    public static async Task RunStartupStepAsync(this IServiceProvider services, Func<Task> step, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CornerSpotDb>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            if (Path.GetDirectoryName(sqlite.DataSource) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
            await step();
            return;
        }

        await CreateDatabaseIfMissingAsync(db, ct);
        // A connection of its own, not pooled: the lock belongs to the session and must end with it.
        var csb = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false };
        await using var connection = new NpgsqlConnection(csb.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", StartupLockKey);
            take.CommandTimeout = 0;
            await take.ExecuteNonQueryAsync(ct);
        }
        await step();
    }

    private static async Task CreateDatabaseIfMissingAsync(CornerSpotDb db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct)) return;
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another node created it a moment ago.
        }
    }
}
