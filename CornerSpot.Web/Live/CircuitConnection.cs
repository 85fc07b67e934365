using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CornerSpot.Web.Live;

/// <summary>Per circuit: tells live views when the browser reconnects, so they reconcile what they missed.</summary>
public sealed class CircuitConnection : CircuitHandler
{
    private bool _wasDown;

    public event Action? Reconnected;

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
            Reconnected?.Invoke();
        }
        return Task.CompletedTask;
    }
}
