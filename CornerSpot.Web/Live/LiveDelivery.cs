using CornerSpot.Web.Presence;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CornerSpot.Web.Live;

public static class LiveDelivery
{
    public static IServiceCollection AddLiveDelivery(this IServiceCollection services)
    {
        services.AddScoped<CircuitConnection>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
        services.AddAgentPresence();
        return services;
    }
}
