using System.Net;
using CornerSpot.Domain;
using CornerSpot.Domain.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Bench.Harness;

/// <summary>The whole CornerSpot app in this process, on a real loopback socket and its own SQLite file.</summary>
public sealed class BenchApp(string databasePath, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string AdminEmail = "bench-admin@cornerspot.local";
    public const string AdminPassword = "Bench-Admin-Pass-1";

    public Uri BaseAddress { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Outside Development static web assets (blazor.web.js, MudBlazor's CSS) are only mapped when asked for.
        builder.UseStaticWebAssets();
        builder.UseSetting($"ConnectionStrings:{DomainServices.ConnectionStringName}", $"Data Source={databasePath}");
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        // Plain HTTP on loopback: the product's HTTPS-only default would redirect every request.
        builder.UseSetting("Security:AllowHttp", "true");
        // One load generator on loopback is one client IP: the per-IP limit would measure the limiter, not the app.
        builder.UseSetting("Widget:RateLimit:PermitLimit", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Widget:RateLimit:QueuePermitLimit", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.ClearProviders());
    }

    public static BenchApp Start(string databasePath, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new BenchApp(databasePath, settings);
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        app.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return app;
    }

    public CornerSpotDb Db() => Services.GetRequiredService<IDbContextFactory<CornerSpotDb>>().CreateDbContext();
}
