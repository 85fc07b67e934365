using CornerSpot.Tests.Support;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

/// <summary>The app bar's menus and the inbox's alert settings (plain markup, wwwroot/menu.js) from the keyboard and the
/// mouse in a real Chromium: the WAI-ARIA menu button pattern.</summary>
public sealed class AppMenuBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static ILocator Item(IPage page, AriaRole role, string name) => page.GetByRole(role, new() { Name = name, Exact = true });

    private async Task<IPage> OpenInboxAsync()
    {
        var page = await browser.OpenAsync("/dashboard/chat/inbox");
        await page.Locator("[data-testid=presence]").WaitForAsync();
        return page;
    }

    [Fact]
    public async Task The_theme_menu_opens_from_the_keyboard_moves_with_the_arrows_and_Escape_gives_focus_back()
    {
        var page = await OpenInboxAsync();
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Theme: System" });
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-haspopup", "menu");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");

        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Menu, new() { Name = "Theme" })).ToBeVisibleAsync();
        await Assertions.Expect(Item(page, AriaRole.Menuitemradio, "Light")).ToBeFocusedAsync();
        await Assertions.Expect(Item(page, AriaRole.Menuitemradio, "System")).ToHaveAttributeAsync("aria-checked", "true");

        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(Item(page, AriaRole.Menuitemradio, "Dark")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(Item(page, AriaRole.Menuitemradio, "System")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Home");
        await Assertions.Expect(Item(page, AriaRole.Menuitemradio, "Light")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Assertions.Expect(Item(page, AriaRole.Menuitemradio, "System")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Menu, new() { Name = "Theme" })).ToBeHiddenAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(button).ToBeFocusedAsync();
    }

    [Fact]
    public async Task A_status_chosen_with_the_keyboard_is_stored_and_focus_returns_to_the_status_button()
    {
        var page = await OpenInboxAsync();
        var toggle = page.Locator("[data-testid=presence-toggle]");

        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(page.Locator("[data-testid=presence-away]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("[data-testid=presence]")).ToHaveAttributeAsync("data-status", "Away");
        await Assertions.Expect(page.GetByRole(AriaRole.Menu, new() { Name = "Your status" })).ToBeHiddenAsync();
        await Assertions.Expect(toggle).ToBeFocusedAsync();

        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(page.Locator("[data-testid=presence-online]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(page.Locator("[data-testid=presence]")).ToHaveAttributeAsync("data-status", "Online");
    }

    [Fact]
    public async Task A_click_outside_or_Tab_closes_an_open_menu_and_opening_one_closes_the_other()
    {
        var page = await OpenInboxAsync();
        var account = page.GetByRole(AriaRole.Button, new() { Name = "Your account" });
        var accountMenu = page.GetByRole(AriaRole.Menu, new() { Name = "Your account" });

        await account.ClickAsync();
        await Assertions.Expect(Item(page, AriaRole.Menuitem, "Change password")).ToBeFocusedAsync();
        await page.Locator("h1").ClickAsync();
        await Assertions.Expect(accountMenu).ToBeHiddenAsync();
        await Assertions.Expect(account).ToHaveAttributeAsync("aria-expanded", "false");

        await account.ClickAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(accountMenu).ToBeHiddenAsync();

        await account.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Theme: System" }).ClickAsync();
        await Assertions.Expect(accountMenu).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Menu, new() { Name = "Theme" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_alert_setting_toggles_with_Space_and_the_menu_stays_open_for_the_next_one()
    {
        var page = await OpenInboxAsync();
        var button = page.GetByRole(AriaRole.Button, new() { Name = "New callback alerts" });
        var sound = Item(page, AriaRole.Menuitemcheckbox, "Play a sound");

        await button.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByRole(AriaRole.Menu, new() { Name = "When a callback request arrives" })).ToBeVisibleAsync();
        await Assertions.Expect(sound).ToBeFocusedAsync();
        await Assertions.Expect(sound).ToHaveAttributeAsync("aria-checked", "false");

        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(sound).ToHaveAttributeAsync("aria-checked", "true");
        await Assertions.Expect(sound).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(Item(page, AriaRole.Menuitemcheckbox, "Show a desktop notification")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(button).ToBeFocusedAsync();
        // Remembered in this browser: a reload shows the setting on.
        await page.ReloadAsync();
        await page.Locator("[data-testid=presence]").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=alert-sound]")).ToHaveAttributeAsync("aria-checked", "true");
    }
}
