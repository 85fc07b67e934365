using CornerSpot.Domain.Webhooks;

namespace CornerSpot.Web.Webhooks;

public static class WebhookDelivery
{
    /// <summary>The named HTTP client (SSRF-checked connections, no redirects, <c>Webhooks:TimeoutSeconds</c>) and the sender.</summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services)
    {
        services.AddHttpClient(WebhookSender.ClientName, (sp, client) => client.Timeout = sp.GetRequiredService<WebhookOptions>().Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookConnections.CreateHandler(sp.GetRequiredService<WebhookOptions>()))
            // The factory's request logging writes the URL, and a CRM's hook URL often carries its own token.
            .RemoveAllLoggers();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookWorker>();
        return services;
    }
}
