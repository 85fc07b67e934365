using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CornerSpot.Domain.Chat;

namespace CornerSpot.Web.Widget;

/// <summary>What the website widget needs from the host besides its API: its script (with the server's limits written in),
/// the script's caching and its demo page.</summary>
public static class WidgetHosting
{
    public const string ScriptPath = "/widget/cornerspot.js";
    public const string DemoPath = "/widget/demo";
    /// <summary>Where the script expects its limits; replaced as the script is served.</summary>
    public const string LimitsPlaceholder = "/*limits*/null";

    // The embed snippet has no version in its URL, so a fix must reach every site soon:
    // browsers may use their copy for 5 minutes, then revalidate with the ETag.
    private const string ScriptCacheControl = "public, max-age=300, stale-while-revalidate=86400";

    public static WebApplication UseWidget(this WebApplication app)
    {
        var script = new Lazy<ServedScript?>(() => ServedScript.Read(app.Environment, WidgetLimits.For(app.Services.GetRequiredService<ChatOptions>())));
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!request.Path.Equals(ScriptPath, StringComparison.OrdinalIgnoreCase)
                || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                || script.Value is not { } served)
            {
                await next(context);
                return;
            }
            var headers = context.Response.Headers;
            headers.CacheControl = ScriptCacheControl;
            headers.ETag = served.ETag;
            headers.Vary = "Accept-Encoding";
            headers.XContentTypeOptions = "nosniff";
            if (request.Headers.IfNoneMatch.Contains(served.ETag))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            var body = served.Plain;
            if (request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                body = served.Gzip;
                headers.ContentEncoding = "gzip";
            }
            context.Response.ContentType = "text/javascript; charset=utf-8";
            context.Response.ContentLength = body.Length;
            if (HttpMethods.IsGet(request.Method)) await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        app.MapGet(DemoPath, () => TypedResults.Text(DemoPage.Value, "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        return app;
    }

    private sealed record ServedScript(byte[] Plain, byte[] Gzip, string ETag)
    {
        public static ServedScript? Read(IWebHostEnvironment environment, WidgetLimits widgetLimits)
        {
            var file = environment.WebRootFileProvider.GetFileInfo(ScriptPath.TrimStart('/'));
            if (!file.Exists) return null;
            using var reader = new StreamReader(file.CreateReadStream());
            var source = reader.ReadToEnd();
            if (!source.Contains(LimitsPlaceholder, StringComparison.Ordinal))
                throw new InvalidOperationException($"The widget script has no {LimitsPlaceholder} for its limits.");
            var limits = JsonSerializer.Serialize(widgetLimits, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            var bytes = Encoding.UTF8.GetBytes(source.Replace(LimitsPlaceholder, limits, StringComparison.Ordinal));
            using var gzip = new MemoryStream();
            using (var zip = new GZipStream(gzip, CompressionLevel.SmallestSize)) zip.Write(bytes);
            return new ServedScript(bytes, gzip.ToArray(), $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..32]}\"");
        }
    }

    private static readonly Lazy<string> DemoPage = new(() =>
    {
        using var stream = typeof(WidgetHosting).Assembly.GetManifestResourceStream("CornerSpot.Web.Widget.DemoPage.html")
                           ?? throw new InvalidOperationException("The widget demo page is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
