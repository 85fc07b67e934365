using CornerSpot.Domain.Agents;
using CornerSpot.Tests.Support;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

public sealed class AccountBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_agent_changes_their_password_from_the_user_menu_and_is_back_in_the_inbox()
    {
        await browser.App.CreateAgentAsync("kim@test.local", "Kim-Password-1", Roles.Agent);
        var page = await browser.OpenAsync("/dashboard/chat/inbox", email: "kim@test.local", password: "Kim-Password-1");

        await page.Locator("#user-menu").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Choose a new password" })).ToBeVisibleAsync();
        await page.GetByLabel("Current password").FillAsync("Kim-Password-1");
        await page.GetByLabel("New password", new PageGetByLabelOptions { Exact = true }).FillAsync("Wrong-Repeat-1!");
        await page.GetByLabel("Repeat the new password").FillAsync("Another-Value-2!");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The two new passwords are not the same.")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("change-password-laptop.png") });

        await page.GetByLabel("Current password").FillAsync("Kim-Password-1");
        await page.GetByLabel("New password", new PageGetByLabelOptions { Exact = true }).FillAsync("Kims-Own-Passw0rd!");
        await page.GetByLabel("Repeat the new password").FillAsync("Kims-Own-Passw0rd!");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Change password" }).ClickAsync();

        await page.Locator("[data-interactive=true]").WaitForAsync();
        Assert.EndsWith("/dashboard/chat/inbox", page.Url);
    }

    [Fact]
    public async Task A_generated_password_leads_straight_to_the_change_password_page()
    {
        var reset = await browser.App.CreateAgentAsync("new@test.local", "Temp-Password-1", Roles.Agent);
        await using (var db = browser.App.Db())
        {
            var agent = await db.Users.FindAsync([reset], TestContext.Current.CancellationToken);
            agent!.MustChangePassword = true;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var page = await browser.NewPageAsync(390, 844);

        await page.GotoAsync("/account/login?ReturnUrl=%2Fdashboard%2Fchat%2Finbox");
        await page.GetByLabel("Email").FillAsync("new@test.local");
        await page.GetByLabel("Password").FillAsync("Temp-Password-1");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.Locator("#must-change")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("change-password-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task The_audit_log_shows_a_settings_change_made_in_the_console_with_the_address_it_came_from()
    {
        var settings = await browser.OpenAsync("/dashboard/chat/inbox");
        await settings.GotoAsync("/dashboard/settings");
        // The status control in the app bar appears once the circuit is up; clicks before that are lost.
        await settings.Locator("[data-testid=presence]").WaitForAsync();
        await settings.Locator("input[type=checkbox][aria-label='Callback form for General']").ClickAsync();
        await Assertions.Expect(settings.GetByText("The callback form is off for General.")).ToBeVisibleAsync();

        await settings.GotoAsync("/dashboard/settings/audit");
        var row = settings.Locator("tbody tr", new PageLocatorOptions { HasText = "Callback form" });
        await Assertions.Expect(row).ToContainTextAsync("127.0.0.1");
        await Assertions.Expect(row).ToContainTextAsync("General");
        await settings.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("audit-laptop.png") });

        var phone = await browser.OpenAsync("/dashboard/chat/inbox", 390, 844);
        await phone.GotoAsync("/dashboard/settings/audit?action=SignedIn");
        await Assertions.Expect(phone.Locator("tbody tr").First).ToContainTextAsync(AppFactory.AdminEmail);
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("audit-phone.png"), FullPage = true });
    }
}
