using CornerSpot.Domain.Audit;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CornerSpot.Web.Agents;

/// <summary>
/// Gives every event a circuit handles the client address of the connection that opened it, so actions taken in
/// the console reach the audit trail with their origin. The circuit's scope is created while the hub serves the
/// connection's request, which is when the address can be read.
/// </summary>
public sealed class AuditOriginCircuitHandler(IHttpContextAccessor http) : CircuitHandler
{
    private readonly string? _address = http.HttpContext is { } context ? AgentIdentity.ClientAddress(context) : null;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            AuditOrigin.ClientAddress = _address;
            await next(context);
        };
}
