using System.Text.RegularExpressions;
using CornerSpot.Tests.Support;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

public sealed partial class WebhooksBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_admin_adds_an_endpoint_and_is_shown_its_secret_once()
    {
        var page = await browser.OpenAsync("/dashboard/settings/webhooks", width: 1366, height: 800);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await page.GetByLabel("Endpoint URL").FillAsync("https://crm.example.com/hooks/cornerspot");
        await page.GetByLabel("Callback claimed").CheckAsync();
        await page.Locator("#save-webhook").ClickAsync();

        await Assertions.Expect(page.Locator("#webhook-secret")).ToHaveValueAsync(SecretPattern());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("webhooks-secret.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(page.Locator("td[data-label='URL']")).ToHaveTextAsync("https://crm.example.com/hooks/cornerspot");
        await Assertions.Expect(page.Locator("#webhook-secret")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delivery log of https://crm.example.com/hooks/cornerspot" }).ClickAsync();
        await Assertions.Expect(page.Locator("#webhook-log")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("webhooks-laptop.png"), FullPage = true });

        var phone = await browser.OpenAsync("/dashboard/settings/webhooks", width: 390, height: 844);
        await Assertions.Expect(phone.Locator("td[data-label='URL']")).ToHaveTextAsync("https://crm.example.com/hooks/cornerspot");
        Assert.DoesNotContain("whsec_", await phone.ContentAsync());
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("webhooks-phone.png"), FullPage = true });
    }

    [GeneratedRegex("^whsec_[A-Za-z0-9+/]{43}=$")]
    private static partial Regex SecretPattern();
}
