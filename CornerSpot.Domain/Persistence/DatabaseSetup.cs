using CornerSpot.Domain.Queues;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CornerSpot.Domain.Persistence;

/// <summary>Start-up and upkeep of the database: migrations, WAL, the default queue, planner statistics.</summary>
public static class DatabaseSetup
{
    /// <summary>Lets SQLite refresh the statistics its query planner uses, where they are missing or stale. Without
    /// them it guesses, and at a million conversations a guess like "walk every Pending row, then check the search"
    /// costs 200 ms where following the search costs 40. analysis_limit keeps each table's pass to a sample.</summary>
    public static async Task OptimiseDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CornerSpotDb>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;", ct);
    }

    /// <summary>Creates or migrates the database, switches it to WAL and makes sure the default queue exists.</summary>
    public static async Task InitialiseDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CornerSpotDb>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.GetDbConnection() is SqliteConnection sqlite && Path.GetDirectoryName(sqlite.DataSource) is { Length: > 0 } dir)
            Directory.CreateDirectory(dir);
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        await services.OptimiseDatabaseAsync(ct);

        if (!await db.Queues.AnyAsync(q => q.Slug == Queue.DefaultSlug, ct))
        {
            var clock = services.GetRequiredService<TimeProvider>();
            db.Queues.Add(new Queue { Id = Guid.CreateVersion7(), Name = "General", Slug = Queue.DefaultSlug, CreatedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup))
                .LogInformation("Created the default queue 'General' ({Slug})", Queue.DefaultSlug);
        }
    }
}
