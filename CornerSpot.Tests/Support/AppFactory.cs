using CornerSpot.Domain.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CornerSpot.Tests.Support;

/// <summary>The whole app in-process on its own SQLite file, with a controllable clock.</summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly TempSqliteFile _file = new();

    public FakeTimeProvider Clock { get; } = new(DomainHarness.Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{DomainServices.ConnectionStringName}", _file.ConnectionString);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    public CornerSpotDb Db() => Services.GetRequiredService<IDbContextFactory<CornerSpotDb>>().CreateDbContext();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _file.Dispose();
        GC.SuppressFinalize(this);
    }
}
