using CornerSpot.Domain.Audit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CornerSpot.Web.Agents;

/// <summary>
/// Gives every event a circuit handles the client address of the connection that opened it, so actions taken in
/// the console reach the audit trail with their origin (the circuit's scope is created while the hub serves the
/// connection's request, which is when the address can be read); and has the circuit's user re-checked the moment
/// an agent's sessions change.
/// </summary>
public sealed class AgentCircuitHandler(IHttpContextAccessor http, AuthenticationStateProvider auth) : CircuitHandler
{
    private readonly string? _address = http.HttpContext is { } context ? AgentIdentity.ClientAddress(context) : null;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
    {
        (auth as AgentRevalidatingStateProvider)?.WatchSessions();
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            AuditOrigin.ClientAddress = _address;
            await next(context);
        };
}
