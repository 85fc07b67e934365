using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CornerSpot.Web.Components.Layout;

/// <summary>
/// MudThemeProvider's generated stylesheet for <see cref="CornerSpotTheme"/> (the palette, shadows and typography as CSS
/// variables, some 65 KB), rendered once for the light and the dark palette and served as one cached file. A
/// MudThemeProvider in the layout held that string in the render tree of every open console. The dark palette applies
/// under <c>html[data-cs-theme=dark]</c>, which theme.js sets before the first paint and on every switch, so the theme
/// menu and the system's setting change the look without a render.
/// </summary>
public sealed partial class ThemeStylesheet(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    public const string Path = "/theme.css";
    private const string DarkRoot = "html[data-cs-theme=dark]";

    private readonly Lazy<Task<Sheet>> _sheet = new(() => BuildAsync(scopes, loggers));

    /// <summary>The stylesheet's address, versioned by its content so that browsers may keep it for good.</summary>
    public async Task<string> HrefAsync() => $"{Path}?v={(await _sheet.Value).Version}";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, async (ThemeStylesheet stylesheet, HttpContext http) =>
        {
            var sheet = await stylesheet._sheet.Value;
            // Asked for by its versioned address (App.razor), so the content behind one address never changes.
            if (http.Request.Query.ContainsKey("v")) http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Text(sheet.Css, "text/css; charset=utf-8");
        }).AllowAnonymous();

    private static async Task<Sheet> BuildAsync(IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var light = StyleOf(await RenderAsync(renderer, dark: false));
        var dark = StyleOf(await RenderAsync(renderer, dark: true));
        // The dark render differs only in its :root variables; the rest (scrollbar and chart rules) is the same text.
        var darkRoots = string.Concat(RootBlock().Matches(dark).Select(m => DarkRoot + m.Value[":root".Length..] + "\n"));
        var css = $"{light}\n{darkRoots}";
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(css)))[..16];
        return new Sheet(css, version);
    }

    private static Task<string> RenderAsync(HtmlRenderer renderer, bool dark) => renderer.Dispatcher.InvokeAsync(async () =>
    {
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(MudThemeProvider.Theme)] = CornerSpotTheme.Theme,
            [nameof(MudThemeProvider.IsDarkMode)] = dark,
            [nameof(MudThemeProvider.ObserveSystemDarkModeChange)] = false,
        });
        return (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
    });

    private static string StyleOf(string html) =>
        string.Join("\n", StyleElement().Matches(html).Select(m => m.Groups[1].Value.Trim()));

    [GeneratedRegex("<style[^>]*>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    [GeneratedRegex(@":root\s*\{[^}]*\}")]
    private static partial Regex RootBlock();

    private sealed record Sheet(string Css, string Version);
}
