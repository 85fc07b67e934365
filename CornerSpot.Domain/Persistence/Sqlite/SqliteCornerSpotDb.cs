using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Persistence.Sqlite;

/// <summary>The model on SQLite, with its migrations in Sqlite/Migrations (full-text search by FTS5 tables).</summary>
public sealed class SqliteCornerSpotDb(DbContextOptions<SqliteCornerSpotDb> options) : CornerSpotDb(options);
