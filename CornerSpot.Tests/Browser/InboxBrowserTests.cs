using System.Text.RegularExpressions;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Web.Demo;
using CornerSpot.Domain.Persistence;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

public sealed class InboxBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Agent_finds_a_callback_opens_it_and_marks_it_resolved()
    {
        // Arrange: demo data plus one request we know, submitted as the widget would.
        var services = browser.App.Services;
        await new DemoData(services.GetRequiredService<IDbContextFactory<CornerSpotDb>>(), TimeProvider.System).SeedAsync(120, null, Ct);
        var intake = await services.GetRequiredService<CallbackIntake>().SubmitAsync(new CallbackSubmission
        {
            Name = "Ada Lovelace", Phone = "020 7946 0958", Country = "GB", Note = "Question about my invoice",
            TimeZone = "America/New_York", Email = "ada@example.com", PageUrl = "https://shop.example.com/pricing",
            PreferredWindow = new TimeWindow
            {
                Start = TimeProvider.System.GetUtcNow().AddDays(1).AddHours(4),
                End = TimeProvider.System.GetUtcNow().AddDays(1).AddHours(6),
            },
        }, null, Ct);
        var ada = Assert.IsType<IntakeResult.Accepted>(intake).Receipt;

        var page = await browser.OpenAsync("/dashboard/chat/inbox");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Live Chat Inbox");
        await Assertions.Expect(page.Locator("[data-testid=conversation-row]")).ToHaveCountAsync(50);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("inbox.png") });

        // Search by part of the number, typed as a person would.
        var search = page.GetByPlaceholder("Search conversations…");
        await search.FillAsync("07946 0958");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"[?&]q=07946%200958"));
        var rows = page.Locator("[data-testid=conversation-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Ada Lovelace");

        // Filter by status.
        await page.GetByRole(AriaRole.Group, new() { Name = "Status" }).GetByRole(AriaRole.Button, new() { Name = "Pending", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=pending"));
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        // Filter by queue: Ada asked in General; Billing has no such request.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Queue" }).SelectOptionAsync(new SelectOptionValue { Label = "Billing" });
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("queue=billing"));
        await Assertions.Expect(page.Locator("[data-testid=inbox-empty]")).ToContainTextAsync("Nothing matches");
        await page.GoBackAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("queue="));
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        // Open it.
        await rows.First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/dashboard/chat/inbox/{ada.ConversationId}"));
        var card = page.Locator("[data-testid=callback-card]");
        await Assertions.Expect(card.Locator("[data-testid=callback-phone]")).ToHaveAttributeAsync("href", "tel:+442079460958");
        await Assertions.Expect(card.Locator("[data-status]")).ToHaveTextAsync("Pending");
        await Assertions.Expect(page.Locator("[data-testid=customer-sidebar]")).ToContainTextAsync("Customer");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("conversation.png") });
        await card.ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserApp.ScreenshotPath("callback-card.png") });

        // Resolve it; the app bar's Pending badge counts one fewer.
        var pendingBefore = int.Parse(await page.Locator("[data-testid=pending-count]").InnerTextAsync());
        await card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Mark resolved" }).ClickAsync();
        await Assertions.Expect(card.Locator("[data-status]")).ToHaveTextAsync("Resolved");
        await Assertions.Expect(card.Locator("[data-testid=callback-resolved]")).ToContainTextAsync("Resolved by Administrator");
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Mark resolved" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=pending-count]")).ToHaveTextAsync((pendingBefore - 1).ToString());
        await card.ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserApp.ScreenshotPath("callback-card-resolved.png") });
        await using (var db = browser.App.Db())
            Assert.Equal(CallbackStatus.Resolved, (await db.CallbackRequests.SingleAsync(c => c.Id == ada.Id, Ct)).Status);

        // On a phone the list and the conversation take turns.
        var phone = await browser.OpenAsync("/dashboard/chat/inbox", 390, 844);
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("inbox-phone.png") });
        await phone.Locator("[data-testid=conversation-row]").First.ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=conversation]")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator(".cs-inbox__list")).ToBeHiddenAsync();
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("conversation-phone.png") });
    }
}
