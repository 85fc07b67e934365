using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CornerSpot.Bench.Harness;

/// <summary>A baseline server in this process, on its own Kestrel loopback socket, stopped with the benchmark.</summary>
public abstract class BaselineHost(WebApplication app) : IAsyncDisposable
{
    protected WebApplication App { get; } = app;

    /// <summary>Where the started server listens.</summary>
    public Uri BaseAddress => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
