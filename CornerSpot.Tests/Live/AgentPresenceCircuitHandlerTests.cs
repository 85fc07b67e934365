using CornerSpot.Tests.Support;
using CornerSpot.Web.Live;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Live;

public sealed class AgentPresenceCircuitHandlerTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Every_circuit_gets_a_presence_handler_and_all_of_them_share_one_tracker()
    {
        await using var first = _app.Services.CreateAsyncScope();
        await using var second = _app.Services.CreateAsyncScope();

        var handlers = first.ServiceProvider.GetServices<CircuitHandler>().OfType<AgentPresenceCircuitHandler>();

        Assert.Single(handlers);
        Assert.Same(first.ServiceProvider.GetRequiredService<AgentPresence>(), second.ServiceProvider.GetRequiredService<AgentPresence>());
    }
}
