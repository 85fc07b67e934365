using System.Text.Json;
using CornerSpot.Domain.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CornerSpot.Web.Health;

/// <summary>
/// <c>/health/live</c>: the process answers (restart it when not). <c>/health/ready</c>: it can serve, the database and,
/// when configured, Redis answer (take it out of the load balancer when not). Anonymous, JSON, a status per check and
/// nothing more: no exception text, no host names, no timings.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services, IConfiguration config)
    {
        var checks = services.AddHealthChecks()
            // CanConnect through the app's own context: SQLite or PostgreSQL, whichever Database:Provider chose.
            .AddDbContextCheck<CornerSpotDb>("database", tags: [ReadyTag]);
        if (config["Redis:Configuration"] is { Length: > 0 } redis)
            checks.AddRedis(redis, "redis", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, Options(_ => false)).AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks(ReadyPath, Options(c => c.Tags.Contains(ReadyTag))).AllowAnonymous().DisableHttpMetrics();
        return app;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = WriteAsync,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthAnswer(report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()));
        return context.Response.WriteAsJsonAsync(body, Json, context.RequestAborted);
    }

    private sealed record HealthAnswer(string Status, Dictionary<string, string> Checks);
}
