using CornerSpot.Web.Widget;
using Scalar.AspNetCore;

namespace CornerSpot.Web.Security;

public static class SecurityHeaders
{
    // Blazor Server needs no eval; MudBlazor sets inline style attributes, hence style-src 'unsafe-inline'.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            // A visitor's own link is a secret: it must not leak to other sites, into search engines or into caches.
            if (context.Request.Path.StartsWithSegments(WidgetEndpoints.StatusPathPrefix))
            {
                headers["Referrer-Policy"] = "no-referrer";
                headers["X-Robots-Tag"] = "noindex";
                headers.CacheControl = "no-store";
            }
            // The script is embedded on other sites; everything else belongs to the console alone.
            if (!context.Request.Path.StartsWithSegments("/widget/cornerspot.js"))
            {
                // The API reference (Scalar) starts itself with one inline script that carries a per-request nonce.
                headers.ContentSecurityPolicy = context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce
                    ? ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
                    : ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
