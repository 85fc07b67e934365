using System.Security.Claims;
using CornerSpot.Domain.Agents;
using CornerSpot.Web.Presence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Support;

/// <summary>The app on a real Kestrel port (its own SQLite file, the real clock) and Debian's Chromium driven by Playwright.</summary>
/// <remarks>Use as a class fixture. Pages must wait for <c>[data-interactive=true]</c> before clicking:
/// clicks on the prerendered page, before the circuit connects, are lost.</remarks>
public sealed class BrowserApp : IAsyncLifetime
{
    private readonly BrowserFixture _chromium = new();

    public KestrelApp App { get; } = KestrelApp.Start();
    public IBrowser Browser => _chromium.Browser;
    public string BaseUrl => App.BaseAddress.ToString().TrimEnd('/');

    public ValueTask InitializeAsync() => _chromium.InitializeAsync();

    /// <summary>A fresh browser context (own cookies) at the given viewport, in the agent's time zone.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900, string timeZone = "Europe/London", string locale = "en-GB")
    {
        var context = await _chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, TimezoneId = timeZone, Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>The agent on <paramref name="page"/> goes Away through the presence menu, and so does every other agent
    /// (<see cref="EveryoneAwayAsync"/>): with nobody Online the widget offers the callback form instead of a chat, whatever
    /// consoles earlier tests of the class left open, while the agent's console keeps receiving everything live.</summary>
    public async Task GoAwayAsync(IPage page)
    {
        await page.Locator("[data-testid=presence-toggle]").ClickAsync();
        await page.Locator("[data-testid=presence-away]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=presence]")).ToHaveAttributeAsync("data-status", "Away");
        await EveryoneAwayAsync();
    }

    /// <summary>Every agent goes Away, as each would from the presence menu: the widget offers the callback form whatever
    /// consoles earlier tests left open or reconnecting, while those consoles keep receiving everything live.</summary>
    public async Task EveryoneAwayAsync()
    {
        var status = App.Services.GetRequiredService<AgentStatus>();
        await using var db = App.Db();
        foreach (var id in await db.Users.Select(a => a.Id).ToListAsync())
        {
            var agent = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id)], "test"));
            await status.SetAsync(agent, AgentPresence.Away, CancellationToken.None);
        }
    }

    /// <summary>Opens the widget from its launcher and waits until it shows <paramref name="view"/> (form, chat, closed):
    /// the first availability check of a fresh app can be slow on a busy machine. Fails naming the view it shows instead.</summary>
    public static async Task OpenWidgetAsync(IPage visitor, string view)
    {
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Contact us" }).ClickAsync();
        try
        {
            await Assertions.Expect(visitor.Locator($"[data-view={view}]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            var shown = await visitor.Locator("[data-view]:visible")
                .EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-view'))");
            Assert.Fail($"The widget shows [{string.Join(", ", shown)}], not {view}.");
        }
    }

    /// <summary>Signs in through the login page, lands on the path and waits until the circuit is up.</summary>
    public async Task<IPage> OpenAsync(string path, int width = 1366, int height = 900,
        string email = AppFactory.AdminEmail, string password = AppFactory.AdminPassword)
    {
        var page = await NewPageAsync(width, height);
        await SignInAsync(page, path, email, password);
        return page;
    }

    public static async Task SignInAsync(IPage page, string path, string email = AppFactory.AdminEmail, string password = AppFactory.AdminPassword)
    {
        await page.GotoAsync($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await page.Locator("[data-interactive=true]").WaitForAsync();
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
        await _chromium.DisposeAsync();
        await App.DisposeAsync();
    }
}
