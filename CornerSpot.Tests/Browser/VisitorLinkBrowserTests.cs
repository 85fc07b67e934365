using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CornerSpot.Tests.Support;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

/// <summary>The visitor's own link in a real Chromium: from the widget's confirmation to changing and cancelling, watched
/// live by an agent.</summary>
public sealed class VisitorLinkBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static ILocator Card(IPage page) => page.Locator("[data-testid=callback-card]");

    [Fact]
    public async Task A_visitor_follows_the_link_changes_the_time_and_cancels_and_the_agent_sees_both_live()
    {
        var agent = await browser.OpenAsync("/dashboard/chat/inbox");
        // On another call: nobody is Online, so the visitor is offered a callback rather than a chat.
        await browser.GoAwayAsync(agent);
        var visitor = await browser.NewPageAsync(timeZone: "America/New_York", locale: "en-US");
        await visitor.GotoAsync("/widget/demo");
        await BrowserApp.OpenWidgetAsync(visitor, "form");
        await visitor.GetByLabel("Name", new() { Exact = true }).FillAsync("Katherine Johnson");
        await visitor.GetByLabel("Phone number").FillAsync("(212) 555-0177");
        await visitor.GetByLabel("Day", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Tomorrow" });
        await visitor.GetByLabel("From", new() { Exact = true }).FillAsync("09:00");
        await visitor.GetByLabel("To", new() { Exact = true }).FillAsync("11:00");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Request a callback" }).ClickAsync();
        var link = visitor.GetByRole(AriaRole.Link, new() { Name = "View or change your request" });
        // The first submission of a fresh app (its first write, on a busy CI machine) can take longer than Playwright's 5 s.
        await Assertions.Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer", new() { Timeout = 20_000 });
        await Assertions.Expect(link).ToHaveAttributeAsync("target", "_blank");

        await agent.Locator("[data-testid=conversation-row]", new() { HasTextString = "Katherine Johnson" }).ClickAsync();
        var card = Card(agent);
        await Assertions.Expect(card.Locator("[data-testid=callback-window-visitor]")).ToContainTextAsync("09:00–11:00");

        var status = await visitor.Context.RunAndWaitForPageAsync(() => link.ClickAsync());
        await Assertions.Expect(status.Locator("[data-status]")).ToHaveTextAsync("Pending");
        await Assertions.Expect(status.Locator("[data-window]")).ToContainTextAsync("09:00–11:00");
        await Assertions.Expect(status.Locator("[data-window]")).ToContainTextAsync("America/New York");

        await status.GetByRole(AriaRole.Link, new() { Name = "Change time" }).ClickAsync();
        await status.GetByLabel("Day").FillAsync(DayAfterTomorrowInNewYork());
        await status.GetByLabel("From").FillAsync("13:00");
        await status.GetByLabel("To").FillAsync("14:30");
        await status.GetByRole(AriaRole.Button, new() { Name = "Save new time" }).ClickAsync();
        await Assertions.Expect(status.Locator("[data-notice]")).ToContainTextAsync("Your new time is saved");
        await Assertions.Expect(status.Locator("[data-window]")).ToContainTextAsync("13:00–14:30");
        await Assertions.Expect(card.Locator("[data-testid=callback-window-visitor]")).ToContainTextAsync("13:00–14:30");

        await status.GetByRole(AriaRole.Link, new() { Name = "Cancel request" }).ClickAsync();
        await Assertions.Expect(status.GetByRole(AriaRole.Heading, new() { Name = "Cancel your callback request?" })).ToBeVisibleAsync();
        await status.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel it" }).ClickAsync();
        await Assertions.Expect(status.Locator("[data-notice]")).ToContainTextAsync("Your callback request is cancelled");
        await Assertions.Expect(status.Locator("[data-outcome]")).ToHaveTextAsync("Cancelled by visitor");
        await Assertions.Expect(card.Locator("[data-status]")).ToHaveTextAsync("Resolved");
    }

    [Fact]
    public async Task The_status_page_fits_a_laptop_and_a_phone()
    {
        var path = await SubmitAsync("Dorothy Vaughan");
        foreach (var (device, width, height) in new[] { ("laptop", 1366, 768), ("phone", 390, 844) })
        {
            var page = await browser.NewPageAsync(width, height, timeZone: "America/New_York", locale: "en-US");

            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("[data-status]")).ToHaveTextAsync("Pending");
            await AssertFitsAsync(page);
            await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath($"visitor-link-pending-{device}.png") });

            await page.GotoAsync(path + "?step=change");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save new time" })).ToBeVisibleAsync();
            await page.GetByLabel("From").FillAsync("20:00");
            await page.GetByLabel("To").FillAsync("19:00");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save new time" }).ClickAsync();
            await Assertions.Expect(page.Locator("#cs-window-error")).ToHaveTextAsync(Domain.Callbacks.CallbackMessages.WindowOrder);
            await AssertFitsAsync(page);
            await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath($"visitor-link-change-{device}.png") });

            await page.GotoAsync(path + "?step=cancel");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel it" })).ToBeVisibleAsync();
            await AssertFitsAsync(page);
            await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath($"visitor-link-cancel-{device}.png") });

            var invalid = await page.GotoAsync("/callback/not-a-real-link");
            Assert.Equal(404, invalid!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link is no longer valid" })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath($"visitor-link-invalid-{device}.png") });
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Nothing wider than the screen: no sideways scrolling on a phone.</summary>
    private static async Task AssertFitsAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

    private static string DayAfterTomorrowInNewYork() =>
        TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), NewYork).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A request from New York for tomorrow 09:00–11:00 their time, through the widget API; returns its link's path.</summary>
    private async Task<string> SubmitAsync(string name)
    {
        var tomorrow = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), NewYork).Date.AddDays(1);
        DateTimeOffset At(int hour) => new(TimeZoneInfo.ConvertTimeToUtc(tomorrow.AddHours(hour), NewYork), TimeSpan.Zero);
        using var client = new HttpClient { BaseAddress = browser.App.BaseAddress };
        var response = await client.PostAsJsonAsync("/api/widget/callbacks", new
        {
            name, phone = "(212) 555-0199", country = "US", timeZone = "America/New_York",
            preferredWindow = new { start = At(9), end = At(11) },
        }, Ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return new Uri(body.GetProperty("statusUrl").GetString()!).PathAndQuery;
    }
}
