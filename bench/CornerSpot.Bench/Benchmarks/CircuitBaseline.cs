using System.Net;
using CornerSpot.Bench.Baseline;
using Microsoft.AspNetCore.Builder;
using CornerSpot.Bench.Harness;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>The floor for memory per circuit: a bare Blazor Server app (one interactive-server page with some text,
/// no layout, no authentication, no MudBlazor, no database) on its own Kestrel loopback socket in this process.</summary>
public sealed class CircuitBaseline(WebApplication app) : BaselineHost(app)
{

    public static async Task<CircuitBaseline> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ApplicationName = typeof(CircuitBaseline).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        // As for the app: outside Development, _framework/blazor.web.js is only mapped when asked for.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        var app = builder.Build();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<BenchBaselineDocument>().AddInteractiveServerRenderMode();
        await app.StartAsync();

        return new CircuitBaseline(app);
    }
}
