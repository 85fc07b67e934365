using CornerSpot.Web.Widget;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CornerSpot.Web.Api;

/// <summary>
/// The public API, described: the OpenAPI 3.1 document of the widget API at <c>/openapi/v1.json</c> and a readable
/// reference at <c>/api/docs</c>. Only the anonymous widget API (<see cref="WidgetEndpoints.RoutePrefix"/>) is in it;
/// console pages, sign-in, the team export, health and metrics are not part of the contract with websites.
/// </summary>
public static class ApiReference
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/" + DocumentName + ".json";
    public const string DocsPath = "/api/docs";

    public static IServiceCollection AddApiReference(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            o.ShouldInclude = d => ("/" + d.RelativePath).StartsWith(WidgetEndpoints.RoutePrefix + "/", StringComparison.OrdinalIgnoreCase);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "CornerSpot widget API",
                    Version = DocumentName,
                    Description =
                        "The anonymous API the CornerSpot website widget talks to: ask whether a team is reachable, chat with an " +
                        "agent, and leave a callback request when nobody answers. Any website may call it from the browser (CORS is open to the " +
                        "origins set in Settings). Errors are RFC 9457 problem details (`application/problem+json`); a " +
                        "`400` carries the failing fields under `errors`. Calls are rate limited per client address and per " +
                        "queue: a `429` says in `Retry-After` how many seconds to wait.",
                };
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference(DocsPath, o => o
            .WithTitle("CornerSpot widget API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddDocument(DocumentName)
            // Everything from this server: no fonts, telemetry, AI agent or proxy from Scalar's CDN and services.
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            // The page's one inline script carries a fresh nonce, which SecurityHeaders adds to the CSP.
            .WithNonce());
        return app;
    }
}
