using CornerSpot.Tests.Support;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

/// <summary>Dark mode in a real Chromium: the system's choice by default, the app bar's switch, remembered per browser.</summary>
public sealed class DarkModeBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string DarkBackground = "rgb(15, 17, 23)";
    private const string LightBackground = "rgb(246, 247, 251)";

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static ILocator Html(IPage page) => page.Locator("html");

    [Fact]
    public async Task The_console_follows_a_dark_system_by_default()
    {
        var page = await browser.NewPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await BrowserApp.SignInAsync(page, "/dashboard/team");

        await Assertions.Expect(Html(page)).ToHaveAttributeAsync("data-cs-theme", "dark");
        Assert.Equal(DarkBackground, await BackgroundAsync(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Theme: System" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Dark_chosen_in_the_app_bar_is_remembered_across_a_reload_on_a_light_system()
    {
        var page = await browser.OpenAsync("/dashboard/team");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        Assert.Equal(LightBackground, await BackgroundAsync(page));

        await page.Locator("[data-layout-interactive=true]").WaitForAsync();
        await page.Locator("#theme-menu button").ClickAsync();
        await page.GetByRole(AriaRole.Menuitemradio, new() { Name = "Dark" }).ClickAsync();
        await Assertions.Expect(Html(page)).ToHaveAttributeAsync("data-cs-theme", "dark");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Theme: Dark" })).ToBeVisibleAsync();
        Assert.Equal(DarkBackground, await BackgroundAsync(page));

        // The prerendered page already has the dark palette: no light flash before the circuit connects.
        var html = await (await page.APIRequest.GetAsync("/dashboard/team")).TextAsync();
        Assert.Contains("data-cs-theme=\"dark\"", html);
        await page.ReloadAsync();
        await page.Locator("[data-layout-interactive=true]").WaitForAsync();
        await Assertions.Expect(Html(page)).ToHaveAttributeAsync("data-cs-theme", "dark");
        Assert.Equal(DarkBackground, await BackgroundAsync(page));
    }

    [Fact]
    public async Task Light_chosen_in_the_app_bar_wins_over_a_dark_system()
    {
        var page = await browser.NewPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await BrowserApp.SignInAsync(page, "/dashboard/team");

        await page.Locator("[data-layout-interactive=true]").WaitForAsync();
        await page.Locator("#theme-menu button").ClickAsync();
        await page.GetByRole(AriaRole.Menuitemradio, new() { Name = "Light" }).ClickAsync();
        // The choice travels through the circuit to theme.js, which writes the cookie: reload only once it has.
        await Assertions.Expect(Html(page)).ToHaveAttributeAsync("data-cs-theme", "light");
        await page.ReloadAsync();
        await page.Locator("[data-interactive=true]").WaitForAsync();

        await Assertions.Expect(Html(page)).ToHaveAttributeAsync("data-cs-theme", "light");
        Assert.Equal(LightBackground, await BackgroundAsync(page));
    }

    [Fact]
    public async Task The_widget_is_dark_on_a_host_page_whose_visitor_prefers_dark()
    {
        var page = await browser.NewPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.GotoAsync("/widget/demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Contact us" }).ClickAsync();
        var panel = page.Locator(".panel");
        await panel.WaitForAsync();

        Assert.Equal("rgb(26, 29, 39)", await panel.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        Assert.Equal("rgb(255, 255, 255)", await panel.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
    }
}
