using CornerSpot.Domain;
using CornerSpot.Domain.Persistence;

namespace CornerSpot.Tests.Support;

/// <summary>
/// A database of a test's own on either provider: a SQLite file in the temp folder, or a fresh database on the run's
/// private PostgreSQL (<see cref="PostgresServer"/>). Removed on dispose. <see cref="Settings"/> points an app at it.
/// </summary>
public sealed class TestDatabase(DatabaseProvider provider, string connectionString, string pathPrefix, Action remove) : IDisposable
{
    public static TestDatabase Create(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres) return PostgresServer.CreateDatabase();
        var file = new TempSqliteFile();
        return new TestDatabase(DatabaseProvider.Sqlite, file.ConnectionString, file.Path, file.Dispose);
    }

    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    /// <summary>A unique path in the temp folder for files that belong with this database (removed by their owner).</summary>
    public string PathPrefix { get; } = pathPrefix;

    /// <summary>The configuration that points the app at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        [$"ConnectionStrings:{DomainServices.ConnectionStringName}"] = ConnectionString,
    };

    public void Dispose() => remove();
}
