using CornerSpot.Domain.Live;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CornerSpot.Web.Live;

/// <summary>Per circuit: tells live views when the browser reconnects, so they reconcile what they missed.</summary>
public sealed class CircuitConnection : CircuitHandler
{
    private readonly SubscriberList<Action> _reconnected = new();
    private bool _wasDown;

    /// <summary>Calls <paramref name="handler"/> each time the browser comes back after losing its connection.</summary>
    public IDisposable OnReconnected(Action handler) => _reconnected.Add(handler);

    public bool IsConnected { get; private set; } = true;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken ct)
    {
        IsConnected = false;
        _wasDown = true;
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken ct)
    {
        IsConnected = true;
        if (_wasDown)
        {
            _wasDown = false;
            foreach (var handler in _reconnected.Current) handler();
        }
        return Task.CompletedTask;
    }
}
