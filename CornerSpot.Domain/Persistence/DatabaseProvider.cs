namespace CornerSpot.Domain.Persistence;

/// <summary>The database the console runs on, from <c>Database:Provider</c>: SQLite on one machine (the default), or
/// PostgreSQL for several nodes.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
