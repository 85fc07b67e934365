using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CornerSpot.Tests.Support;

/// <summary>bunit with MudBlazor's services and loose JS interop (MudBlazor calls JS that tests do not care about).</summary>
public abstract class MudTestContext : BunitContext
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>Render as the app does once the circuit is up (interactive server), not as the prerender.
    /// Call after the last service is registered: it builds the service provider.</summary>
    protected void RenderInteractively() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));
}
