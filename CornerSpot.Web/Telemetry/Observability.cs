using System.Net;
using CornerSpot.Domain.Telemetry;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CornerSpot.Web.Telemetry;

/// <summary>
/// OpenTelemetry metrics and traces (ASP.NET Core, HttpClient, EF Core and <see cref="CornerSpotMetrics"/>), sent over OTLP
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; a Prometheus scrape endpoint at <c>/metrics</c> when
/// <c>Metrics:Prometheus=true</c>, for the addresses in <c>Metrics:AllowedAddresses</c> only (loopback by default);
/// JSON console logs that carry trace ids when <c>Logging:Console:FormatterName=json</c>.
/// </summary>
public static class Observability
{
    public const string MetricsPath = "/metrics";
    public const string ServiceName = "CornerSpot.Console";

    private static readonly IPNetwork[] LoopbackOnly = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration config)
    {
        var exporting = !string.IsNullOrWhiteSpace(config["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithMetrics(m =>
            {
                m.AddMeter(CornerSpotMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (PrometheusEnabled(config)) m.AddPrometheusExporter();
            });
        // Spans only when something receives them: recorded for no one, a span per request and per SQL command is CPU spent
        // for nothing on every widget call. Log lines carry the caller's trace id either way (the host's own activity).
        if (exporting)
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !IsOperational(c.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation());
        // The standard OTEL_* variables (endpoint, protocol, headers) configure the exporter itself.
        if (exporting) otel.UseOtlpExporter();

        // JSON lines carry the trace and span ids (the host's activity tracking puts them in a scope) unless scopes
        // were turned off explicitly.
        if (config["Logging:Console:FormatterOptions:IncludeScopes"] is null)
            services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        return services;
    }

    /// <summary>Answers <c>/metrics</c> for allowed addresses; everyone else gets the site's 404, as if it did not exist.</summary>
    public static IApplicationBuilder UseMetricsEndpoint(this IApplicationBuilder app, IConfiguration config)
    {
        // The providers are otherwise built by a hosted service that starts after Kestrel listens: the first requests
        // would then have no trace (no trace id in their log lines) and no metrics.
        app.ApplicationServices.GetService<TracerProvider>();
        app.ApplicationServices.GetService<MeterProvider>();
        if (!PrometheusEnabled(config)) return app;
        var allowed = config.GetSection("Metrics:AllowedAddresses").Get<string[]>() is { Length: > 0 } list
            ? list.Select(ParseNetwork).ToArray()
            : LoopbackOnly;
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsPath && IsAllowed(context.Connection.RemoteIpAddress, allowed));
    }

    public static bool IsAllowed(IPAddress? address, IReadOnlyList<IPNetwork> allowed)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return allowed.Any(n => n.Contains(address));
    }

    /// <summary>"10.0.0.5" (one address) or "10.0.0.0/8" (a network).</summary>
    private static IPNetwork ParseNetwork(string value) =>
        value.Contains('/', StringComparison.Ordinal) ? IPNetwork.Parse(value)
            : IPAddress.Parse(value) is var a ? new IPNetwork(a, a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            : throw new FormatException(value);

    private static bool PrometheusEnabled(IConfiguration config) => config.GetValue("Metrics:Prometheus", false);

    // Probes and scrapes every few seconds would drown the traces that matter.
    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
