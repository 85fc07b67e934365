using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using CornerSpot.Web.Live;
using Microsoft.Extensions.Configuration;
using MudBlazor.Services;

namespace CornerSpot.Tests.Support;

/// <summary>bunit with MudBlazor's services and loose JS interop (MudBlazor calls JS that tests do not care about).</summary>
public abstract class MudTestContext : BunitContext
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        // Live views: re-query at once on an event, reconcile rarely, unless a test says otherwise.
        UseLiveSettings(coalesceMilliseconds: 0, reconcileSeconds: 3600);
        Services.AddSingleton<IConfiguration>(_configuration);
        Services.AddScoped<CircuitConnection>();
    }

    private readonly IConfigurationRoot _configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();

    /// <summary>How live views gather bursts and how often they reconcile; read by each view as it initialises.</summary>
    protected void UseLiveSettings(int coalesceMilliseconds, int reconcileSeconds)
    {
        _configuration["Live:CoalesceMilliseconds"] = coalesceMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _configuration["Live:ReconcileSeconds"] = reconcileSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Render as the app does once the circuit is up (interactive server), not as the prerender.
    /// Call after the last service is registered: it builds the service provider.</summary>
    protected void RenderInteractively() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));
}
