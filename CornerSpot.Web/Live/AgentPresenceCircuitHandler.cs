using CornerSpot.Domain.Agents;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CornerSpot.Web.Live;

/// <summary>Tells <see cref="AgentPresence"/> about this circuit. Scoped: one instance per circuit.</summary>
public sealed class AgentPresenceCircuitHandler(AgentPresence presence, AuthenticationStateProvider auth) : CircuitHandler, IDisposable
{
    private string? _circuitId;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
    {
        _circuitId = circuit.Id;
        // The circuit's user is set before the handlers run; sign-out or re-validation changes it later.
        auth.AuthenticationStateChanged += OnAuthenticationStateChanged;
        if ((await auth.GetAuthenticationStateAsync()).User.AgentId() is { } agentId)
            presence.CircuitOpened(circuit.Id, agentId);
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken ct)
    {
        presence.ConnectionChanged(circuit.Id, connected: true);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken ct)
    {
        presence.ConnectionChanged(circuit.Id, connected: false);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct)
    {
        presence.CircuitClosed(circuit.Id);
        return Task.CompletedTask;
    }

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> state)
    {
        try
        {
            if (_circuitId is { } id) presence.CircuitUserChanged(id, (await state).User.AgentId());
        }
        catch (Exception)
        {
            // A failed authentication state leaves the entry as it was; the circuit closes soon after anyway.
        }
    }

    public void Dispose() => auth.AuthenticationStateChanged -= OnAuthenticationStateChanged;
}

public static class AgentPresenceServices
{
    public static IServiceCollection AddAgentPresence(this IServiceCollection services)
    {
        services.AddSingleton<AgentPresence>();
        services.AddSingleton<AgentStatus>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, AgentPresenceCircuitHandler>());
        return services;
    }
}
