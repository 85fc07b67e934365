using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Support;

/// <summary>One headless Debian Chromium per test class, driven by Playwright. Use with <c>IClassFixture&lt;BrowserFixture&gt;</c>.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    /// <summary>A fresh context (cookies, localStorage) with an English locale; dispose it at the end of the test.</summary>
    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.Locale ??= "en-GB";
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 800 };
        return Browser.NewContextAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>
/// The whole app on a real Kestrel port, for a browser to reach, on its own SQLite file.
/// A browser reads the real clock, so the app does too here: <see cref="AppFactory.Clock"/> is not used.
/// </summary>
public sealed class KestrelApp(IReadOnlyDictionary<string, string?>? settings = null) : AppFactory(settings)
{
    public Uri BaseAddress { get; private set; } = null!;

    public static KestrelApp Start(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new KestrelApp(settings);
        app.BaseAddress = app.StartKestrel();
        return app;
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Outside Development static web assets are not mapped, and the build's compressed copies
        // (cornerspot.js.gz, blazor.web.js.gz…) live in obj/: a browser asking for gzip would get an empty 200.
        builder.UseStaticWebAssets();
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(TimeProvider.System)));
    }
}
