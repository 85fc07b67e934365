using CornerSpot.Domain.Settings;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace CornerSpot.Web.Widget;

/// <summary>The widget API's CORS policy follows the origins an admin saved in Settings, without a restart.</summary>
public sealed class WidgetCorsPolicyProvider(WidgetSettingsStore settings, IOptions<CorsOptions> options) : ICorsPolicyProvider
{
    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (policyName != WidgetEndpoints.CorsPolicy)
            return options.Value.GetPolicy(policyName ?? options.Value.DefaultPolicyName);

        var origins = await settings.GetAllowedOriginsAsync(context.RequestAborted);
        // Anonymous API: never with credentials, so "*" cannot carry an agent's session.
        var policy = new CorsPolicyBuilder()
            .WithMethods("GET", "POST")
            .WithHeaders("Content-Type", WidgetEndpoints.IdempotencyHeader, Domain.Chat.VisitorToken.Header, "Last-Event-ID")
            .WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        if (origins.Contains("*")) policy.AllowAnyOrigin();
        else policy.WithOrigins([.. origins]);
        return policy.Build();
    }
}
