using CornerSpot.Tests.Support;
using CornerSpot.Web.Presence;
using CornerSpot.Web.Live;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Presence;

public sealed class PresenceCircuitHandlerTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Every_circuit_gets_a_presence_handler_and_all_of_them_share_one_tracker()
    {
        await using var first = _app.Services.CreateAsyncScope();
        await using var second = _app.Services.CreateAsyncScope();

        var handlers = first.ServiceProvider.GetServices<CircuitHandler>().OfType<PresenceCircuitHandler>();

        Assert.Single(handlers);
        Assert.Same(first.ServiceProvider.GetRequiredService<PresenceTracker>(), second.ServiceProvider.GetRequiredService<PresenceTracker>());
    }
}
