using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CornerSpot.Web.Presence;

public static class PresenceServices
{
    public static IServiceCollection AddAgentPresence(this IServiceCollection services)
    {
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<AgentStatus>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, PresenceCircuitHandler>());
        return services;
    }
}
