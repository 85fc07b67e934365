using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CornerSpot.Domain.Persistence.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without the app's settings.</summary>
public sealed class SqliteCornerSpotDbDesignFactory : IDesignTimeDbContextFactory<SqliteCornerSpotDb>
{
    public SqliteCornerSpotDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCornerSpotDb>().UseSqlite("Data Source=design-time.db").Options);
}
