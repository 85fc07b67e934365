using CornerSpot.Domain.Live;
using CornerSpot.Web.Presence;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CornerSpot.Web.Cluster;

public static class ClusterServices
{
    /// <summary>With <c>Redis:Configuration</c> set, nodes share events, presence and rate limits through Redis; without
    /// it nothing here is registered and the node keeps them in process.</summary>
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<ThisNode>();
        if (string.IsNullOrWhiteSpace(config["Redis:Configuration"])) return services;

        services.AddSingleton<RedisConnection>();
        services.AddSingleton<InProcessInboxEvents>();
        services.Replace(ServiceDescriptor.Singleton<IInboxEvents, RedisInboxEvents>());
        services.AddSingleton<SharedCounter>();
        services.AddSingleton<PresenceBoard>();
        return services;
    }
}
