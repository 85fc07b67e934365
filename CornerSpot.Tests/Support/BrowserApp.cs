using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Support;

/// <summary>The app on a real Kestrel port (its own SQLite file, fake clock) and Debian's Chromium driven by Playwright.</summary>
/// <remarks>Use as a class fixture. Pages must wait for <c>[data-interactive=true]</c> before clicking:
/// clicks on the prerendered page, before the circuit connects, are lost.</remarks>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private IPlaywright? _playwright;

    public AppFactory App { get; } = new KestrelAppFactory();
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        App.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (own cookies) at the given viewport, in the agent's time zone.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900, string timeZone = "Europe/London")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, TimezoneId = timeZone,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens a path and waits until the circuit is up.</summary>
    public async Task<IPage> OpenAsync(string path, int width = 1366, int height = 900)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync(path);
        await page.Locator("[data-interactive=true]").WaitForAsync();
        return page;
    }

    /// <summary>The repository's docs/screenshots folder when UPDATE_SCREENSHOTS=1, else the test output folder.</summary>
    public static string ScreenshotPath(string fileName)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "CornerSpot.Console.sln"))) root = root.Parent;
            if (root is not null) dir = Path.Combine(root.FullName, "docs", "screenshots");
        }
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, fileName);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    // Static web assets (_content/MudBlazor, the .razor.js modules) are only mapped in Development.
    private sealed class KestrelAppFactory : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }
}
