using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Persistence;

/// <summary>Hands out the configured database's context as the shared model, so no caller knows which it is.</summary>
internal sealed class CornerSpotDbFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CornerSpotDb>
    where TContext : CornerSpotDb
{
    public CornerSpotDb CreateDbContext() => inner.CreateDbContext();

    public async Task<CornerSpotDb> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
