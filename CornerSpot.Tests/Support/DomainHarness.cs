using CornerSpot.Domain;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CornerSpot.Tests.Support;

/// <summary>The domain services wired as the app wires them, on a fresh database (SQLite unless a test asks for
/// PostgreSQL) and a fake clock.</summary>
public sealed class DomainHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly bool _ownsDatabase;

    public FakeTimeProvider Clock { get; } = new(Start);
    public ServiceProvider Services { get; }

    /// <summary>The database under these services; another harness given it is a second node of the same installation.</summary>
    public TestDatabase Database { get; }

    private DomainHarness(
        Action<IServiceCollection>? configure, DatabaseProvider provider, TestDatabase? database, IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        _ownsDatabase = database is null;
        Database = database ?? TestDatabase.Create(provider);
        var config = new ConfigurationBuilder().AddInMemoryCollection(Database.Settings)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Phones:DefaultRegion"] = "GB" })
            .AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(config)
            .AddLogging()
            .AddCornerSpotDomain(p => p);
        services.AddSingleton<TimeProvider>(Clock);
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
    }

    public static Task<DomainHarness> CreateAsync(Action<IServiceCollection>? configure = null) =>
        CreateAsync(DatabaseProvider.Sqlite, configure);

    /// <param name="database">Another harness's database, to run as a second node on it; null for a fresh one.</param>
    /// <param name="settings">Configuration the app would read from appsettings.json, over the test defaults.</param>
    public static async Task<DomainHarness> CreateAsync(
        DatabaseProvider provider, Action<IServiceCollection>? configure = null, TestDatabase? database = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var harness = new DomainHarness(configure, provider, database, settings);
        await harness.Services.InitialiseDatabaseAsync(Xunit.TestContext.Current.CancellationToken);
        return harness;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public CornerSpotDb Db() => Get<IDbContextFactory<CornerSpotDb>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_ownsDatabase) Database.Dispose();
    }
}
