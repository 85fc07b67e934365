using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CornerSpot.Domain.Persistence.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a server or app settings.</summary>
public sealed class PostgresCornerSpotDbDesignFactory : IDesignTimeDbContextFactory<PostgresCornerSpotDb>
{
    public PostgresCornerSpotDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCornerSpotDb>().UseNpgsql("Host=localhost;Database=cornerspot").Options);
}
