using Bunit;
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
}
