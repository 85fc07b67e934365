using Microsoft.Net.Http.Headers;

namespace CornerSpot.Web.Widget;

/// <summary>What the website widget needs from the host besides its API: its script's caching and its demo page.</summary>
public static class WidgetHosting
{
    public const string ScriptPath = "/widget/cornerspot.js";
    public const string DemoPath = "/widget/demo";

    // The embed snippet has no version in its URL, so a fix must reach every site soon:
    // browsers may use their copy for 5 minutes, then revalidate with the ETag.
    private const string ScriptCacheControl = "public, max-age=300, stale-while-revalidate=86400";

    public static WebApplication UseWidget(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Request.Path.Equals(ScriptPath, StringComparison.OrdinalIgnoreCase))
                context.Response.OnStarting(() =>
                {
                    // Static assets answer "no-cache" for files without a fingerprint; this one is embedded everywhere.
                    if (context.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
                        context.Response.Headers.CacheControl = ScriptCacheControl;
                    context.Response.Headers.XContentTypeOptions = "nosniff";
                    return Task.CompletedTask;
                });
            return next(context);
        });
        app.MapGet(DemoPath, () => TypedResults.Text(DemoPage.Value, "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        return app;
    }

    private static readonly Lazy<string> DemoPage = new(() =>
    {
        using var stream = typeof(WidgetHosting).Assembly.GetManifestResourceStream("CornerSpot.Web.Widget.DemoPage.html")
                           ?? throw new InvalidOperationException("The widget demo page is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
