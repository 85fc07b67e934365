using CornerSpot.Tests.Support;
using CornerSpot.Domain.Agents;
using CornerSpot.Web.Presence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

public sealed class PresenceBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task ShootTopAsync(IPage page, string fileName, int height) =>
        page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = BrowserApp.ScreenshotPath(fileName),
            Clip = new Clip { X = 0, Y = 0, Width = page.ViewportSize!.Width, Height = height },
        });

    /// <summary>Signs in (the inbox marks when it is interactive), then opens the team page; the status control appears once its circuit is up.</summary>
    private async Task<IPage> OpenTeamAsync(int width = 1366, int height = 900)
    {
        var page = await browser.OpenAsync("/dashboard/chat/inbox", width, height);
        await page.GotoAsync("/dashboard/team");
        await page.Locator("[data-testid=presence]").WaitForAsync();
        return page;
    }

    [Fact]
    public async Task Going_Away_in_one_tab_is_stored_shown_in_the_other_tabs_and_on_the_team_page()
    {
        var laptop = await OpenTeamAsync();
        var phone = await OpenTeamAsync(width: 390, height: 844);
        var onlineTile = laptop.Locator("[data-testid=agents-online] .cs-stat-value");
        await Assertions.Expect(laptop.Locator("[data-testid=presence]")).ToHaveAttributeAsync("data-status", "Online");
        await Assertions.Expect(onlineTile).ToHaveTextAsync("1");
        await Assertions.Expect(laptop.Locator("[data-testid=agents-online]")).ToContainTextAsync("Administrator");
        await ShootTopAsync(laptop, "presence-appbar-laptop.png", 280);
        await ShootTopAsync(phone, "presence-appbar-phone.png", 200);

        await laptop.Locator("[data-testid=presence-toggle]").ClickAsync();
        await Assertions.Expect(laptop.Locator("[data-testid=presence-away]")).ToBeVisibleAsync();
        await ShootTopAsync(laptop, "presence-menu-laptop.png", 280);
        await laptop.Locator("[data-testid=presence-away]").ClickAsync();

        await Assertions.Expect(laptop.Locator("[data-testid=presence]")).ToHaveAttributeAsync("data-status", "Away");
        await Assertions.Expect(phone.Locator("[data-testid=presence]")).ToHaveAttributeAsync("data-status", "Away");
        await Assertions.Expect(onlineTile).ToHaveTextAsync("0");
        await Assertions.Expect(phone.Locator("[data-testid=agents-online] .cs-stat-value")).ToHaveTextAsync("0");
        await using (var db = browser.App.Db())
            Assert.Equal(AgentPresence.Away, (await db.Users.SingleAsync(u => u.Email == AppFactory.AdminEmail, Ct)).Presence);
        await ShootTopAsync(laptop, "presence-away-laptop.png", 280);
        await phone.Locator("[data-testid=presence-toggle]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=presence-online]")).ToBeVisibleAsync();
        await ShootTopAsync(phone, "presence-menu-phone.png", 320);

        // A new session starts with the stored choice.
        await phone.Locator("[data-testid=presence-online]").ClickAsync();
        await Assertions.Expect(laptop.Locator("[data-testid=presence]")).ToHaveAttributeAsync("data-status", "Online");
        var later = await browser.OpenAsync("/dashboard/chat/inbox");
        await Assertions.Expect(later.Locator("[data-testid=presence]")).ToHaveAttributeAsync("data-status", "Online");
        await Assertions.Expect(onlineTile).ToHaveTextAsync("1");
    }
}
