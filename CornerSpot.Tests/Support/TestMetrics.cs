using System.Diagnostics.Metrics;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Support;

/// <summary>A <see cref="CornerSpotMetrics"/> for a class built by hand in a test; its pending gauge has no database to read.</summary>
public static class TestMetrics
{
    public static CornerSpotMetrics Create() => new(
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(),
        new NoDatabase(),
        TimeProvider.System);

    private sealed class NoDatabase : IDbContextFactory<CornerSpotDb>
    {
        public CornerSpotDb CreateDbContext() => throw new InvalidOperationException("This test has no database.");
    }
}
