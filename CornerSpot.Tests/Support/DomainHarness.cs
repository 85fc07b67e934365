using CornerSpot.Domain;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CornerSpot.Tests.Support;

/// <summary>The domain services wired as the app wires them, on a fresh SQLite file and a fake clock.</summary>
public sealed class DomainHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly TempSqliteFile _file = new();

    public FakeTimeProvider Clock { get; } = new(Start);
    public ServiceProvider Services { get; }

    private DomainHarness(Action<IServiceCollection>? configure)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DomainServices.ConnectionStringName}"] = _file.ConnectionString,
            ["Phones:DefaultRegion"] = "GB",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(config)
            .AddLogging()
            .AddCornerSpotDomain(p => p);
        services.AddSingleton<TimeProvider>(Clock);
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
    }

    public static async Task<DomainHarness> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        var harness = new DomainHarness(configure);
        await harness.Services.InitialiseDatabaseAsync(Xunit.TestContext.Current.CancellationToken);
        return harness;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public CornerSpotDb Db() => Get<IDbContextFactory<CornerSpotDb>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _file.Dispose();
    }
}
