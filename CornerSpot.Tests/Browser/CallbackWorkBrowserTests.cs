using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Persistence;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

/// <summary>Two agents in two Chromium contexts work one callback on the real app; neither ever reloads.</summary>
public sealed class CallbackWorkBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ILocator Card(IPage page) => page.Locator("[data-testid=callback-card]");

    private static ILocator Button(IPage page, string name) =>
        Card(page).GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>The whole card: the window grows for the shot (a card taller than its scrolling pane would be cut), then shrinks back.</summary>
    private static async Task ShootAsync(ILocator card, string name)
    {
        var size = card.Page.ViewportSize!;
        await card.Page.SetViewportSizeAsync(size.Width, 1600);
        // Snackbars float over the card's corner; a card shot shows the card alone.
        await card.Page.Locator(".mud-snackbar").EvaluateAllAsync<int>("els => { els.forEach(e => e.style.visibility = 'hidden'); return els.length; }");
        await card.ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserApp.ScreenshotPath(name) });
        await card.Page.SetViewportSizeAsync(size.Width, size.Height);
    }

    private static Task ShootAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath(name) });

    /// <summary>A visitor zone where it is late now (to show the call-hours guard on every run), else New York.</summary>
    private static string LateZone()
    {
        var options = CallbackOptions.Default;
        string[] zones = ["America/Los_Angeles", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Asia/Tokyo", "Pacific/Auckland", "Pacific/Honolulu"];
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return zones.FirstOrDefault(z => !RetrySchedule.IsWithinCallHours(now, TimeZoneInfo.FindSystemTimeZoneById(z), options)) ?? "America/New_York";
    }

    private async Task<Guid> SeedAsync(string name = "Ada Lovelace", string phone = "020 7946 0958")
    {
        var services = browser.App.Services;
        await new DemoData(services.GetRequiredService<IDbContextFactory<CornerSpotDb>>(), TimeProvider.System).SeedAsync(40, null, Ct);
        var now = TimeProvider.System.GetUtcNow();
        var intake = await services.GetRequiredService<CallbackIntake>().SubmitAsync(new CallbackSubmission
        {
            Name = name, Phone = phone, Country = "GB", Note = "Question about my invoice",
            TimeZone = LateZone(), Email = "ada@example.com",
            PreferredWindow = new TimeWindow { Start = now.AddDays(1).AddHours(2), End = now.AddDays(1).AddHours(4) },
        }, null, Ct);
        return Assert.IsType<IntakeResult.Accepted>(intake).Receipt.ConversationId;
    }

    private async Task RenameAsync(string email, string displayName)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        var agent = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        agent.DisplayName = displayName;
        await users.UpdateAsync(agent);
    }

    private static async Task LogCallAsync(IPage page, string outcome, string? note, string? screenshot = null)
    {
        await Button(page, "Log call").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.GetByText("How did the call to")).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeDisabledAsync();
        await dialog.Locator(".mud-radio", new() { HasTextString = outcome }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeEnabledAsync();
        if (note is not null) await dialog.Locator("#log-call-note").FillAsync(note);
        if (screenshot is not null) await ShootAsync(page, screenshot);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Two_agents_claim_log_a_missed_call_take_over_and_resolve_and_each_sees_the_other_live()
    {
        var conversation = await SeedAsync();
        var path = $"/dashboard/chat/inbox/{conversation}";
        await browser.App.CreateAgentAsync("bea@test.local", "Bea-Password-1", Roles.Agent);
        await RenameAsync("bea@test.local", "Bea Baker");
        var a = await browser.OpenAsync(path, 1366, 768);
        var b = await browser.OpenAsync(path, 1366, 768, email: "bea@test.local", password: "Bea-Password-1");
        await Assertions.Expect(Button(a, "I'm calling")).ToBeVisibleAsync();
        await Assertions.Expect(Card(a).Locator("[data-testid=call-hours-warning]")).ToContainTextAsync("for Ada Lovelace");
        await ShootAsync(Card(a), "callback-card-pending.png");

        // A: "I'm calling". B sees it without a reload.
        await Button(a, "I'm calling").ClickAsync();
        await Assertions.Expect(Card(a).Locator("[data-testid=claim-status]")).ToContainTextAsync("You're calling");
        await Assertions.Expect(Card(b).Locator("[data-testid=claim-status]")).ToContainTextAsync("Administrator is calling");
        await Assertions.Expect(Button(b, "Take over")).ToBeVisibleAsync();
        await Assertions.Expect(Button(b, "I'm calling")).ToHaveCountAsync(0);
        await ShootAsync(a, "callback-card-calling.png");
        await ShootAsync(Card(b), "callback-card-someone-calling.png");

        // A logs "No answer": both see the attempt and the next try; the claim is released.
        await LogCallAsync(a, "No answer", "Rang out, no voicemail.", screenshot: "callback-card-log-call.png");
        foreach (var page in new[] { a, b })
        {
            await Assertions.Expect(Card(page).Locator("[data-testid=callback-attempts]")).ToHaveTextAsync("Attempt 1 of 3");
            await Assertions.Expect(Card(page).Locator("[data-testid=callback-next-try]")).ToContainTextAsync("Next try");
            await Assertions.Expect(Card(page).Locator("[data-testid=claim-status]")).ToHaveCountAsync(0);
        }
        await Card(a).Locator("[data-testid=activity-toggle]").ClickAsync();
        await Assertions.Expect(Card(a).Locator("[data-testid=activity-line]", new() { HasTextString = "called · No answer" }))
            .ToContainTextAsync("Rang out, no voicemail.");
        await ShootAsync(Card(a), "callback-card-attempts.png");

        // B calls now; A takes over after confirming.
        await Button(b, "I'm calling").ClickAsync();
        await Assertions.Expect(Card(a).Locator("[data-testid=claim-status]")).ToContainTextAsync("Bea Baker is calling");
        await Button(a, "Take over").ClickAsync();
        await Assertions.Expect(a.GetByText("Take over from Bea Baker?")).ToBeVisibleAsync();
        await ShootAsync(a, "callback-card-take-over.png");
        await a.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Take over", Exact = true }).ClickAsync();
        await Assertions.Expect(Card(a).Locator("[data-testid=claim-status]")).ToContainTextAsync("You're calling");
        await Assertions.Expect(Card(b).Locator("[data-testid=claim-status]")).ToContainTextAsync("Administrator is calling");

        // A reaches the visitor: resolved with the outcome, live for B.
        await LogCallAsync(a, "Reached", null);
        foreach (var page in new[] { a, b })
        {
            await Assertions.Expect(Card(page).Locator("[data-status]")).ToHaveTextAsync("Resolved");
            await Assertions.Expect(Card(page).Locator("[data-testid=callback-outcome]")).ToHaveTextAsync("Reached");
            await Assertions.Expect(Button(page, "Reopen")).ToBeVisibleAsync();
        }
        await ShootAsync(Card(a), "callback-card-resolved-outcome.png");

        await using (var db = browser.App.Db())
        {
            var stored = await db.CallbackRequests.SingleAsync(c => c.ConversationId == conversation, Ct);
            Assert.Equal((CallbackStatus.Resolved, CallbackOutcome.Reached, 1), (stored.Status, stored.Outcome, stored.AttemptCount));
        }

        // The same card on a phone: resolved, then reopened (attempts kept), claimed, and the Log call dialog.
        var phone = await browser.OpenAsync(path, 390, 844);
        await Assertions.Expect(Card(phone).Locator("[data-testid=callback-outcome]")).ToHaveTextAsync("Reached");
        await ShootAsync(Card(phone), "callback-card-resolved-outcome-phone.png");
        await Button(phone, "Reopen").ClickAsync();
        await Assertions.Expect(Card(phone).Locator("[data-status]")).ToHaveTextAsync("Pending");
        await Assertions.Expect(Card(b).Locator("[data-status]")).ToHaveTextAsync("Pending");
        await ShootAsync(Card(phone), "callback-card-attempts-phone.png");
        await Button(phone, "I'm calling").ClickAsync();
        await Assertions.Expect(Card(phone).Locator("[data-testid=claim-status]")).ToContainTextAsync("You're calling");
        await ShootAsync(Card(phone), "callback-card-calling-phone.png");
        await Button(phone, "Log call").ClickAsync();
        await phone.Locator(".mud-dialog .mud-radio", new() { HasTextString = "Left voicemail" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeEnabledAsync();
        await ShootAsync(phone, "callback-card-log-call-phone.png");
        await phone.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Keyboard_shortcuts_move_through_the_list_focus_search_and_work_the_open_callback()
    {
        var conversation = await SeedAsync("Mary Somerville", "020 7946 0123");
        var page = await browser.OpenAsync($"/dashboard/chat/inbox/{conversation}", 1366, 768);
        await Assertions.Expect(Button(page, "I'm calling")).ToBeVisibleAsync();

        await page.Locator("[data-shortcuts=on]").WaitForAsync();
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.Locator(".cs-keys")).ToContainTextAsync("Next / previous conversation");
        await ShootAsync(page, "inbox-shortcuts.png");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".cs-keys")).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("c");
        await Assertions.Expect(Card(page).Locator("[data-testid=claim-status]")).ToContainTextAsync("You're calling");

        await page.Keyboard.PressAsync("/");
        await Assertions.Expect(page.Locator("#inbox-search")).ToBeFocusedAsync();
        // Typing in the search is typing, not a shortcut: "r" must not resolve.
        await page.Keyboard.TypeAsync("r");
        await Assertions.Expect(Card(page).Locator("[data-status]")).ToHaveTextAsync("Pending");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]q=r"));
        await page.Locator("#inbox-search").FillAsync("");
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]q="));
        await page.Locator("#inbox-search").BlurAsync();

        await page.Keyboard.PressAsync("j");
        var focusedRow = page.Locator("[data-testid=conversation-row]:focus");
        await Assertions.Expect(focusedRow).ToHaveCountAsync(1);
        var target = await focusedRow.GetAttributeAsync("data-conversation-id");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/dashboard/chat/inbox/{target}"));
    }
}
