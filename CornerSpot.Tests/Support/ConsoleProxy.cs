using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Support;

/// <summary>
/// The load balancer of the README's "Running several nodes", in process: YARP with the repository's
/// <c>docs/several-nodes/yarp.json</c> (cookie affinity, health checks), its two destinations pointed at a node pair.
/// </summary>
public sealed class ConsoleProxy : IAsyncDisposable
{
    public static string ConfigFile => Path.Combine(Solution.Root, "docs", "several-nodes", "yarp.json");

    private readonly WebApplication _app;

    private ConsoleProxy(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ConsoleProxy> StartAsync(NodePair nodes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddJsonFile(ConfigFile).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:console:Destinations:node-1:Address"] = nodes.First.BaseAddress.ToString(),
            ["ReverseProxy:Clusters:console:Destinations:node-2:Address"] = nodes.Second.BaseAddress.ToString(),
        });
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConsoleProxy(app, new Uri(address));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
