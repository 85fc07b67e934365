using CornerSpot.Domain.Persistence.Postgres;
using CornerSpot.Domain.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Persistence;

/// <summary>Each database's migrations are in step with the model: a model change without a migration for both
/// (scripts/add-migration.sh) fails here rather than at a customer's start-up.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        using var db = new SqliteCornerSpotDbDesignFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_PostgreSQL_migrations_match_the_model()
    {
        using var db = new PostgresCornerSpotDbDesignFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_SQLite_migrations_keep_their_ids_so_existing_databases_do_not_migrate_again()
    {
        using var db = new SqliteCornerSpotDbDesignFactory().CreateDbContext([]);
        Assert.Equal(
            ["20261125093801_Init", "20261125100303_WidgetSettings", "20261125123355_SearchIndex", "20261202000619_QueueAllowedCountries",
             "20261202000937_SessionsAndAudit", "20261202001107_CallbackRequestDetails", "20261202010850_CallbackWork"],
            db.Database.GetMigrations().Take(7));
    }
}
